"""The registry of named computations for KPIs computed live from the platform's own data.

A computation takes a half-open date range [start, end) and returns a number:
- "flow" computations count what happened in the range (organisations joined, cases signed…);
- "rate" computations are a ratio over what happened in the range (on-time answers, satisfaction);
- "stock" computations are the state as it is now (space available): the platform keeps no
  history for them, so every period shows today's figure — the docs say so.

Each reads the other apps' models (plans sits above them in the layers). `Kpi.computation` holds
the name; add one with `register(name, label, kind, fn)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alleyhub.brokerage.models import Case
from alleyhub.core.models import ListingStatus
from alleyhub.directory.models import Organization, OrganizationKind
from alleyhub.listings.models import TechDemand, TechOutcome
from alleyhub.matching.models import Match, MatchStatus
from alleyhub.requests.models import EnterpriseRequest, RequestRating
from alleyhub.spaces.models import SpaceUnit

Fn = Callable[[date, date], Decimal]


@dataclass(frozen=True)
class Computation:
    name: str
    label: object  # a lazy translated label
    kind: str  # "flow" | "rate" | "stock"
    fn: Fn


COMPUTATIONS: dict[str, Computation] = {}


def register(name: str, label, kind: str, fn: Fn) -> None:
    COMPUTATIONS[name] = Computation(name, label, kind, fn)


def choices() -> list[tuple[str, str]]:
    return [(c.name, str(c.label)) for c in COMPUTATIONS.values()]


def _dt(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.min))


def _n(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _joined(kinds: tuple[str, ...] | None = None, stages: tuple[str, ...] | None = None) -> Fn:
    def fn(start: date, end: date) -> Decimal:
        qs = Organization.objects.exclude(kind=OrganizationKind.GOVERNMENT_UNIT).filter(
            created_at__gte=_dt(start), created_at__lt=_dt(end)
        )
        if kinds:
            qs = qs.filter(kind__in=kinds)
        if stages:
            qs = qs.filter(stage__in=stages)
        return _n(qs.count())

    return fn


def _published(model) -> Fn:
    def fn(start: date, end: date) -> Decimal:
        return _n(model.objects.filter(published_at__gte=_dt(start), published_at__lt=_dt(end)).count())

    return fn


def _matches_accepted(start: date, end: date) -> Decimal:
    return _n(
        Match.objects.filter(
            status=MatchStatus.ACCEPTED, decided_at__gte=_dt(start), decided_at__lt=_dt(end)
        ).count()
    )


def _signed(start: date, end: date):
    return Case.objects.filter(stage="signed", contract_date__gte=start, contract_date__lt=end)


def _cases_signed(start: date, end: date) -> Decimal:
    return _n(_signed(start, end).count())


def _contract_amount_wan(start: date, end: date) -> Decimal:
    # Contract amounts are stored in yuan; targets are set in 10 000 yuan (万元).
    return _n((_signed(start, end).aggregate(s=Sum("contract_amount"))["s"] or 0) / Decimal(10000))


def _on_time_rate(start: date, end: date) -> Decimal:
    answered = EnterpriseRequest.objects.filter(answered_at__gte=_dt(start), answered_at__lt=_dt(end))
    agg = answered.aggregate(n=Count("pk"), ok=Count("pk", filter=Q(answered_on_time=True)))
    return _n(Decimal(agg["ok"]) * 100 / agg["n"]) if agg["n"] else _n(0)


def _satisfaction(start: date, end: date) -> Decimal:
    avg = RequestRating.objects.filter(created_at__gte=_dt(start), created_at__lt=_dt(end)).aggregate(
        a=Avg("score")
    )["a"]
    return _n(avg)


def _space_available(start: date, end: date) -> Decimal:
    return _n(SpaceUnit.objects.filter(status=ListingStatus.PUBLISHED).aggregate(s=Sum("area_sqm"))["s"])


def _space_let(start: date, end: date) -> Decimal:
    # The spaces app has no tenancy yet: a unit taken off the market (archived) counts as let.
    return _n(SpaceUnit.objects.filter(status=ListingStatus.ARCHIVED).aggregate(s=Sum("area_sqm"))["s"])


def _people_joined(start: date, end: date) -> Decimal:
    return _n(get_user_model().objects.filter(date_joined__gte=_dt(start), date_joined__lt=_dt(end)).count())


register("orgs_joined", _("新入驻机构数"), "flow", _joined())
register("enterprises_joined", _("新入驻科创企业数"), "flow", _joined((OrganizationKind.ENTERPRISE,)))
register(
    "startups_joined",
    _("新入驻初创期企业数"),
    "flow",
    _joined((OrganizationKind.ENTERPRISE,), ("seed", "startup")),
)
register(
    "institutions_joined",
    _("新入驻院所、高校和平台数"),
    "flow",
    _joined((OrganizationKind.INSTITUTE, OrganizationKind.UNIVERSITY, OrganizationKind.PLATFORM)),
)
register("outcomes_published", _("发布科技成果数"), "flow", _published(TechOutcome))
register("demands_published", _("发布技术需求数"), "flow", _published(TechDemand))
register("matches_accepted", _("接受的匹配数"), "flow", _matches_accepted)
register("cases_signed", _("签约对接项目数"), "flow", _cases_signed)
register("contract_amount", _("签约合同金额（万元）"), "flow", _contract_amount_wan)
register("requests_on_time", _("诉求按时答复率（%）"), "rate", _on_time_rate)
register("request_satisfaction", _("诉求满意度（1–5 分）"), "rate", _satisfaction)
register("space_available", _("可租空间面积（㎡，当前）"), "stock", _space_available)
register("space_let", _("已出租空间面积（㎡，当前）"), "stock", _space_let)
register("people_joined", _("新注册用户数"), "flow", _people_joined)
