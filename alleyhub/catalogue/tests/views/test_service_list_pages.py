"""The service list page (grouped by category and by stage), service detail, API and admin."""

import pytest
from django.urls import reverse

from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.core.models import ListingStatus
from alleyhub.listings.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_service_list_groups_by_category_by_default(client):
    ServiceOfferingFactory(title_zh="知识产权快速预审", category="ip")
    ServiceOfferingFactory(title_zh="初创贷款", category="finance")
    response = client.get(reverse("catalogue:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "知识产权保护" in html and "科技金融" in html
    assert html.index("科技金融") < html.index("知识产权保护")  # category order of the service list
    assert "共 2 项服务" in html


def test_service_list_groups_by_stage_and_lists_multi_stage_services_in_each(client):
    ServiceOfferingFactory(title_zh="跨阶段服务", stages=["seed", "mature"])
    html = client.get(reverse("catalogue:list"), {"group": "stage"}).content.decode()
    assert html.count("跨阶段服务") == 2
    assert "种子期" in html and "成熟期" in html
    assert 'id="group-growth"' not in html


def test_service_list_filters_by_stage_and_category(client):
    ServiceOfferingFactory(title_zh="种子期服务", stages=["seed"], category="policy")
    ServiceOfferingFactory(title_zh="成熟期服务", stages=["mature"], category="policy")
    html = client.get(reverse("catalogue:list"), {"stage": "seed"}).content.decode()
    assert "种子期服务" in html and "成熟期服务" not in html


def test_one_category_is_a_paginated_flat_list(client):
    for _ in range(23):
        ServiceOfferingFactory(category="hr_talent")
    html = client.get(reverse("catalogue:list"), {"category": "hr_talent"}).content.decode()
    assert html.count('class="listing-row"') == 20
    assert "第 1 / 2 页" in html


def test_grouped_view_caps_each_group_and_links_to_the_rest(client):
    for _ in range(12):
        ServiceOfferingFactory(category="finance")
    html = client.get(reverse("catalogue:list")).content.decode()
    assert html.count('class="listing-row"') == 10
    assert "查看全部 12 项" in html
    assert "category=finance" in html


def test_bad_filter_values_do_not_break_the_page(client):
    ServiceOfferingFactory(title_zh="照常显示")
    response = client.get(
        reverse("catalogue:list"), {"stage": "ancient", "category": "x", "group": "nope", "page": "-1"}
    )
    assert response.status_code == 200
    assert "照常显示" in response.content.decode()


def test_htmx_returns_the_results_partial(client):
    ServiceOfferingFactory()
    response = client.get(
        reverse("catalogue:list"), {"free": "on"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert response.content.decode().lstrip().startswith('<section id="results"')


def test_service_detail_shows_how_to_apply_and_contact(client):
    service = ServiceOfferingFactory()
    response = client.get(reverse("catalogue:detail", kwargs={"pk": service.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "华阳路街道企业服务中心" in html
    assert "021-62000000" in html
    assert "初创期" in html


def test_draft_service_is_hidden_from_the_public_but_not_from_its_provider(client, client_as):
    draft = ServiceOfferingFactory(status=ListingStatus.DRAFT, title_zh="未发布服务")
    assert client.get(reverse("catalogue:detail", kwargs={"pk": draft.pk})).status_code == 404
    assert "未发布服务" not in client.get(reverse("catalogue:list")).content.decode()
    member = MembershipFactory(organization=draft.owner).user
    assert client_as(member).get(reverse("catalogue:detail", kwargs={"pk": draft.pk})).status_code == 200
