"""API writes for services: create, PATCH with versions, status actions; problem JSON on bad input."""

import pytest

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.models import ListingStatus

from ..factories import ServiceOfferingFactory

pytestmark = pytest.mark.django_db


def test_provider_creates_patches_publishes_and_archives(client_as, provider_org, provider_member):
    client = client_as(provider_member)
    response = client.post(
        "/api/services",
        {
            "owner_id": provider_org.pk,
            "category": "finance",
            "title_zh": "知识产权质押融资",
            "stages": ["growth"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["version"] == 1
    response = client.patch(
        f"/api/services/{body['id']}", {"is_free": True, "version": 1}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = client.patch(
        f"/api/services/{body['id']}", {"fee_zh": "x", "version": 1}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    assert client.post(f"/api/services/{body['id']}/publish").json()["status"] == "published"
    assert client.post(f"/api/services/{body['id']}/archive").json()["status"] == "archived"


def test_api_refuses_bad_input_and_others(
    client, client_as, provider_org, provider_member, member, other_member
):
    payload = {"owner_id": provider_org.pk, "category": "finance", "title_zh": "x"}
    assert client.post("/api/services", payload, content_type="application/json").status_code == 401
    assert (
        client_as(other_member).post("/api/services", payload, content_type="application/json").status_code
        == 403
    )
    bad = client_as(provider_member).post(
        "/api/services", {**payload, "category": "nonsense"}, content_type="application/json"
    )
    assert bad.status_code == 422 and bad["Content-Type"] == "application/problem+json"
    no_title = client_as(provider_member).post(
        "/api/services", {"owner_id": provider_org.pk, "category": "ip"}, content_type="application/json"
    )
    assert no_title.status_code == 422
    # `member` belongs to an institute: it may not own services.
    institute = member.memberships.get().organization
    assert (
        client_as(member)
        .post("/api/services", {**payload, "owner_id": institute.pk}, content_type="application/json")
        .status_code
        == 403
    )
    assert not ServiceOffering.objects.exists()
    service = ServiceOfferingFactory(owner=provider_org)
    assert (
        client_as(other_member)
        .patch(f"/api/services/{service.pk}", {"title_zh": "y"}, content_type="application/json")
        .status_code
        == 403
    )
    assert client_as(other_member).post(f"/api/services/{service.pk}/archive").status_code == 403
    draft = ServiceOfferingFactory(owner=provider_org, status=ListingStatus.DRAFT)
    assert client_as(other_member).post(f"/api/services/{draft.pk}/publish").status_code == 404
