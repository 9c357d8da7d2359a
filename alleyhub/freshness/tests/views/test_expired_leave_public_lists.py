"""An expired listing leaves public lists, counts and the API the day after `expires_on`, with no
save in between; its owner's members and operators still find it (to renew it)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.listings.models import TechOutcome
from alleyhub.listings.tests.factories import TechOutcomeFactory
from alleyhub.spaces.models import SpaceUnit
from alleyhub.spaces.tests.factories import SpaceUnitFactory

pytestmark = pytest.mark.django_db


def _expire(obj) -> None:
    # Time passing, not an edit: a queryset update fires no signal and no save.
    type(obj).objects.filter(pk=obj.pk).update(expires_on=timezone.localdate() - timedelta(days=1))


def test_expired_outcome_leaves_the_public_list_and_api_at_once(client, client_as, world):
    outcome = TechOutcomeFactory(owner=world.org, title_zh="可降解封装材料", expires_on=timezone.localdate())
    url = reverse("listings:outcome_list")
    assert "可降解封装材料" in client.get(url).content.decode()  # expires today: still valid today
    _expire(outcome)
    assert "可降解封装材料" not in client.get(url).content.decode()
    ids = [item["id"] for item in client.get("/api/outcomes").json()["items"]]
    assert outcome.pk not in ids
    assert TechOutcome.objects.get(pk=outcome.pk).status == "published"  # nothing was written
    # The owner's members and operators still see it, marked expired.
    page = client_as(world.member).get(url).content.decode()
    assert "可降解封装材料" in page and "已过期" in page
    assert "可降解封装材料" in client_as(world.operator).get(url).content.decode()


def test_expired_service_and_space_leave_their_lists_and_the_home_figures(client, world):
    service = ServiceOfferingFactory(title_zh="专利快速预审辅导")
    unit = SpaceUnitFactory(title_zh="武夷路 3 楼开放工位")
    home_before = client.get("/").content.decode()
    assert "专利快速预审辅导" in client.get(reverse("catalogue:list")).content.decode()
    assert "武夷路 3 楼开放工位" in client.get(reverse("spaces:list")).content.decode()
    _expire(service)
    _expire(unit)
    assert "专利快速预审辅导" not in client.get(reverse("catalogue:list")).content.decode()
    assert "武夷路 3 楼开放工位" not in client.get(reverse("spaces:list")).content.decode()
    assert SpaceUnit.objects.get(pk=unit.pk).status == "published"
    assert 'data-testid="count-services">1<' in home_before
    assert 'data-testid="count-services">0<' in client.get("/").content.decode()
