"""The pages' side of optimistic locking: the edit form carries the version it showed; a stale one
keeps the user's input, says someone else changed the listing and lists what they changed, and
overwrites nothing. Status buttons send the version too."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from alleyhub.core.models import ListingStatus
from alleyhub.listings import services
from alleyhub.listings.models import TechDemand

from ..factories import TechDemandFactory

pytestmark = pytest.mark.django_db


def demand_post(demand, **overrides):
    data = {
        "language": "zh",
        "title_zh": demand.title_zh,
        "description_zh": demand.description_zh,
        "budget_min": str(demand.budget_min),
        "budget_max": str(demand.budget_max),
        "deadline": demand.deadline.isoformat(),
        "wanted_modes": demand.wanted_modes,
        "version": str(demand.version),
    }
    data.update(overrides)
    return data


def test_the_edit_form_carries_the_version_it_shows(client_as, member, owner_org):
    demand = TechDemandFactory(owner=owner_org)
    services.demand_update(demand=demand, actor=member, title_zh="第二版")
    body = client_as(member).get(reverse("listings:demand_edit", kwargs={"pk": demand.pk})).content.decode()
    assert '<input type="hidden" name="version" value="2"' in body


def test_a_stale_edit_shows_the_other_change_and_overwrites_nothing(client_as, member, operator, owner_org):
    demand = TechDemandFactory(owner=owner_org, title_zh="原标题", budget_max=800_000)
    seen = TechDemand.objects.get(pk=demand.pk)  # what the member's edit page showed
    services.demand_update(demand=demand, actor=operator, expected_version=1, budget_max=990_000)

    url = reverse("listings:demand_edit", kwargs={"pk": demand.pk})
    response = client_as(member).post(url, demand_post(seen, title_zh="我改的标题"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "此内容已被他人修改" in body
    assert "已保存的内容（与您填写的不同）" in body
    assert "预算上限（元）" in body and "990000" in body
    assert 'value="我改的标题"' in body  # the user's input is kept
    assert '<input type="hidden" name="version" value="2"' in body  # a second submit is knowing
    demand.refresh_from_db()
    assert (demand.title_zh, demand.budget_max, demand.version) == ("原标题", 990_000, 2)


def test_submitting_again_after_a_conflict_saves(client_as, member, operator, owner_org):
    demand = TechDemandFactory(owner=owner_org, title_zh="原标题")
    seen = TechDemand.objects.get(pk=demand.pk)
    services.demand_update(demand=demand, actor=operator, expected_version=1, description_zh="运营方补充")
    url = reverse("listings:demand_edit", kwargs={"pk": demand.pk})
    client = client_as(member)
    assert client.post(url, demand_post(seen, title_zh="我改的标题")).status_code == 200
    response = client.post(url, demand_post(seen, title_zh="我改的标题", version="2"))
    assert response.status_code == 302
    demand.refresh_from_db()
    assert (demand.title_zh, demand.version) == ("我改的标题", 3)


def test_a_status_button_on_a_stale_page_says_so_and_changes_nothing(client_as, member, operator, owner_org):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    detail = reverse("listings:demand_detail", kwargs={"pk": demand.pk})
    services.demand_update(demand=demand, actor=operator, title_zh="运营方改过")
    response = client_as(member).post(
        reverse("listings:action", kwargs={"kind": "demand", "pk": demand.pk, "action": "publish"}),
        {"version": "1"},
        HTTP_REFERER=f"http://testserver{detail}",
    )
    assert response.status_code == 303
    assert response["Location"] == f"http://testserver{detail}"
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "此内容已被他人修改" in message and "最新版本" in message
    demand.refresh_from_db()
    assert demand.status == ListingStatus.DRAFT


def test_a_refused_status_button_shows_the_reason_on_the_page(client_as, member, owner_org):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.ARCHIVED)
    detail = reverse("listings:demand_detail", kwargs={"pk": demand.pk})
    client = client_as(member)
    response = client.post(
        reverse("listings:action", kwargs={"kind": "demand", "pk": demand.pk, "action": "confirm"}),
        HTTP_REFERER=f"http://testserver{detail}",
    )
    assert response.status_code == 303 and response["Location"] == f"http://testserver{detail}"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["已归档的条目无需确认。"]


def test_the_detail_page_offers_the_buttons_the_table_allows_with_the_version(client_as, member, owner_org):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.PUBLISHED)
    body = client_as(member).get(reverse("listings:demand_detail", kwargs={"pk": demand.pk})).content.decode()
    assert "/publish/" not in body
    assert "/archive/" in body and "/confirm/" in body
    assert body.count('name="version" value="1"') == 2
