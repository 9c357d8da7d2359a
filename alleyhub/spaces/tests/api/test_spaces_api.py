"""Spaces: buildings with units, unit filters, unit detail, renewal pipeline; API and admin;
database constraints on areas, rents and date order."""

import pytest

from alleyhub.core.models import ListingStatus
from alleyhub.spaces.tests.factories import RenewalSiteFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db


def test_api_units_buildings_and_renewal_sites(client):
    unit = SpaceUnitFactory(kind="lab")
    SpaceUnitFactory(status=ListingStatus.DRAFT)
    site = RenewalSiteFactory()
    body = client.get("/api/spaces").json()
    assert body["count"] == 1
    assert body["items"][0]["building"]["slug"] == unit.building.slug
    assert body["items"][0]["monthly_rent"] == unit.monthly_rent
    assert client.get("/api/spaces", {"kind": "office"}).json()["count"] == 0
    assert client.get(f"/api/spaces/{unit.pk}").json()["kind"] == "lab"
    buildings = client.get("/api/spaces/buildings").json()
    assert buildings["count"] == 2 and {"unit_count", "slug"} <= set(buildings["items"][0])
    assert client.get(f"/api/spaces/buildings/{unit.building.slug}").json()["unit_count"] == 1
    assert client.get("/api/spaces/renewal-sites").json()["items"][0]["slug"] == site.slug
    assert client.get(f"/api/spaces/renewal-sites/{site.slug}").json()["stage"] == "planning"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/spaces?area_min=0", 422),
        ("/api/spaces?rent_min=-1", 422),
        ("/api/spaces?area_min=500&area_max=10", 422),
        ("/api/spaces?kind=castle", 422),
        ("/api/spaces?available_on=someday", 422),
        ("/api/spaces?page=0", 422),
        ("/api/spaces/999999", 404),
        ("/api/spaces/abc", 422),
        ("/api/spaces/buildings/nowhere", 404),
        ("/api/spaces/renewal-sites?stage=demolished", 422),
        ("/api/spaces/renewal-sites/nowhere", 404),
    ],
)
def test_api_bad_input_is_problem_json(client, url, status):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"


def test_api_draft_unit_is_404_for_anonymous(client):
    draft = SpaceUnitFactory(status=ListingStatus.DRAFT)
    assert client.get(f"/api/spaces/{draft.pk}").status_code == 404
