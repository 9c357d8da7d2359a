"""Writes for the service list (服务清单): service providers and functional platforms keep their own
services (create, change, publish, archive, attachments), operators any. The shared machinery —
version checks, status moves, audit — is `alleyhub.directory.listing_services`, the same as for
outcomes and demands."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from alleyhub.directory.listing_services import LISTING_MOVES as LISTING_MOVES
from alleyhub.directory.listing_services import listing_archive as listing_archive
from alleyhub.directory.listing_services import listing_confirm as listing_confirm
from alleyhub.directory.listing_services import listing_create, listing_update
from alleyhub.directory.listing_services import listing_publish as listing_publish
from alleyhub.directory.models import Organization, OrganizationKind

from .models import ServiceOffering

SERVICE_FIELDS = {
    "language",
    "category",
    "title_zh",
    "title_en",
    "description_zh",
    "description_en",
    "stages",
    "eligibility_zh",
    "eligibility_en",
    "how_to_apply_zh",
    "how_to_apply_en",
    "is_free",
    "fee_zh",
    "fee_en",
    "contact_name",
    "contact_phone",
    "contact_email",
    "expires_on",
}
# Who offers services: service providers and functional platforms (operators: any organisation,
# e.g. a government unit's policy service entered by the district office).
SERVICE_OWNER_KINDS = frozenset({OrganizationKind.SERVICE_PROVIDER, OrganizationKind.PLATFORM})


@transaction.atomic
def service_create(*, actor: Any, owner: Organization, **data: Any) -> ServiceOffering:
    """Create a draft service for `owner`. Raises PermissionDenied (not a member, or the
    organisation is not a service provider / platform), ValidationError, ApplicationError (422
    unknown fields)."""
    return listing_create(
        ServiceOffering,
        actor=actor,
        owner=owner,
        allowed=SERVICE_FIELDS,
        m2m={},
        data=data,
        code="catalogue.serviceoffering.created",
        owner_kinds=SERVICE_OWNER_KINDS,
    )


def service_update(
    *, service: ServiceOffering, actor: Any, expected_version: int | None = None, **data: Any
) -> ServiceOffering:
    """Change the given fields of a service, as it is stored now. Raises PermissionDenied,
    ValidationError, ConflictError (409, stale `expected_version`), ApplicationError (422)."""
    return listing_update(
        ServiceOffering,
        pk=service.pk,
        owner_id=service.owner_id,
        actor=actor,
        allowed=SERVICE_FIELDS,
        expected_version=expected_version,
        m2m={},
        data=data,
        code="catalogue.serviceoffering.updated",
    )
