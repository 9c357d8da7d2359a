"""Reads and permission checks for the brokers' pipeline. Selectors never write.

Who may do what with a case:
- operators (role operator, superusers): see and act on every case;
- the task force (`user.is_operator` without being an operator): sees every case and its files,
  acts on none (docs/permissions.md: staff other than operators read, they do not write);
- the responsible broker and the co-brokers: see and act on their cases;
- parties (members of the demand-side or supply-side organisation, the expert's own account):
  see the case and its activities; files only after they accept the case's confidentiality
  terms; they may rate a finished case;
- anyone else (other brokers included): nothing.

The confidential part of a listing on the case (the outcome's, the demand's, the investor
profile's) is another matter, decided by `listings.selectors.can_view_confidential`: besides the
owner's members and operators, only people on a case the owner's side agreed to
(`case_side_agreed`) who accepted the case's confidentiality terms (`user_is_party_to_listing_case`).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, BooleanField, Count, Q, QuerySet, Sum, Value
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import User
from alleyhub.core.transitions import Transition, TransitionTable, table_from_targets
from alleyhub.core.uploads import StoredFile
from alleyhub.directory.hooks import ContactParties
from alleyhub.directory.models import Person
from alleyhub.directory.ownership import acts_for_every_organization
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome

from .models import (
    Case,
    CaseActivity,
    CaseRating,
    CaseStageChange,
    ConfidentialityAcceptance,
    StageRule,
    StageTransition,
)
from .transitions import FINAL_STAGES, PIPELINE, Stage

# Columns of the board and the order moves are offered in: the pipeline, then "closed".
STAGE_ORDER: list[Stage] = [*PIPELINE, Stage.CLOSED]


class CaseRole:
    OPERATOR = "operator"
    OBSERVER = "observer"  # the task force: reads every case, acts on none
    BROKER = "broker"
    CO_BROKER = "co_broker"
    PARTY = "party"


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _party_q(user: User, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}demand_org__memberships__user": user})
        | Q(**{f"{prefix}supply_org__memberships__user": user})
        | Q(**{f"{prefix}expert__user": user})
    )


def case_role_of(*, case: Case, user: Any) -> str | None:
    """The capacity in which `user` takes part in `case` (a CaseRole value), or None."""
    if not _signed_in(user):
        return None
    if acts_for_every_organization(user):
        return CaseRole.OPERATOR
    if user.is_operator:
        return CaseRole.OBSERVER
    if case.broker_id == user.pk:
        return CaseRole.BROKER
    if case.co_brokers.filter(pk=user.pk).exists():
        return CaseRole.CO_BROKER
    if Case.objects.filter(pk=case.pk).filter(_party_q(user)).exists():
        return CaseRole.PARTY
    return None


def cases_visible_to(*, user: Any) -> QuerySet[Case]:
    """Every case `user` may see (none for anonymous users)."""
    qs = Case.objects.select_related(
        "demand_org", "supply_org", "broker", "outcome", "expert", "investor", "demand"
    )
    if not _signed_in(user):
        return qs.none()
    if user.is_operator:
        return qs
    ids = Case.objects.filter(Q(broker=user) | Q(co_brokers=user) | _party_q(user)).values("pk")
    return qs.filter(pk__in=ids)


def cases_brokered_by(*, user: User) -> QuerySet[Case]:
    """The cases `user` is the responsible broker or a co-broker of."""
    if not _signed_in(user):
        return Case.objects.none()
    ids = Case.objects.filter(Q(broker=user) | Q(co_brokers=user)).values("pk")
    return cases_visible_to(user=user).filter(pk__in=ids)


# ---- the case list: one selector for the board, the "my cases" page and the API ----------------

# sort key -> ordering; the first is the default.
CASE_SORTS: dict[str, tuple[str, ...]] = {
    "-last_activity_at": ("-last_activity_at", "-id"),
    "last_activity_at": ("last_activity_at", "id"),
    "-created_at": ("-created_at", "-id"),
    "title": ("title", "id"),
}


@dataclass(frozen=True)
class CaseListParams:
    """What a list of cases can be narrowed and sorted by. The board and the "my cases" page build
    it from their filter form, the API from its query schema.

    - `q`: words in the title or the demand side's name (Chinese or English);
    - `brokered`: only cases the user brokers (the board of a broker; operators see all anyway);
    - `broker_id`: cases where that user is the responsible broker or a co-broker;
    - `stale`: only cases idle longer than their stage's reminder period (StageRule)."""

    q: str = ""
    stage: str = ""
    supply_kind: str = ""
    broker_id: int | None = None
    stale: bool = False
    brokered: bool = False
    sort: str = "-last_activity_at"


