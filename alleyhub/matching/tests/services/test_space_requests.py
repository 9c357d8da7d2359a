"""A space request (an enterprise request in the category "space") is matched with the
available units by area, budget, type and subdistrict read from its text."""

import pytest
from django.urls import reverse

from alleyhub.matching.models import Match
from alleyhub.matching.tests.factories import (
    BuildingFactory,
    MembershipFactory,
    OrganizationFactory,
    SpaceUnitFactory,
)
from alleyhub.requests.models import Category
from alleyhub.requests.services import request_submit
from alleyhub.requests.tests.factories import RoutingRuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(commit):
    with commit():
        huayang = BuildingFactory(name_zh="硅巷NO.1", subdistrict="华阳路街道")
        elsewhere = BuildingFactory(name_zh="新泾园区", subdistrict="新泾镇")
        fitting = SpaceUnitFactory(
            building=huayang,
            kind="office",
            area_sqm=200,
            rent_per_sqm_day="5.50",
            title_zh="硅巷NO.1 三楼办公室",
        )
        too_big = SpaceUnitFactory(
            building=huayang,
            kind="office",
            area_sqm=800,
            rent_per_sqm_day="6.00",
            title_zh="硅巷NO.1 整层办公室",
        )
        lab = SpaceUnitFactory(
            building=elsewhere,
            kind="lab",
            area_sqm=300,
            rent_per_sqm_day="4.00",
            title_zh="新泾园区 洁净实验室",
        )
    return {"fitting": fitting, "too_big": too_big, "lab": lab}


def _submit(org, user, commit, **kw):
    RoutingRuleFactory(category=Category.SPACE)
    with commit():
        return request_submit(organization=org, actor=user, **kw)


def test_space_request_is_matched_with_fitting_units_and_explained(units, commit, client):
    org = OrganizationFactory()
    user = MembershipFactory(organization=org).user
    req = _submit(
        org,
        user,
        commit,
        category=Category.SPACE,
        title="寻找办公空间",
        description="我们需要约200平的办公室，最好在华阳路街道，月租不超过3.5万。",
    )

    matches = list(Match.objects.filter(source_kind="request", source_id=req.pk).order_by("rank"))
    assert matches and matches[0].target_kind == "space" and matches[0].target_id == units["fitting"].pk
    checks = {c["code"]: c["met"] for c in matches[0].explanation["constraints"]}
    assert checks["area_fits"] is True and checks["monthly_budget_fits"] is True
    assert checks["subdistrict_is"] is True

    client.force_login(user)
    html = client.get(
        reverse("matching:for_object", kwargs={"kind": "request", "pk": req.pk}), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "硅巷NO.1 三楼办公室" in html and "面积 200㎡，需要约 200㎡：满足" in html
    assert client.get("/api/matching/mine").json()["count"] >= 1


def test_other_request_categories_are_not_matched(units, commit):
    org = OrganizationFactory()
    user = MembershipFactory(organization=org).user
    req = _submit(
        org, user, commit, category=Category.FINANCE, title="融资", description="需要200平办公室的租金贷款。"
    )
    assert not Match.objects.filter(source_kind="request", source_id=req.pk).exists()
