"""API of the privacy app (mounted at /api): the audit log, read-only."""

from django.db.models import QuerySet
from ninja import Query, Router
from ninja.pagination import paginate

from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.models import AuditEntry
from alleyhub.core.pagination import BoundedPageNumberPagination

from . import selectors
from .schemas import AuditEntryOut, AuditFilters
from .selectors import AuditListParams

router = Router(tags=["privacy"], auth=api_auth_required)


@router.get(
    "/audit",
    response={200: list[AuditEntryOut]},
    summary="Audit log (operators and the task force)",
)
@paginate(BoundedPageNumberPagination)
def audit_list(request, filters: Query[AuditFilters]) -> QuerySet[AuditEntry]:
    """Who did what to which object, when and from which IP, newest first. The same rows as the
    page `/privacy/audit/` for the same parameters. 403 for every other role."""
    params = AuditListParams(**filters.dict())
    return selectors.audit_list(user=request.user, params=params)