def case_list(*, user: Any, params: CaseListParams, now: datetime | None = None) -> QuerySet[Case]:
    """The cases `user` may see, filtered and sorted by `params` (unknown sorts fall back to the
    default: the most recently active first)."""
    if params.brokered and not getattr(user, "is_operator", False):
        qs = cases_brokered_by(user=user)
    else:
        qs = cases_visible_to(user=user)
    q = params.q.strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(demand_org__name_zh__icontains=q) | Q(demand_org__name_en__icontains=q)
        )
    if params.stage:
        qs = qs.filter(stage=params.stage)
    if params.supply_kind:
        qs = qs.filter(supply_kind=params.supply_kind)
    if params.broker_id is not None:
        ids = Case.objects.filter(Q(broker_id=params.broker_id) | Q(co_brokers=params.broker_id)).values("pk")
        qs = qs.filter(pk__in=ids)
    if params.stale:
        qs = qs.filter(_stale_q(now=now or timezone.now()))
    return qs.order_by(*CASE_SORTS.get(params.sort, CASE_SORTS["-last_activity_at"]))


def _stale_q(*, now: datetime) -> Q:
    """Cases idle at least their stage's `remind_after_days` (the database side of case_is_stale)."""
    stale = Q(pk__in=[])
    for rule in StageRule.objects.exclude(stage__in=FINAL_STAGES):
        stale |= Q(stage=rule.stage, last_activity_at__lte=now - timedelta(days=rule.remind_after_days))
    return stale


