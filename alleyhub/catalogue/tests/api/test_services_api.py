"""The service list page (grouped by category and by stage), service detail, API and admin."""

import pytest

from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.core.models import ListingStatus

pytestmark = pytest.mark.django_db


def test_api_lists_and_filters_services(client):
    finance = ServiceOfferingFactory(category="finance", is_free=True)
    ServiceOfferingFactory(category="ip")
    ServiceOfferingFactory(status=ListingStatus.DRAFT)
    body = client.get("/api/services").json()
    assert body["count"] == 2
    body = client.get("/api/services", {"category": "finance", "free": "true"}).json()
    assert [i["id"] for i in body["items"]] == [finance.id]
    detail = client.get(f"/api/services/{finance.pk}").json()
    assert detail["how_to_apply_zh"].startswith("在华阳路")
    assert detail["owner"]["slug"] == finance.owner.slug


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/services?category=rockets", 422),
        ("/api/services?stage=old", 422),
        ("/api/services?page=0", 422),
        ("/api/services?page=zz", 422),
        ("/api/services/123456", 404),
        ("/api/services/abc", 422),
    ],
)
def test_api_bad_input_is_problem_json(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_api_draft_service_is_404_for_anonymous(client):
    draft = ServiceOfferingFactory(status=ListingStatus.DRAFT)
    assert client.get(f"/api/services/{draft.pk}").status_code == 404
