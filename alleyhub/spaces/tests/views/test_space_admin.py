"""Spaces: buildings with units, unit filters, unit detail, renewal pipeline; API and admin;
database constraints on areas, rents and date order."""

import pytest

from alleyhub.listings.tests.factories import OperatorFactory, OrganizationFactory
from alleyhub.spaces.models import RenewalSite, SpaceUnit
from alleyhub.spaces.tests.factories import BuildingFactory, RenewalSiteFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(OperatorFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_changelists_render(admin_client):
    unit = SpaceUnitFactory()
    RenewalSiteFactory()
    for url in (
        "/admin/spaces/spaceunit/?kind__exact=lab&stale=yes&q=办公",
        "/admin/spaces/building/",
        f"/admin/spaces/building/{unit.building.pk}/change/",
        "/admin/spaces/renewalsite/?stage__exact=planning",
        "/admin/spaces/spaceunit/add/",
    ):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "overrides",
    [
        {"area_sqm": "0"},
        {"area_sqm": "-10"},
        {"rent_per_sqm_day": "-2"},
        {"available_from": "2026-05-01", "available_until": "2026-04-01"},
    ],
)
def test_admin_add_unit_rejects_bad_values(admin_client, overrides):
    building = BuildingFactory()
    owner = OrganizationFactory()
    data = {
        "owner": owner.pk,
        "building": building.pk,
        "language": "zh",
        "status": "draft",
        "kind": "office",
        "title_zh": "新单元",
        "area_sqm": "50",
        "rent_per_sqm_day": "4",
        "facilities": "[]",
    }
    data.update(overrides)
    response = admin_client.post("/admin/spaces/spaceunit/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not SpaceUnit.objects.filter(title_zh="新单元").exists()


def test_admin_add_renewal_site_rejects_years_out_of_order(admin_client):
    data = {
        "slug": "x",
        "name_zh": "地块",
        "language": "zh",
        "stage": "study",
        "start_year": "2027",
        "target_year": "2025",
    }
    response = admin_client.post("/admin/spaces/renewalsite/add/", data)
    assert response.status_code == 200
    assert "target_year" in response.context["adminform"].form.errors
    assert not RenewalSite.objects.exists()
