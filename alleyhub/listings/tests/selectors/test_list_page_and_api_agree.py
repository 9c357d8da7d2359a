"""Each list page and its API endpoint call one selector (`outcome_list`, `demand_list`,
`investor_list`) with the same parameters: for the same query string both give the same rows in
the same order."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from alleyhub.core.models import ListingStatus
from alleyhub.directory.models import OrganizationKind

from ..factories import (
    IndustryFactory,
    InvestorProfileFactory,
    OrganizationFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = pytest.mark.django_db


def page_ids(client, name, params):
    response = client.get(f"{reverse(name)}?{urlencode(params, doseq=True)}")
    assert response.status_code == 200
    return [obj.pk for obj in response.context["page_obj"]]


def api_ids(client, path, params):
    response = client.get(f"/api/{path}?{urlencode(params, doseq=True)}")
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["items"]]


@pytest.fixture
def world(owner_org):
    ic = IndustryFactory(code="ic", name_zh="集成电路")
    chips = IndustryFactory(code="ic-design", name_zh="芯片设计", parent=ic)
    other = IndustryFactory(code="bio", name_zh="生物医药")
    enterprise = OrganizationFactory(kind=OrganizationKind.ENTERPRISE)
    today = timezone.localdate()
    for i, (trl, modes, owner, industry) in enumerate(
        [
            (3, ["licence"], owner_org, chips),
            (5, ["equity"], owner_org, ic),
            (5, ["licence", "equity"], enterprise, other),
            (7, ["transfer"], enterprise, chips),
            (8, ["licence"], owner_org, other),
        ]
    ):
        TechOutcomeFactory(
            owner=owner,
            trl=trl,
            cooperation_modes=modes,
            industries=[industry],
            title_zh=f"氮化镓器件{i}",
            published_at=timezone.now() - timedelta(days=i),
        )
        TechDemandFactory(
            owner=owner,
            wanted_modes=modes,
            industries=[industry],
            budget_min=100_000 * (i + 1),
            budget_max=300_000 * (i + 1),
            deadline=today + timedelta(days=10 * i + 1),
            published_at=timezone.now() - timedelta(days=i),
        )
        InvestorProfileFactory(
            sectors=[industry],
            stages=["seed"] if i % 2 else ["growth"],
            ticket_min=1_000_000 * (i + 1),
            ticket_max=5_000_000 * (i + 1),
            published_at=timezone.now() - timedelta(days=i),
        )
    TechOutcomeFactory(owner=owner_org, status=ListingStatus.DRAFT, title_zh="草稿成果")
    TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, title_zh="草稿需求")
    return {"owner": owner_org, "enterprise": enterprise}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"industry": "ic"},
        {"trl_min": 4, "trl_max": 7},
        {"trl": 5},
        {"mode": "licence"},
        {"ip_status": "patent_granted", "owner_kind": "institute"},
        {"owner_id": "OWNER"},
        {"q": "氮化镓"},
        {"q": "氮化镓", "mode": "equity", "industry": "ic"},
    ],
)
def test_outcome_page_and_api_list_the_same_rows(client, client_as, member, world, params):
    params = {k: world["owner"].pk if v == "OWNER" else v for k, v in params.items()}
    for c in (client, client_as(member)):
        page = page_ids(c, "listings:outcome_list", params)
        assert page == api_ids(c, "outcomes", params)
        assert page


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"industry": "ic-design"},
        {"mode": "equity"},
        {"budget_min": 400_000, "budget_max": 900_000},
        {"open_only": "true"},
        {"deadline_after": "DATE"},
        {"owner_kind": "enterprise", "owner_id": "ENTERPRISE"},
        {"q": "柔性电子"},
    ],
)
def test_demand_page_and_api_list_the_same_rows(client, client_as, member, world, params):
    params = {
        k: {
            "DATE": (timezone.localdate() + timedelta(days=15)).isoformat(),
            "ENTERPRISE": world["enterprise"].pk,
        }.get(v, v)
        for k, v in params.items()
    }
    for c in (client, client_as(member)):
        page = page_ids(c, "listings:demand_list", params)
        assert page == api_ids(c, "demands", params)
        assert page


@pytest.mark.parametrize(
    "params",
    [{}, {"sector": "ic"}, {"stage": "seed"}, {"ticket": 4_000_000}, {"q": "硬科技", "stage": "growth"}],
)
def test_investor_page_and_api_list_the_same_rows(client, world, params):
    page = page_ids(client, "listings:investor_list", params)
    assert page == api_ids(client, "investors", params)
    assert page
