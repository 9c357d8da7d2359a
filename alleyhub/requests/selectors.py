"""Reads and permission checks for enterprise requests.

Who sees and does what:
- the task force (role task_force), operators and superusers see every request and act on all;
- unit staff (role unit_staff) who are members of the responsible unit act on its requests;
  members of a cooperating unit may view them;
- members of the submitting enterprise see their organisation's requests and may close/rate and
  reopen them;
- nobody else sees a request. An existing request a signed-in user may not see is a 403
  (PermissionDenied); an unknown id is a 404.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import Membership, Role, User
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.uploads import StoredFile
from alleyhub.directory.models import Organization, OrganizationKind

from .deadlines import GREEN, RED, YELLOW, current_deadline
from .models import (
    OPEN_STATUSES,
    EnterpriseRequest,
    Escalation,
    RequestAttachment,
    RequestRating,
    RequestStatus,
)
from .transitions import ENTERPRISE, TASK_FORCE, UNIT, VIEWER, allowed_actions
from .working_days import working_days_elapsed

logger = logging.getLogger(__name__)

DEFAULT_TASK_FORCE_SLUG = "task-force"


# --- the task force --------------------------------------------------------------------------


def task_force_slug() -> str:
    return getattr(settings, "REQUESTS_TASK_FORCE_SLUG", DEFAULT_TASK_FORCE_SLUG)


def task_force_unit_get() -> Organization | None:
    return Organization.objects.filter(slug=task_force_slug()).first()


def task_force_leads() -> list:
    """Who hears about escalations: admins (Membership role admin) of the task-force organisation
    with role task_force; if there are none, every active user with role task_force."""
    unit = task_force_unit_get()
    leads = []
    if unit is not None:
        leads = list(
            User.objects.filter(
                is_active=True,
                memberships__organization=unit,
                memberships__role=Membership.MemberRole.ADMIN,
            ).distinct()
        )
    if not leads:
        leads = list(User.objects.filter(is_active=True, role=Role.TASK_FORCE).order_by("pk"))
    return leads


def unit_staff(unit: Organization) -> list:
    return list(
        User.objects.filter(is_active=True, role=Role.UNIT_STAFF, memberships__organization=unit).distinct()
    )


def enterprise_members(req: EnterpriseRequest) -> list:
    """Who hears about their request: the submitter, else the organisation's members."""
    if req.submitter.is_active:
        return [req.submitter]
    return list(User.objects.filter(is_active=True, memberships__organization=req.organization).distinct())


# --- roles and visibility --------------------------------------------------------------------


def _is_task_force(user) -> bool:
    return bool(user.is_superuser or user.role in (Role.TASK_FORCE, Role.OPERATOR))


def _org_ids(user) -> set[int]:
    return set(Membership.objects.filter(user=user).values_list("organization_id", flat=True))