def case_get_for_user(*, case_id: int, user: Any, for_write: bool = False) -> Case:
    """The case, if `user` may see it (or act on it, with `for_write`). Raises Http404 when it
    does not exist and PermissionDenied when the user has no role on it."""
    case = (
        Case.objects.select_related(
            "demand_org", "supply_org", "broker", "outcome", "expert", "investor", "demand"
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    role = case_role_of(case=case, user=user)
    if role is None:
        raise PermissionDenied
    if for_write and role in (CaseRole.PARTY, CaseRole.OBSERVER):
        raise PermissionDenied
    return case


def case_party_users(*, case: Case) -> QuerySet[User]:
    """The people on the demand and supply sides of the case."""
    q = Q(memberships__organization=case.demand_org_id)
    if case.supply_org_id:
        q |= Q(memberships__organization=case.supply_org_id)
    if case.expert_id:
        q |= Q(person__pk=case.expert_id)
    return User.objects.filter(q, is_active=True).distinct()


def case_has_accepted_terms(*, case: Case, user: Any) -> bool:
    return ConfidentialityAcceptance.objects.filter(case=case, user=user).exists()


def case_acceptance_of(*, case: Case, user: Any) -> ConfidentialityAcceptance | None:
    if not _signed_in(user):
        return None
    return ConfidentialityAcceptance.objects.filter(case=case, user=user).first()


def case_can_see_confidential(*, case: Case, user: Any) -> bool:
    """Files and the outcome's confidential part: brokers on the case and operators always;
    parties once they have accepted the confidentiality terms."""
    role = case_role_of(case=case, user=user)
    if role in (CaseRole.OPERATOR, CaseRole.OBSERVER, CaseRole.BROKER, CaseRole.CO_BROKER):
        return True
    return role == CaseRole.PARTY and case_has_accepted_terms(case=case, user=user)


def case_file_for_download(*, pk: int, user: Any) -> StoredFile:
    """The file of activity `pk`, for core.uploads.protected_file_view. Raises Http404 when there
    is no such file, PermissionDenied unless `user` may see the case's confidential part."""
    activity = CaseActivity.objects.select_related("case").filter(pk=pk).exclude(file="").first()
    if activity is None:
        raise Http404
    case = case_get_for_user(case_id=activity.case_id, user=user)
    if not case_can_see_confidential(case=case, user=user):
        raise PermissionDenied
    return StoredFile(file=activity.file, filename=activity.file_name, content_type=activity.content_type)


SIDE_OF_LISTING: dict[type, tuple[str, str]] = {
    # listing model -> (the case's field for it, the side whose organisation owns it)
    TechOutcome: ("outcome", "supply"),
    InvestorProfile: ("investor", "supply"),
    TechDemand: ("demand", "demand"),
}


def case_side_agreed(*, case: Case, side: str) -> bool:
    """Whether the organisation of `side` ("supply" or "demand") agreed to the case."""
    return getattr(case, f"{side}_accepted_at") is not None


def case_sides_of_member(*, case: Case, user: Any) -> list[str]:
    """The sides ("supply", "demand") whose organisation `user` is a member of."""
    if not _signed_in(user):
        return []
    org_ids = set(user.memberships.values_list("organization_id", flat=True))
    sides = []
    if case.supply_org_id is not None and case.supply_org_id in org_ids:
        sides.append("supply")
    if case.demand_org_id in org_ids:
        sides.append("demand")
    return sides


def user_is_party_to_listing_case(*, user: Any, listing: Any) -> bool:
    """True when `user` is on an open case about `listing` (a TechOutcome, TechDemand or
    InvestorProfile) — its responsible broker, a co-broker or a party — *and* the listing owner's
    side agreed to that case *and* `user` accepted the case's confidentiality terms. Closed cases
    do not count. The `listings.hooks.confidential_access` grantor: a broker who merely opened a
    case sees nothing confidential until the owner agrees."""
    if not _signed_in(user) or listing is None or listing.pk is None:
        return False
    found = SIDE_OF_LISTING.get(type(listing))
    if found is None:
        return False
    field_name, side = found
    cases = (
        Case.objects.filter(**{field_name: listing}, **{f"{side}_accepted_at__isnull": False})
        .exclude(stage=Stage.CLOSED)
        .filter(confidentiality_acceptances__user=user)
    )
    return cases.filter(Q(broker=user) | Q(co_brokers=user) | _party_q(user)).exists()


# ---- the pipeline's rules ----------------------------------------------------------------------


def case_transitions() -> TransitionTable:
    """The allowed stage moves, built from the StageTransition rows operators edit in the admin
    (seeded from transitions.DEFAULT_TRANSITIONS). Each action is "move to <stage>"; moves are
    listed in pipeline order, so pages and the API offer them left to right."""
    moves: dict[str, list[str]] = defaultdict(list)
    for source, target in StageTransition.objects.values_list("from_stage", "to_stage"):
        moves[source].append(target)
    table = table_from_targets(dict(moves), field="stage", labels={s.value: s.label for s in Stage})
    rank = {s.value: i for i, s in enumerate(STAGE_ORDER)}
    return TransitionTable(tuple(sorted(table, key=lambda t: rank[t.target])), field=table.field)


def allowed_next_stages(*, stage: str, table: TransitionTable | None = None) -> list[str]:
    """The stages a case in `stage` may move to, in pipeline order."""
    return (table or case_transitions()).targets(stage)


def case_history(*, case: Case) -> QuerySet[CaseStageChange]:
    return CaseStageChange.objects.filter(case=case).select_related("actor")


def case_conflict_message(*, case: Case) -> str:
    """What a broker reads when someone else changed `case` (as it is now) first: who moved it
    last and where it stands."""
    last = (
        CaseStageChange.objects.filter(case_id=case.pk).select_related("actor").order_by("-at", "-id").first()
    )
    who = str(last.actor) if last and last.actor else _("其他人")
    return _("此对接项目刚被 %(who)s 修改（当前阶段：%(stage)s），您的操作没有保存。") % {
        "who": who,
        "stage": case.get_stage_display(),
    }


def stage_rules() -> dict[str, StageRule]:
    return {rule.stage: rule for rule in StageRule.objects.all()}


def case_idle_days(*, case: Case, now: datetime | None = None) -> int:
    return ((now or timezone.now()) - case.last_activity_at).days


def case_is_stale(
    *, case: Case, rules: dict[str, StageRule] | None = None, now: datetime | None = None
) -> bool:
    rules = rules if rules is not None else stage_rules()
    rule = rules.get(case.stage)
    return (
        rule is not None
        and case.stage not in FINAL_STAGES
        and case_idle_days(case=case, now=now) >= rule.remind_after_days
    )


def case_activities_for_user(*, case: Case, user: Any) -> QuerySet[CaseActivity]:
    """The case's activities, newest first, each with `file_visible`: whether `user` may open its
    file (see case_can_see_confidential)."""
    visible = case_can_see_confidential(case=case, user=user)
    return case.activities.select_related("author").annotate(
        file_visible=Value(visible, output_field=BooleanField())
    )


@dataclass
class BoardCard:
    """One case on the board with what its card shows: the moves it may make now and its idleness."""

    case: Case
    moves: list[Transition]
    is_stale: bool
    idle_days: int

    @property
    def next_stages(self) -> list[str]:
        return [t.target for t in self.moves]


@dataclass
class BoardColumn:
    stage: Stage
    label: str
    cards: list[BoardCard]


def board_columns(*, cases: QuerySet[Case], now: datetime | None = None) -> list[BoardColumn]:
    """`cases` grouped by stage, in pipeline order (within a column in the order of `cases`)."""
    rules = stage_rules()
    table = case_transitions()
    grouped: dict[str, list[BoardCard]] = defaultdict(list)
    for case in cases:
        grouped[case.stage].append(
            BoardCard(
                case=case,
                moves=table.allowed(case.stage),
                is_stale=case_is_stale(case=case, rules=rules, now=now),
                idle_days=case_idle_days(case=case, now=now),
            )
        )
    return [BoardColumn(stage=s, label=str(s.label), cards=grouped.get(s, [])) for s in STAGE_ORDER]


# ---- figures ----------------------------------------------------------------------------------


@dataclass
class BrokerFigures:
    broker: User
    open_cases: int = 0
    total_cases: int = 0
    signed_count: int = 0
    signed_amount: Decimal = Decimal(0)
    closed_count: int = 0
    rating_avg: float | None = None
    rating_count: int = 0
    conversion: list[dict[str, Any]] = field(default_factory=list)  # stage, label, reached, advanced, rate
    median_days: list[dict[str, Any]] = field(default_factory=list)  # stage, label, days, samples
    win_rate: float | None = None  # signed / finished
    rank: int | None = None  # set by broker_ranking
    gold: bool = False

    @property
    def is_gold_candidate(self) -> bool:
        return (
            self.signed_count >= GOLD_MIN_SIGNED
            and self.rating_avg is not None
            and self.rating_avg >= GOLD_MIN_RATING
        )


GOLD_MIN_SIGNED = 2
GOLD_MIN_RATING = 4.0
GOLD_TOP_N = 3


def _cases_of_broker(broker: User, since: date | None = None, until: date | None = None) -> QuerySet[Case]:
    qs = Case.objects.filter(broker=broker)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    if until:
        qs = qs.filter(created_at__date__lte=until)
    return qs


def broker_figures(
    *, broker: User, since: date | None = None, until: date | None = None, now: datetime | None = None
) -> BrokerFigures:
    """Figures for one broker over the cases they are responsible for (created in the period).

    - conversion per stage: of the cases that reached a stage, how many went further along the
      pipeline (to any later stage up to signed);
    - median days per stage: time spent in each stage, over stage visits that have ended;
    - ratings: the parties' 1–5 ratings of the broker's cases."""
    now = now or timezone.now()
    cases = list(_cases_of_broker(broker, since, until).values("pk", "stage", "contract_amount"))
    ids = [c["pk"] for c in cases]
    fig = BrokerFigures(broker=broker, total_cases=len(cases))
    fig.open_cases = sum(1 for c in cases if c["stage"] not in FINAL_STAGES)
    fig.signed_count = sum(1 for c in cases if c["stage"] == Stage.SIGNED)
    fig.closed_count = sum(1 for c in cases if c["stage"] == Stage.CLOSED)
    fig.signed_amount = sum(
        (c["contract_amount"] or Decimal(0) for c in cases if c["stage"] == Stage.SIGNED), Decimal(0)
    )
    finished = fig.signed_count + fig.closed_count
    fig.win_rate = fig.signed_count / finished if finished else None
    ratings = CaseRating.objects.filter(case_id__in=ids).aggregate(avg=Avg("score"), n=Count("id"))
    fig.rating_avg = round(ratings["avg"], 2) if ratings["avg"] is not None else None
    fig.rating_count = ratings["n"]

    changes: dict[int, list[Any]] = defaultdict(list)
    for change in (
        CaseStageChange.objects.filter(case_id__in=ids)
        .order_by("at", "id")
        .values("case_id", "to_stage", "at")
    ):
        changes[change["case_id"]].append(change)
    index: dict[str, int] = {s.value: i for i, s in enumerate(PIPELINE)}
    furthest: dict[int, int] = {}
    durations: dict[str, list[float]] = defaultdict(list)
    for case_id, rows in changes.items():
        reached_stages = [index[r["to_stage"]] for r in rows if r["to_stage"] in index]
        furthest[case_id] = max(reached_stages) if reached_stages else 0
        for current, nxt in zip(rows, rows[1:], strict=False):
            durations[current["to_stage"]].append((nxt["at"] - current["at"]).total_seconds() / 86400)
    for c in cases:
        furthest.setdefault(c["pk"], index.get(c["stage"], 0))
    for stage in PIPELINE[:-1]:
        i = index[stage.value]
        reached = sum(1 for f in furthest.values() if f >= i)
        advanced = sum(1 for f in furthest.values() if f > i)
        fig.conversion.append(
            {
                "stage": stage,
                "label": stage.label,
                "reached": reached,
                "advanced": advanced,
                "rate": advanced / reached if reached else None,
            }
        )
        samples = durations.get(stage, [])
        fig.median_days.append(
            {
                "stage": stage,
                "label": stage.label,
                "samples": len(samples),
                "days": round(statistics.median(samples), 1) if samples else None,
            }
        )
    return fig


def broker_ranking(*, since: date | None = None, until: date | None = None) -> list[BrokerFigures]:
    """Every active broker's figures, best first: signed deals, then signed amount, then rating.
    The top GOLD_TOP_N who also meet the gold-medal thresholds are marked `gold`."""
    brokers = User.objects.filter(role="broker", is_active=True).order_by("pk")
    rows = [broker_figures(broker=b, since=since, until=until) for b in brokers]
    rows.sort(key=lambda f: (-f.signed_count, -f.signed_amount, -(f.rating_avg or 0), f.broker.pk))
    for position, fig in enumerate(rows, start=1):
        fig.rank = position
        fig.gold = position <= GOLD_TOP_N and fig.is_gold_candidate
    return rows


def case_years() -> list[int]:
    """The years in which cases were opened, newest first (for the ranking's year filter)."""
    return sorted({d.year for d in Case.objects.dates("created_at", "year")}, reverse=True)


def district_totals() -> dict[str, Any]:
    agg = Case.objects.aggregate(
        open=Count("id", filter=~Q(stage__in=FINAL_STAGES)),
        signed=Count("id", filter=Q(stage=Stage.SIGNED)),
        amount=Sum("contract_amount", filter=Q(stage=Stage.SIGNED)),
    )
    agg["amount"] = agg["amount"] or Decimal(0)
    return agg


def case_contact_parties(user: Any) -> ContactParties:
    """For `directory.hooks.person_contact_parties`: everyone on the cases `user` takes part in
    (as broker, co-broker or party): both sides' organisations, the expert, and the brokers'
    person records — whose contact details the user then sees, if those people consented."""
    if not _signed_in(user):
        return ContactParties()
    cases = Case.objects.filter(
        pk__in=Case.objects.filter(Q(broker=user) | Q(co_brokers=user) | _party_q(user)).values("pk")
    )
    orgs: set[int] = set()
    persons: set[int] = set()
    broker_ids: set[int] = set()
    for demand_org, supply_org, expert, broker in cases.values_list(
        "demand_org_id", "supply_org_id", "expert_id", "broker_id"
    ):
        orgs.update(pk for pk in (demand_org, supply_org) if pk is not None)
        if expert is not None:
            persons.add(expert)
        if broker is not None:
            broker_ids.add(broker)
    broker_ids.update(
        pk for pk in Case.co_brokers.through.objects.filter(case__in=cases).values_list("user_id", flat=True)
    )
    if broker_ids:
        persons.update(Person.objects.filter(user_id__in=broker_ids).values_list("pk", flat=True))
    return ContactParties(person_ids=frozenset(persons), organization_ids=frozenset(orgs))
