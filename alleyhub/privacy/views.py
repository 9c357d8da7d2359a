from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from alleyhub.core.lists import paginate, render_list

from . import selectors
from .forms import AuditFilterForm
from .selectors import AuditListParams


@login_required
@require_GET
def audit_list(request) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    params = AuditListParams(**form.filters())
    rows = selectors.audit_list(user=request.user, params=params)
    return render_list(
        request,
        "privacy/audit_list.html",
        {"page_obj": paginate(request, rows, per_page=AUDIT_PAGE_SIZE), "form": form},
    )


AUDIT_PAGE_SIZE = 50
