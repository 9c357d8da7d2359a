"""The listings whose freshness is watched: every PublishableListing, by a short kind name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import pgettext_lazy

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.spaces.models import SpaceUnit


@dataclass(frozen=True)
class ListingKind:
    name: str
    model: type[Any]
    label: Any
    detail_url_name: str

    def url(self, pk: int) -> str:
        return reverse(self.detail_url_name, args=[pk])


KINDS: dict[str, ListingKind] = {
    k.name: k
    for k in (
        ListingKind(
            "outcome", TechOutcome, pgettext_lazy("listing kind", "科技成果"), "listings:outcome_detail"
        ),
        ListingKind(
            "demand", TechDemand, pgettext_lazy("listing kind", "技术需求"), "listings:demand_detail"
        ),
        ListingKind(
            "investor", InvestorProfile, pgettext_lazy("listing kind", "投资机构"), "listings:investor_detail"
        ),
        ListingKind(
            "service", ServiceOffering, pgettext_lazy("listing kind", "服务事项"), "catalogue:detail"
        ),
        ListingKind("space", SpaceUnit, pgettext_lazy("listing kind", "空间"), "spaces:unit_detail"),
    )
}


def kind_of(obj: Any) -> ListingKind:
    for kind in KINDS.values():
        if isinstance(obj, kind.model):
            return kind
    raise KeyError(type(obj).__name__)
