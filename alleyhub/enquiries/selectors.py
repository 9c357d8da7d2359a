"""Reads for enquiries. Who sees an enquiry: its applicant, the members of the organisation it was
sent to, and the platform's operators and task force (read only unless they act for every
organisation, as operators do)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from alleyhub.accounts.models import Role, User
from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.catalogue.models import ServiceOffering
from alleyhub.directory.models import Organization
from alleyhub.directory.ownership import (
    acts_for_every_organization,
    can_edit_for_organization,
    is_operator,
    listing_get_for_user,
)
from alleyhub.spaces.models import SpaceUnit

from .models import OPEN_STATUSES, Enquiry, EnquiryKind, EnquiryMessage, EnquiryStatus, ServiceForm
from .transitions import APPLICANT, ENQUIRY_MOVES, PROVIDER

TARGET_MODELS: dict[str, type[Any]] = {EnquiryKind.SERVICE: ServiceOffering, EnquiryKind.SPACE: SpaceUnit}


def _as_id(value: Any) -> int:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not (0 < pk < 2**63):
        raise Http404
    return pk


def enquiry_roles_for_user(*, enquiry: Enquiry, user) -> set[str]:
    """The capacities in which `user` may act on `enquiry` (empty: none)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    roles = set()
    if enquiry.applicant_id == user.pk:
        roles.add(APPLICANT)
    if enquiry.provider_id in user_organization_ids(user) or acts_for_every_organization(user):
        roles.add(PROVIDER)
    return roles


def enquiry_get_for_user(*, pk: Any, user, for_write: bool = False) -> Enquiry:
    """The enquiry, if `user` may see it (for_write: act on it). Raises Http404 for one they may not
    see (nobody learns that it exists), PermissionDenied for one they may see but not act on."""
    enquiry = (
        Enquiry.objects.select_related(
            "service", "space_unit__building", "provider", "applicant", "applicant_organization"
        )
        .filter(pk=_as_id(pk))
        .first()
    )
    if enquiry is None:
        raise Http404
    roles = enquiry_roles_for_user(enquiry=enquiry, user=user)
    if not roles and not is_operator(user):
        raise Http404
    if for_write and not roles:
        raise PermissionDenied(_("您只能查看此申请。"))
    return enquiry


def enquiry_actions_for_user(*, enquiry: Enquiry, user) -> list[str]:
    roles = enquiry_roles_for_user(enquiry=enquiry, user=user)
    if not roles:
        return []
    return [t.action for t in ENQUIRY_MOVES.allowed(enquiry.status, roles)]


def enquiry_thread(*, enquiry: Enquiry) -> QuerySet[EnquiryMessage]:
    return enquiry.messages.select_related("author").order_by("created_at", "pk")


def provider_organizations(user) -> QuerySet[Organization]:
    """Organisations whose inbox `user` reads (operators and the task force: every one)."""
    if is_operator(user):
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=user_organization_ids(user))


def has_inbox(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and (is_operator(user) or user_organization_ids(user))
    )


@dataclass(frozen=True)
class EnquiryListParams:
    """`scope`: "mine" (sent by me) or "inbox" (sent to my organisations; every one for operators
    and the task force). `status`, `kind`: one value or "" for all. `listing`: "service:<id>" or
    "space:<id>" or ""."""

    scope: str = "mine"
    status: str = ""
    kind: str = ""
    listing: str = ""


def enquiry_list(*, user, params: EnquiryListParams) -> QuerySet[Enquiry]:
    """The enquiries for a page or the API, newest first. Unknown filter values are ignored (the
    pages' forms and the API validate them first)."""
    qs = Enquiry.objects.select_related(
        "service", "space_unit", "provider", "applicant", "applicant_organization"
    )
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if params.scope == "inbox":
        if not is_operator(user):
            qs = qs.filter(provider_id__in=user_organization_ids(user))
    else:
        qs = qs.filter(applicant=user)
    if params.status in EnquiryStatus.values:
        qs = qs.filter(status=params.status)
    if params.kind in EnquiryKind.values:
        qs = qs.filter(kind=params.kind)
    kind, _sep, raw_id = params.listing.partition(":")
    if raw_id.isdigit():
        if kind == EnquiryKind.SERVICE:
            qs = qs.filter(service_id=int(raw_id))
        elif kind == EnquiryKind.SPACE:
            qs = qs.filter(space_unit_id=int(raw_id))
    return qs.order_by("-created_at", "-pk")


def inbox_listing_choices(*, user) -> list[tuple[str, str]]:
    """The listings that have enquiries in `user`'s inbox, for the inbox's listing filter."""
    qs = enquiry_list(user=user, params=EnquiryListParams(scope="inbox"))
    choices: dict[str, str] = {}
    for e in qs.order_by("kind", "service_id", "space_unit_id")[:500]:
        value = f"{e.kind}:{e.service_id or e.space_unit_id}"
        choices.setdefault(value, f"{e.get_kind_display()} · {e.target_title}")
    return list(choices.items())


def open_counts(*, user) -> dict[str, int]:
    """For the home page: open enquiries I sent, and new ones waiting in my organisations' inbox."""
    if not getattr(user, "is_authenticated", False):
        return {"sent_open": 0, "inbox_new": 0}
    sent = Enquiry.objects.filter(applicant=user, status__in=OPEN_STATUSES).count()
    org_ids = user_organization_ids(user)
    inbox = (
        Enquiry.objects.filter(provider_id__in=org_ids, status=EnquiryStatus.NEW).count() if org_ids else 0
    )
    return {"sent_open": sent, "inbox_new": inbox}


def target_get_for_user(*, kind: str, pk: Any, user) -> ServiceOffering | SpaceUnit:
    """The service or space unit an enquiry would go to, if `user` may see it (else Http404)."""
    model = TARGET_MODELS.get(kind)
    if model is None:
        raise Http404
    queryset = SpaceUnit.objects.select_related("building") if kind == EnquiryKind.SPACE else None
    return listing_get_for_user(model, pk=pk, user=user, queryset=queryset)


def service_get_for_user(*, pk: Any, user) -> ServiceOffering:
    """A service `user` may see (else Http404)."""
    return listing_get_for_user(ServiceOffering, pk=pk, user=user)


def service_questions(*, service: ServiceOffering) -> list[dict[str, Any]]:
    form = ServiceForm.objects.filter(service=service).first()
    return list(form.questions) if form else []


def provider_recipients(*, organization: Organization) -> list[User]:
    """Who hears about enquiries sent to `organization`: every active member; the platform's
    operators when it has none, so that no enquiry goes unread."""
    members = list(User.objects.filter(memberships__organization=organization, is_active=True).distinct())
    if members:
        return members
    return list(User.objects.filter(role=Role.OPERATOR, is_active=True))


def can_edit_service_form(*, service: ServiceOffering, user) -> bool:
    """Members of the provider and operators edit a service's application form."""
    return can_edit_for_organization(user=user, organization_id=service.owner_id)