def request_roles_for_user(*, request: EnterpriseRequest, user) -> set[str]:
    """The capacities in which `user` relates to `request` (see transitions.py)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    roles: set[str] = set()
    orgs = _org_ids(user)
    if _is_task_force(user):
        roles.add(TASK_FORCE)
    if user.role == Role.UNIT_STAFF and request.responsible_unit_id in orgs:
        roles.add(UNIT)
    if request.organization_id in orgs:
        roles.add(ENTERPRISE)
    if request.cooperating_units.filter(pk__in=orgs).exists():
        roles.add(VIEWER)
    return roles


def request_visible_q(user) -> Q | None:
    """Q for the requests `user` may see; None means all of them."""
    if _is_task_force(user):
        return None
    orgs = _org_ids(user)
    return Q(organization_id__in=orgs) | Q(responsible_unit_id__in=orgs) | Q(cooperating_units__in=orgs)


def request_list_for_user(*, user, scope: str = "all") -> QuerySet[EnterpriseRequest]:
    """Requests `user` may see. scope: "mine" (their organisations' own requests), "unit" (requests
    their units are responsible for or cooperate on; every open one for the task force), "all"."""
    qs = EnterpriseRequest.objects.select_related("organization", "responsible_unit", "submitter")
    if user is None or not user.is_authenticated:
        return qs.none()
    orgs = _org_ids(user)
    if scope == "mine":
        qs = qs.filter(organization_id__in=orgs)
    elif scope == "unit":
        if _is_task_force(user):
            qs = qs.filter(Q(status__in=OPEN_STATUSES) | Q(responsible_unit_id__in=orgs))
        else:
            qs = qs.filter(Q(responsible_unit_id__in=orgs) | Q(cooperating_units__in=orgs))
    else:
        visible = request_visible_q(user)
        if visible is not None:
            qs = qs.filter(visible)
    # The cooperating-units join may repeat rows; filter on ids to keep ordering and slicing simple.
    return EnterpriseRequest.objects.select_related("organization", "responsible_unit", "submitter").filter(
        pk__in=qs.values("pk")
    )


def request_get_for_user(*, request_id: int, user, for_write: bool = False) -> EnterpriseRequest:
    """The request if `user` may see it (for_write: act on it in some capacity).
    Raises Http404 for an unknown id, PermissionDenied otherwise."""
    req = (
        EnterpriseRequest.objects.select_related("organization", "responsible_unit", "submitter")
        .filter(pk=request_id)
        .first()
    )
    if req is None:
        raise Http404
    roles = request_roles_for_user(request=req, user=user)
    if not roles:
        raise PermissionDenied(_("您无权查看此诉求。"))
    if for_write and not (roles - {VIEWER}):
        raise PermissionDenied(_("您无权处理此诉求。"))
    return req


def request_actions_for_user(*, request: EnterpriseRequest, user, now: datetime | None = None) -> list[str]:
    """The actions (transitions.REQUEST_MOVES) `user` may take on `request` now, in table order."""
    roles = request_roles_for_user(request=request, user=user)
    return [t.action for t in allowed_actions(request=request, roles=roles, now=now)]


def attachment_for_download(*, pk: int, user) -> StoredFile:
    """An attachment for core.uploads.protected_file_view: for whoever may see its request.
    Raises Http404 for an unknown id, PermissionDenied otherwise."""
    att = RequestAttachment.objects.select_related("request").filter(pk=pk).first()
    if att is None:
        raise Http404
    request_get_for_user(request_id=att.request_id, user=user)
    return StoredFile(file=att.file, filename=att.original_name, content_type=att.content_type)


# --- lists (one selector for each list's page and API) ----------------------------------------

SCOPES = ("mine", "unit", "all")
SORTS = ("newest", "deadline")
_COLOUR_ORDER = {RED: 0, YELLOW: 1, GREEN: 2}


@dataclass(frozen=True)
class RequestListParams:
    """What a request list shows. The pages (mine, inbox) and the API list build it from their
    query and call `request_list`, so the same parameters give the same rows in the same order.

    - scope: see `request_list_for_user`;
    - status: one RequestStatus value, or "" for all;
    - sort: "newest" (submitted, newest first) or "deadline" (running deadlines first — red,
      yellow, green, oldest first within a colour — then the rest newest first).

    Raises ApplicationError (422) for a value outside these."""

    scope: str = "all"
    status: str = ""
    sort: str = "newest"

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ApplicationError(_("scope 只能是 mine、unit 或 all。"), status=422)
        if self.status and self.status not in RequestStatus.values:
            raise ApplicationError(_("未知的状态：%(status)s") % {"status": self.status}, status=422)
        if self.sort not in SORTS:
            raise ApplicationError(_("sort 只能是 newest 或 deadline。"), status=422)


def request_list(
    *, user, params: RequestListParams, now: datetime | None = None
) -> QuerySet[EnterpriseRequest] | list[EnterpriseRequest]:
    """The requests `user` may see in `params.scope`, filtered and sorted by `params`. Sorting by
    deadline needs each request's working-day deadline, so that sort returns a list."""
    qs = request_list_for_user(user=user, scope=params.scope)
    if params.status:
        qs = qs.filter(status=params.status)
    qs = qs.order_by("-submitted_at", "-pk")
    if params.sort == "newest":
        return qs
    now = now or timezone.now()
    running, rest = [], []
    for r in qs:
        deadline = current_deadline(r, now)
        if deadline is None:
            rest.append(r)
        else:
            running.append((_COLOUR_ORDER[deadline.colour], r.submitted_at, r.pk, r))
    running.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in running] + rest


def user_can_submit(user) -> bool:
    return bool(user.is_authenticated and submitter_organizations(user).exists())


def submitter_organizations(user) -> QuerySet[Organization]:
    """The enterprises on whose behalf `user` may submit."""
    return Organization.objects.filter(memberships__user=user, kind=OrganizationKind.ENTERPRISE).distinct()


def user_units(user) -> QuerySet[Organization]:
    return Organization.objects.filter(
        memberships__user=user, kind=OrganizationKind.GOVERNMENT_UNIT
    ).distinct()


def request_timeline(*, request: EnterpriseRequest):
    return request.events.select_related("actor").order_by("at", "pk")


def with_deadlines(
    requests: Iterable[EnterpriseRequest], now: datetime | None = None
) -> list[EnterpriseRequest]:
    """Attach `deadline` (DeadlineState or None) to each request for display."""
    now = now or timezone.now()
    rows = list(requests)
    for r in rows:
        r.deadline = current_deadline(r, now)
    return rows


# --- dashboard -------------------------------------------------------------------------------


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


@dataclass
class Figures:
    submitted: int = 0
    open: int = 0
    median_days_to_accept: float | None = None
    median_days_to_answer: float | None = None
    answered: int = 0
    answered_on_time: int = 0
    rating_avg: float | None = None
    rating_count: int = 0
    overdue: int = 0

    @property
    def on_time_share(self) -> float | None:
        return round(self.answered_on_time / self.answered, 3) if self.answered else None

    @property
    def on_time_percent(self) -> int | None:
        share = self.on_time_share
        return None if share is None else round(share * 100)


