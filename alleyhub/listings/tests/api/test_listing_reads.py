"""API reads: schema, pagination, filters, drafts and confidential parts, bad input."""

import pytest

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.core.models import ListingStatus

from ..factories import InvestorProfileFactory, TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_outcome_list_is_paginated_with_count_and_items(client):
    for _ in range(23):
        TechOutcomeFactory()
    body = client.get("/api/outcomes").json()
    assert body["count"] == 23
    assert len(body["items"]) == 20
    item = body["items"][0]
    assert {"id", "title", "trl", "owner", "industries", "is_stale", "cooperation_modes"} <= set(item)
    assert "confidential_details" not in item
    assert len(client.get("/api/outcomes", {"page": 2}).json()["items"]) == 3


def test_outcome_list_filters(client):
    low = TechOutcomeFactory(trl=2, cooperation_modes=["transfer"])
    high = TechOutcomeFactory(trl=8, cooperation_modes=["equity"])
    ids = [i["id"] for i in client.get("/api/outcomes", {"trl_min": 5}).json()["items"]]
    assert ids == [high.id]
    ids = [i["id"] for i in client.get("/api/outcomes", {"mode": "transfer"}).json()["items"]]
    assert ids == [low.id]


def test_outcome_detail_confidential_only_for_owner_members(
    client, client_as, owner_org, member, other_member
):
    outcome = TechOutcomeFactory(owner=owner_org)
    url = f"/api/outcomes/{outcome.pk}"
    assert client.get(url).json()["confidential_details"] is None
    assert client_as(other_member).get(url).json()["confidential_details"] is None
    assert client_as(member).get(url).json()["confidential_details"] == outcome.confidential_details


def test_token_of_operator_sees_confidential_and_drafts(client, operator, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org, status=ListingStatus.DRAFT)
    _, token = PersonalAccessToken.issue(user=operator, name="test")
    auth = {"Authorization": f"Bearer {token}"}
    body = client.get(f"/api/outcomes/{outcome.pk}", headers=auth).json()
    assert body["confidential_details"] == outcome.confidential_details
    assert client.get("/api/outcomes", headers=auth).json()["count"] == 1
    assert client.get("/api/outcomes").json()["count"] == 0


def test_draft_detail_is_404_problem_for_anonymous(client, owner_org):
    draft = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT)
    response = client.get(f"/api/demands/{draft.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "某头部手机厂商" not in response.content.decode()


def test_demand_detail_confidential_hidden_from_anonymous(client, client_as, owner_org, member):
    demand = TechDemandFactory(owner=owner_org)
    assert client.get(f"/api/demands/{demand.pk}").json()["confidential_details"] is None
    assert (
        client_as(member).get(f"/api/demands/{demand.pk}").json()["confidential_details"]
        == "目标客户：某头部手机厂商。"
    )


def test_investor_list_and_detail(client):
    investor = InvestorProfileFactory()
    body = client.get("/api/investors", {"stage": "seed"}).json()
    assert [i["id"] for i in body["items"]] == [investor.id]
    assert client.get(f"/api/investors/{investor.pk}").json()["stages"] == ["seed", "startup"]
    assert client.get("/api/investors", {"stage": "mature"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/outcomes?page=0", 422),
        ("/api/outcomes?page=abc", 422),
        ("/api/outcomes?page=99999999999999999999999", 422),
        ("/api/outcomes?page_size=100000", 422),
        ("/api/outcomes?trl=42", 422),
        ("/api/outcomes?trl_min=7&trl_max=3", 422),
        ("/api/outcomes?mode=steal", 422),
        ("/api/outcomes?owner_kind=%00%ff", 422),
        ("/api/outcomes/999999", 404),
        ("/api/outcomes/abc", 422),
        ("/api/outcomes/99999999999999999999999999", 404),
        ("/api/demands?budget_min=-1", 422),
        ("/api/demands?budget_min=10&budget_max=1", 422),
        ("/api/demands?deadline_after=yesterday", 422),
        ("/api/demands/0", 404),
        ("/api/investors?ticket=lots", 422),
        ("/api/investors/-3", 404),
    ],
)
def test_bad_input_is_problem_json_never_500(client, url, status):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status


def test_garbage_text_filters_return_empty_results(client):
    TechOutcomeFactory()
    for params in ({"q": "'; DROP TABLE x; --"}, {"industry": "no-such-industry"}, {"q": "%_\\"}):
        response = client.get("/api/outcomes", params)
        assert response.status_code == 200
        assert response.json()["count"] == 0


def test_openapi_lists_listing_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/outcomes", "/api/outcomes/{outcome_id}", "/api/demands", "/api/investors"):
        assert path in paths
