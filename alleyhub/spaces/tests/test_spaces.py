"""Spaces: buildings with units, unit filters, unit detail, renewal pipeline; API and admin;
database constraints on areas, rents and date order."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from alleyhub.core.models import ListingStatus
from alleyhub.listings.tests.factories import MembershipFactory, OperatorFactory, OrganizationFactory
from alleyhub.spaces.models import RenewalSite, SpaceUnit

from .factories import BuildingFactory, RenewalSiteFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db


# --- model rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "update",
    [
        {"area_sqm": Decimal("0")},
        {"area_sqm": Decimal("-5")},
        {"rent_per_sqm_day": Decimal("-1")},
        {"available_from": timezone.localdate(), "available_until": timezone.localdate() - timedelta(days=1)},
    ],
)
def test_database_refuses_bad_area_rent_and_dates(update):
    unit = SpaceUnitFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SpaceUnit.objects.filter(pk=unit.pk).update(**update)


def test_database_refuses_renewal_years_out_of_order():
    site = RenewalSiteFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RenewalSite.objects.filter(pk=site.pk).update(start_year=2027, target_year=2025)


def test_monthly_rent_is_area_times_daily_rent():
    unit = SpaceUnitFactory(area_sqm=Decimal("100"), rent_per_sqm_day=Decimal("5"))
    assert unit.monthly_rent == round(100 * 5 * 365 / 12)


# --- pages ----------------------------------------------------------------------------------------


def test_space_list_shows_buildings_and_units(client):
    unit = SpaceUnitFactory(title_zh="路演厅 A")
    response = client.get(reverse("spaces:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert unit.building.name_zh in html
    assert "路演厅 A" in html
    assert "4.5 元/㎡/天" in html


def test_unit_filters_kind_area_rent_subdistrict_and_date(client):
    lab = SpaceUnitFactory(
        title_zh="洁净实验室", kind="lab", area_sqm=Decimal("300"), rent_per_sqm_day=Decimal("8")
    )
    office = SpaceUnitFactory(
        title_zh="小办公室",
        area_sqm=Decimal("40"),
        rent_per_sqm_day=Decimal("3"),
        available_from=timezone.localdate() + timedelta(days=60),
        building__subdistrict="新泾镇",
    )

    def titles(**params):
        html = client.get(reverse("spaces:list"), params).content.decode()
        return {t for t in ("洁净实验室", "小办公室") if t in html}

    assert titles(kind="lab") == {"洁净实验室"}
    assert titles(area_min="100") == {"洁净实验室"}
    assert titles(area_max="100") == {"小办公室"}
    assert titles(rent_max="5") == {"小办公室"}
    assert titles(subdistrict="新泾镇") == {"小办公室"}
    assert titles(available_on=timezone.localdate().isoformat()) == {"洁净实验室"}
    assert lab and office


def test_unit_filters_report_bad_values(client):
    SpaceUnitFactory(title_zh="仍然显示")
    html = client.get(
        reverse("spaces:list"), {"area_min": "-3", "rent_min": "9", "rent_max": "2", "available_on": "soon"}
    ).content.decode()
    assert "面积必须大于 0。" in html
    assert "租金下限不能高于上限。" in html
    assert "请输入有效日期。" in html
    assert "仍然显示" in html


def test_unit_list_paginates_and_answers_htmx_with_partial(client):
    building = BuildingFactory()
    for _ in range(21):
        SpaceUnitFactory(building=building)
    html = client.get(reverse("spaces:list")).content.decode()
    assert html.count('class="listing-row"') == 20
    partial = client.get(
        reverse("spaces:list"), {"page": 2}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert partial.content.decode().lstrip().startswith('<section id="results"')
    assert partial.content.decode().count('class="listing-row"') == 1


def test_building_detail_lists_its_published_units_only(client):
    building = BuildingFactory(name_zh="硅巷创客厅")
    SpaceUnitFactory(building=building, title_zh="工位区")
    SpaceUnitFactory(building=building, title_zh="装修中", status=ListingStatus.DRAFT)
    response = client.get(reverse("spaces:building_detail", kwargs={"slug": building.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "硅巷创客厅" in html and "工位区" in html and "装修中" not in html
    assert client.get(reverse("spaces:building_detail", kwargs={"slug": "nowhere"})).status_code == 404


def test_unit_detail_and_draft_visibility(client, client_as):
    unit = SpaceUnitFactory(title_zh="武夷新象限 5F", facilities=["独立空调"])
    response = client.get(reverse("spaces:unit_detail", kwargs={"pk": unit.pk}))
    assert response.status_code == 200
    assert "武夷新象限 5F" in response.content.decode() and "独立空调" in response.content.decode()
    draft = SpaceUnitFactory(status=ListingStatus.DRAFT)
    url = reverse("spaces:unit_detail", kwargs={"pk": draft.pk})
    assert client.get(url).status_code == 404
    assert client_as(MembershipFactory(organization=draft.owner).user).get(url).status_code == 200
    assert client_as(OperatorFactory()).get(url).status_code == 200


def test_renewal_pipeline_groups_sites_by_stage_in_order(client):
    RenewalSiteFactory(name_zh="人民电器厂", stage="study")
    RenewalSiteFactory(name_zh="新联纺", stage="construction")
    html = client.get(reverse("spaces:renewal_list")).content.decode()
    assert html.index("更新研究") < html.index("人民电器厂") < html.index("施工改造") < html.index("新联纺")


# --- API ------------------------------------------------------------------------------------------


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


# --- admin ----------------------------------------------------------------------------------------


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


@pytest.mark.parametrize("facilities", [{"wifi": True}, ["", "会议室"], [1, 2], ["x" * 51]])
def test_facilities_must_be_a_short_list_of_labels(facilities):
    from django.core.exceptions import ValidationError

    unit = SpaceUnitFactory.build(
        building=BuildingFactory(), owner=OrganizationFactory(), facilities=facilities
    )
    with pytest.raises(ValidationError) as exc:
        unit.full_clean()
    assert "facilities" in exc.value.message_dict


@pytest.mark.parametrize("field", ["site_area_sqm", "floor_area_sqm"])
def test_database_refuses_non_positive_renewal_areas(field):
    site = RenewalSiteFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RenewalSite.objects.filter(pk=site.pk).update(**{field: Decimal("0")})