@dataclass
class Dashboard:
    start: date
    end: date
    totals: Figures
    per_unit: list[tuple[Organization, Figures]]
    open_by_unit_status: list[dict]
    overdue: list[EnterpriseRequest]
    escalations: list[Escalation] = field(default_factory=list)


def _range(start: date, end: date) -> tuple[datetime, datetime]:
    lo = timezone.make_aware(datetime.combine(start, time.min))
    hi = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return lo, hi


def _figures(rows: list[EnterpriseRequest], ratings: QuerySet, now: datetime) -> Figures:
    f = Figures(submitted=len(rows))
    f.open = sum(1 for r in rows if r.status in OPEN_STATUSES)
    f.median_days_to_accept = _median(
        [working_days_elapsed(r.routed_at, r.accepted_at) for r in rows if r.accepted_at]
    )
    f.median_days_to_answer = _median(
        # A reopened request's clock restarted after its last answer: not answered (again) yet.
        [
            working_days_elapsed(r.answer_started_at, r.answered_at)
            for r in rows
            if r.answered_at and r.answer_started_at and r.answered_at >= r.answer_started_at
        ]
    )
    answered = [r for r in rows if r.answered_on_time is not None]
    f.answered = len(answered)
    f.answered_on_time = sum(1 for r in answered if r.answered_on_time)
    agg = ratings.aggregate(avg=Avg("score"), n=Count("pk"))
    f.rating_avg = round(agg["avg"], 2) if agg["avg"] is not None else None
    f.rating_count = agg["n"]
    f.overdue = sum(1 for r in rows if (d := current_deadline(r, now)) and d.colour == RED)
    return f


def dashboard_for_user(*, user, start: date, end: date, now: datetime | None = None) -> Dashboard:
    """Task-force dashboard over requests submitted between `start` and `end` (inclusive, local
    dates). Only the task force and operators may see it (PermissionDenied otherwise).

    - open by unit and status: requests of the range that are not answered/closed;
    - overdue: every request whose running deadline has passed (whatever its submission date);
    - medians in working days: routing → acceptance, clock start → answer;
    - on time: answered requests whose answer came before the answer deadline;
    - satisfaction: mean rating of ratings given to the range's requests."""
    if not user.is_authenticated or not _is_task_force(user):
        raise PermissionDenied(_("只有工作专班和运营方可以查看看板。"))
    return dashboard_figures(start=start, end=end, now=now)


def dashboard_figures(*, start: date, end: date, now: datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    lo, hi = _range(start, end)
    rows = list(
        EnterpriseRequest.objects.filter(submitted_at__gte=lo, submitted_at__lt=hi).select_related(
            "responsible_unit", "organization"
        )
    )
    ratings = RequestRating.objects.filter(request__submitted_at__gte=lo, request__submitted_at__lt=hi)
    totals = _figures(rows, ratings, now)
    units: dict[int, Organization] = {r.responsible_unit_id: r.responsible_unit for r in rows}
    per_unit = []
    for unit_id, unit in sorted(units.items(), key=lambda kv: str(kv[1])):
        unit_rows = [r for r in rows if r.responsible_unit_id == unit_id]
        per_unit.append((unit, _figures(unit_rows, ratings.filter(unit_id=unit_id), now)))
    open_counts = (
        EnterpriseRequest.objects.filter(submitted_at__gte=lo, submitted_at__lt=hi, status__in=OPEN_STATUSES)
        .values("responsible_unit", "status")
        .annotate(n=Count("pk"))
        .order_by("responsible_unit", "status")
    )
    by_unit: dict[int, dict] = {}
    for row in open_counts:
        entry = by_unit.setdefault(
            row["responsible_unit"], {"unit": units.get(row["responsible_unit"]), "counts": {}, "total": 0}
        )
        entry["counts"][row["status"]] = row["n"]
        entry["total"] += row["n"]
    for entry in by_unit.values():
        entry["cells"] = [entry["counts"].get(s, 0) for s in OPEN_STATUSES]
    overdue = [
        r
        for r in with_deadlines(
            EnterpriseRequest.objects.filter(
                status__in=(
                    RequestStatus.SUBMITTED,
                    RequestStatus.ACCEPTED,
                    RequestStatus.IN_PROGRESS,
                    RequestStatus.REOPENED,
                )
            ).select_related("responsible_unit", "organization"),
            now,
        )
        if r.deadline and r.deadline.colour == RED
    ]
    overdue.sort(key=lambda r: r.deadline.due if r.deadline else now)
    escalations = list(
        Escalation.objects.filter(resolved_at__isnull=True)
        .select_related("request", "unit")
        .order_by("-created_at")[:50]
    )
    return Dashboard(
        start=start,
        end=end,
        totals=totals,
        per_unit=per_unit,
        open_by_unit_status=sorted(by_unit.values(), key=lambda e: str(e["unit"])),
        overdue=overdue,
        escalations=escalations,
    )
