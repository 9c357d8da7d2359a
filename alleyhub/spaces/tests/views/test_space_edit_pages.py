"""Pages and API writes for units, buildings and renewal sites."""

import pytest
from django.urls import reverse

from alleyhub.core.models import ListingStatus
from alleyhub.spaces.models import Building, RenewalSite, SpaceUnit

from ..factories import BuildingFactory, RenewalSiteFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db


def test_space_operator_creates_edits_and_publishes_a_unit(client_as, space_operator, building, space_member):
    client = client_as(space_member)
    assert reverse("spaces:unit_create") in client.get(reverse("spaces:list")).content.decode()
    form = {
        "owner": space_operator.pk,
        "building": building.pk,
        "language": "zh",
        "kind": "office",
        "title_zh": "5 楼联合办公",
        "area_sqm": "60",
        "rent_per_sqm_day": "4.8",
        "facilities": "会议室\n茶水间",
    }
    response = client.post(reverse("spaces:unit_create"), form)
    unit = SpaceUnit.objects.get()
    assert response["Location"] == reverse("spaces:unit_detail", args=[unit.pk])
    assert unit.facilities == ["会议室", "茶水间"]
    page = client.get(reverse("spaces:unit_edit", args=[unit.pk]))
    assert "会议室" in page.content.decode()
    del form["owner"]
    response = client.post(
        reverse("spaces:unit_edit", args=[unit.pk]), {**form, "available_from": "2027-01-01", "version": 1}
    )
    assert response.status_code == 302
    stale = client.post(reverse("spaces:unit_edit", args=[unit.pk]), {**form, "capacity": "9", "version": 1})
    assert stale.status_code == 200  # changed meanwhile: shown on the form
    client.post(reverse("spaces:unit_action", args=[unit.pk, "publish"]), {"version": 2})
    unit.refresh_from_db()
    assert unit.status == ListingStatus.PUBLISHED and str(unit.available_from) == "2027-01-01"


def test_unit_in_a_building_of_another_operator_is_a_form_error(
    client_as, space_operator, building, space_member
):
    other = BuildingFactory()
    response = client_as(space_member).post(
        reverse("spaces:unit_create"),
        {
            "owner": space_operator.pk,
            "building": other.pk,
            "language": "zh",
            "kind": "office",
            "title_zh": "x",
            "area_sqm": "10",
            "rent_per_sqm_day": "1",
        },
    )
    assert response.status_code == 200 and not SpaceUnit.objects.exists()


def test_members_without_a_building_and_outsiders_are_refused(
    client_as, member, other_member, space_operator, building
):
    assert client_as(member).get(reverse("spaces:unit_create")).status_code == 403
    unit = SpaceUnitFactory(owner=space_operator, building=building)
    assert client_as(other_member).get(reverse("spaces:unit_edit", args=[unit.pk])).status_code == 403
    assert (
        client_as(other_member).post(reverse("spaces:unit_action", args=[unit.pk, "archive"])).status_code
        == 403
    )
    assert client_as(member).get(reverse("spaces:building_create")).status_code == 403
    assert client_as(member).get(reverse("spaces:building_edit", args=[building.slug])).status_code == 403
    assert client_as(member).get(reverse("spaces:renewal_create")).status_code == 403


def test_operator_pages_for_buildings_and_renewal_sites(client_as, operator, space_admin, building):
    client = client_as(operator)
    response = client.post(
        reverse("spaces:building_create"),
        {"slug": "xinlian", "language": "zh", "name_zh": "新联纺", "address": "长宁区", "facilities": ""},
    )
    assert response.status_code == 302 and Building.objects.filter(slug="xinlian").exists()
    site = RenewalSiteFactory()
    assert (
        reverse("spaces:renewal_edit", args=[site.slug])
        in client.get(reverse("spaces:renewal_list")).content.decode()
    )
    response = client.post(
        reverse("spaces:renewal_edit", args=[site.slug]),
        {"slug": site.slug, "language": "zh", "name_zh": site.name_zh, "stage": "operating", "version": 1},
    )
    assert response.status_code == 302
    assert RenewalSite.objects.get(pk=site.pk).stage == "operating"
    # The operator organisation's admin edits the building, without the operator field.
    page = client_as(space_admin).get(reverse("spaces:building_edit", args=[building.slug])).content.decode()
    assert 'name="operator"' not in page


def test_space_api_writes(client, client_as, space_operator, building, space_member, other_member, operator):
    payload = {
        "owner_id": space_operator.pk,
        "building_id": building.pk,
        "kind": "lab",
        "title_zh": "实验室",
        "area_sqm": "200",
        "rent_per_sqm_day": "6.5",
    }
    assert client.post("/api/spaces/units", payload, content_type="application/json").status_code == 401
    response = client_as(space_member).post("/api/spaces/units", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    bad = client_as(space_member).patch(
        f"/api/spaces/units/{pk}",
        {"available_from": "2027-05-01", "available_until": "2027-01-01"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad["Content-Type"] == "application/problem+json"
    ok = client_as(space_member).patch(
        f"/api/spaces/units/{pk}", {"capacity": 30, "version": 1}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert client_as(space_member).post(f"/api/spaces/units/{pk}/publish").json()["status"] == "published"
    assert client_as(other_member).post(f"/api/spaces/units/{pk}/archive").status_code == 403
    assert (
        client_as(space_member)
        .post("/api/spaces/renewal-sites", {"slug": "x", "name_zh": "x"}, content_type="application/json")
        .status_code
        == 403
    )
    created = client_as(operator).post(
        "/api/spaces/renewal-sites",
        {"slug": "renmin", "name_zh": "人民电器厂", "stage": "study"},
        content_type="application/json",
    )
    assert created.status_code == 201
    moved = client_as(operator).patch(
        "/api/spaces/renewal-sites/renmin",
        {"stage": "planning", "version": 1},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "planning"
    bad_stage = client_as(operator).patch(
        "/api/spaces/renewal-sites/renmin", {"stage": "demolished"}, content_type="application/json"
    )
    assert bad_stage.status_code == 422
    assert (
        client_as(operator)
        .post(
            "/api/spaces/buildings",
            {"slug": "b2", "name_zh": "愚园路 B2", "address": "愚园路"},
            content_type="application/json",
        )
        .status_code
        == 201
    )
