"""Reads and permission checks for the brokers' pipeline.

Who may do what with a case:
- operators (`user.is_operator`): see and act on every case;
- the responsible broker and the co-brokers: see and act on their cases;
- parties (members of the demand-side or supply-side organisation, the expert's own account):
  see the case and its activities; files and the outcome's confidential part only after they
  accept the case's confidentiality terms; they may rate a finished case;
- anyone else (other brokers included): nothing.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

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

User = get_user_model()


class CaseRole:
    OPERATOR = "operator"
    BROKER = "broker"
    CO_BROKER = "co_broker"
    PARTY = "party"


def _party_q(user, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}demand_org__memberships__user": user})
        | Q(**{f"{prefix}supply_org__memberships__user": user})
        | Q(**{f"{prefix}expert__user": user})
    )


def case_role_of(*, case: Case, user) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_operator:
        return CaseRole.OPERATOR
    if case.broker_id == user.pk:
        return CaseRole.BROKER
    if case.co_brokers.filter(pk=user.pk).exists():
        return CaseRole.CO_BROKER
    if Case.objects.filter(pk=case.pk).filter(_party_q(user)).exists():
        return CaseRole.PARTY
    return None


def cases_visible_to(*, user) -> QuerySet[Case]:
    """Every case `user` may see (none for anonymous users)."""
    qs = Case.objects.select_related(
        "demand_org", "supply_org", "broker", "outcome", "expert", "investor", "demand"
    )
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if user.is_operator:
        return qs
    ids = Case.objects.filter(Q(broker=user) | Q(co_brokers=user) | _party_q(user)).values("pk")
    return qs.filter(pk__in=ids)


def cases_brokered_by(*, user) -> QuerySet[Case]:
    return cases_visible_to(user=user).filter(Q(broker=user) | Q(co_brokers=user)).distinct()


def case_get_for_user(*, case_id: int, user, for_write: bool = False) -> Case:
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
    if for_write and role == CaseRole.PARTY:
        raise PermissionDenied
    return case


def case_party_users(*, case: Case) -> QuerySet:
    """The people on the demand and supply sides of the case."""
    q = Q(memberships__organization=case.demand_org_id)
    if case.supply_org_id:
        q |= Q(memberships__organization=case.supply_org_id)
    if case.expert_id:
        q |= Q(person__pk=case.expert_id)
    return User.objects.filter(q, is_active=True).distinct()


def case_has_accepted_terms(*, case: Case, user) -> bool:
    return ConfidentialityAcceptance.objects.filter(case=case, user=user).exists()


def case_can_see_confidential(*, case: Case, user) -> bool:
    """Files and the outcome's confidential part: brokers on the case and operators always;
    parties once they have accepted the confidentiality terms."""
    role = case_role_of(case=case, user=user)
    if role in (CaseRole.OPERATOR, CaseRole.BROKER, CaseRole.CO_BROKER):
        return True
    return role == CaseRole.PARTY and case_has_accepted_terms(case=case, user=user)


def case_file_get_for_user(*, activity_id: int, user) -> CaseActivity:
    activity = CaseActivity.objects.select_related("case").filter(pk=activity_id).exclude(file="").first()
    if activity is None:
        raise Http404
    case = case_get_for_user(case_id=activity.case_id, user=user)
    if not case_can_see_confidential(case=case, user=user):
        raise PermissionDenied
    return activity


def user_is_party_to_listing_case(*, user, listing) -> bool:
    """True when `user` is the responsible broker or a co-broker of a case involving `listing`
    (a TechOutcome, TechDemand or InvestorProfile), or a party of such a case who has accepted its
    confidentiality terms. Closed cases do not count. Used by the listings pages to decide whether to show the confidential part."""
    if not getattr(user, "is_authenticated", False) or listing is None or listing.pk is None:
        return False
    from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome

    field_name = {TechOutcome: "outcome", TechDemand: "demand", InvestorProfile: "investor"}.get(
        type(listing)
    )
    if field_name is None:
        return False
    cases = Case.objects.filter(**{field_name: listing}).exclude(stage=Stage.CLOSED)
    if cases.filter(Q(broker=user) | Q(co_brokers=user)).exists():
        return True
    return cases.filter(_party_q(user), confidentiality_acceptances__user=user).exists()


def allowed_next_stages(*, stage: str) -> list[str]:
    """The stages a case in `stage` may move to, in pipeline order, from the StageTransition table."""
    targets = set(StageTransition.objects.filter(from_stage=stage).values_list("to_stage", flat=True))
    order = [*PIPELINE, Stage.CLOSED]
    return [s.value for s in order if s in targets]


def transition_table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = defaultdict(list)
    for source, target in StageTransition.objects.values_list("from_stage", "to_stage"):
        table[source].append(target)
    return dict(table)


def stage_rules() -> dict[str, StageRule]:
    return {rule.stage: rule for rule in StageRule.objects.all()}


def case_idle_days(*, case: Case, now: datetime | None = None) -> int:
    return ((now or timezone.now()) - case.last_activity_at).days


def case_is_stale(*, case: Case, rules: dict | None = None, now=None) -> bool:
    rules = rules if rules is not None else stage_rules()
    rule = rules.get(case.stage)
    return (
        bool(rule)
        and case.stage not in FINAL_STAGES
        and case_idle_days(case=case, now=now) >= rule.remind_after_days
    )


def case_activities_for_user(*, case: Case, user) -> QuerySet[CaseActivity]:
    return case.activities.select_related("author")


def board_columns(*, cases: QuerySet[Case], now=None) -> list[dict]:
    """Cases grouped by stage, in pipeline order, each card with the stages it may move to."""
    rules = stage_rules()
    table = transition_table()
    grouped: dict[str, list] = defaultdict(list)
    for case in cases.order_by("-last_activity_at", "-id"):
        case.next_stages = [s.value for s in [*PIPELINE, Stage.CLOSED] if s in table.get(case.stage, [])]
        case.next_moves = [(s, Stage(s).label) for s in case.next_stages]
        case.is_stale = case_is_stale(case=case, rules=rules, now=now)
        case.idle_days = case_idle_days(case=case, now=now)
        grouped[case.stage].append(case)
    return [{"stage": s, "label": s.label, "cases": grouped.get(s, [])} for s in [*PIPELINE, Stage.CLOSED]]


# ---- figures ----------------------------------------------------------------------------------


@dataclass
class BrokerFigures:
    broker: object
    open_cases: int = 0
    total_cases: int = 0
    signed_count: int = 0
    signed_amount: Decimal = Decimal(0)
    closed_count: int = 0
    rating_avg: float | None = None
    rating_count: int = 0
    conversion: list[dict] = field(default_factory=list)  # stage, label, reached, advanced, rate
    median_days: list[dict] = field(default_factory=list)  # stage, label, days, samples
    win_rate: float | None = None  # signed / finished

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


def _cases_of_broker(broker, since=None, until=None) -> QuerySet[Case]:
    qs = Case.objects.filter(broker=broker)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    if until:
        qs = qs.filter(created_at__date__lte=until)
    return qs


def broker_figures(*, broker, since=None, until=None, now=None) -> BrokerFigures:
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

    changes = defaultdict(list)
    for change in (
        CaseStageChange.objects.filter(case_id__in=ids)
        .order_by("at", "id")
        .values("case_id", "to_stage", "at")
    ):
        changes[change["case_id"]].append(change)
    index = {s: i for i, s in enumerate(PIPELINE)}
    furthest: dict[int, int] = {}
    durations: dict[str, list[float]] = defaultdict(list)
    for case_id, rows in changes.items():
        reached = [index[r["to_stage"]] for r in rows if r["to_stage"] in index]
        furthest[case_id] = max(reached) if reached else 0
        for current, nxt in zip(rows, rows[1:], strict=False):
            durations[current["to_stage"]].append((nxt["at"] - current["at"]).total_seconds() / 86400)
    for c in cases:
        furthest.setdefault(c["pk"], index.get(c["stage"], 0))
    for stage in PIPELINE[:-1]:
        i = index[stage]
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


def broker_ranking(*, since=None, until=None) -> list[BrokerFigures]:
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


def district_totals() -> dict:
    agg = Case.objects.aggregate(
        open=Count("id", filter=~Q(stage__in=FINAL_STAGES)),
        signed=Count("id", filter=Q(stage=Stage.SIGNED)),
        amount=Sum("contract_amount", filter=Q(stage=Stage.SIGNED)),
    )
    agg["amount"] = agg["amount"] or Decimal(0)
    return agg
