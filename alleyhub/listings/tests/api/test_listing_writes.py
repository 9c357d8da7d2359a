"""API writes: create, PATCH, status actions; bad values and outsiders are refused."""

import pytest

from alleyhub.core.models import ListingStatus
from alleyhub.listings.models import TechOutcome

from ..factories import TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_member_creates_and_patches_outcome_through_api(client_as, member, owner_org):
    client = client_as(member)
    response = client.post(
        "/api/outcomes",
        {"owner_id": owner_org.pk, "title_zh": "接口创建的成果", "trl": 4, "cooperation_modes": ["licence"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert body["confidential_details"] == ""
    response = client.patch(f"/api/outcomes/{body['id']}", {"trl": 6}, content_type="application/json")
    assert response.status_code == 200
    assert TechOutcome.objects.get(pk=body["id"]).trl == 6


def test_api_writes_refuse_bad_values_and_outsiders(client, client_as, member, other_member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org)
    assert (
        client.patch(f"/api/outcomes/{outcome.pk}", {"trl": 5}, content_type="application/json").status_code
        == 401
    )
    response = client_as(other_member).patch(
        f"/api/outcomes/{outcome.pk}", {"trl": 5}, content_type="application/json"
    )
    assert response.status_code == 403
    response = client_as(member).patch(
        f"/api/outcomes/{outcome.pk}", {"trl": 42}, content_type="application/json"
    )
    assert response.status_code == 422
    response = client_as(member).patch(
        f"/api/outcomes/{outcome.pk}", {"price_min": 500, "price_max": 100}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    outcome.refresh_from_db()
    assert outcome.trl == 5 and outcome.price_min == 500_000


def test_api_demand_create_refuses_past_deadline(client_as, member, owner_org):
    response = client_as(member).post(
        "/api/demands",
        {"owner_id": owner_org.pk, "title_zh": "过期需求", "deadline": "2001-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "deadline" in response.json()["errors"]


def test_member_publishes_archives_and_confirms_through_api(client_as, member, owner_org):
    draft = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    client = client_as(member)
    response = client.post(f"/api/demands/{draft.pk}/publish")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert client.post(f"/api/demands/{draft.pk}/publish").status_code == 409
    assert client.post(f"/api/demands/{draft.pk}/confirm").status_code == 200
    assert client.post(f"/api/demands/{draft.pk}/archive").json()["status"] == "archived"
    assert client.post(f"/api/demands/{draft.pk}/explode").status_code == 422
    assert client.post(f"/api/widgets/{draft.pk}/publish").status_code == 404


def test_status_actions_refuse_anonymous_and_other_org(client, client_as, other_member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org)
    assert client.post(f"/api/outcomes/{outcome.pk}/archive").status_code == 401
    assert client_as(other_member).post(f"/api/outcomes/{outcome.pk}/archive").status_code == 403
    outcome.refresh_from_db()
    assert outcome.status == ListingStatus.PUBLISHED
