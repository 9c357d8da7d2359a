"""The space list page and `/api/spaces` list the same units in the same order for the same
parameters (both call `selectors.unit_list_for_user`)."""

from decimal import Decimal

import pytest

from alleyhub.core.models import ListingStatus
from alleyhub.spaces.models import SpaceKind
from alleyhub.spaces.tests.factories import BuildingFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(member, owner_org):
    buildings = [BuildingFactory(subdistrict=s) for s in ("华阳路街道", "江苏路街道", "新华路街道")]
    for i in range(27):
        SpaceUnitFactory(
            building=buildings[i % 3],
            kind=[SpaceKind.OFFICE, SpaceKind.LAB, SpaceKind.EVENT_VENUE][i % 3 == 0],
            area_sqm=Decimal(40 + 15 * i),
            rent_per_sqm_day=Decimal("3.00") + Decimal(i) / 10,
            status=ListingStatus.DRAFT if i == 4 else ListingStatus.PUBLISHED,
            **({"owner": owner_org} if i == 4 else {}),
        )
    return {"member": member, "building": buildings[1]}


PARAMS = [
    {},
    {"kind": "lab"},
    {"area_min": "100", "area_max": "300"},
    {"rent_max": "4.5"},
    {"subdistrict": "江苏路街道"},
    {"q": "办公室"},
    {"kind": "office"},
    {"page": 2},
]


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all")
@pytest.mark.parametrize("signed_in", [False, True])
def test_space_page_and_api_give_the_same_rows(client, units, params, signed_in):
    if signed_in:
        client.force_login(units["member"])  # a member of the owner: sees its draft too
    response = client.get("/spaces/", params)
    assert response.status_code == 200
    ids = [u.pk for u in response.context["page_obj"].object_list]
    assert ids
    api = client.get("/api/spaces", {**params, "page_size": 20})
    assert api.status_code == 200, api.content
    assert ids == [item["id"] for item in api.json()["items"]]


def test_building_page_lists_what_the_api_lists_for_that_building(client, units):
    building = units["building"]
    response = client.get(f"/spaces/buildings/{building.slug}/")
    ids = [u.pk for u in response.context["page_obj"].object_list]
    api = client.get("/api/spaces", {"building": building.slug, "page_size": 20}).json()
    assert ids and ids == [item["id"] for item in api["items"]]
