"""Spaces: buildings with units, unit filters, unit detail, renewal pipeline; API and admin;
database constraints on areas, rents and date order."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from alleyhub.core.models import ListingStatus
from alleyhub.listings.tests.factories import MembershipFactory, OperatorFactory
from alleyhub.spaces.tests.factories import BuildingFactory, RenewalSiteFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db


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
