"""The service list page (grouped by category and by stage), service detail, API and admin."""

import pytest
from django.urls import reverse

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.models import ListingStatus
from alleyhub.listings.tests.factories import OperatorFactory, OrganizationFactory

from .factories import ServiceOfferingFactory

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
    from alleyhub.listings.tests.factories import MembershipFactory

    draft = ServiceOfferingFactory(status=ListingStatus.DRAFT, title_zh="未发布服务")
    assert client.get(reverse("catalogue:detail", kwargs={"pk": draft.pk})).status_code == 404
    assert "未发布服务" not in client.get(reverse("catalogue:list")).content.decode()
    member = MembershipFactory(organization=draft.owner).user
    assert client_as(member).get(reverse("catalogue:detail", kwargs={"pk": draft.pk})).status_code == 200


def test_api_lists_and_filters_services(client):
    finance = ServiceOfferingFactory(category="finance", is_free=True)
    ServiceOfferingFactory(category="ip")
    ServiceOfferingFactory(status=ListingStatus.DRAFT)
    body = client.get("/api/services").json()
    assert body["count"] == 2
    body = client.get("/api/services", {"category": "finance", "free": "true"}).json()
    assert [i["id"] for i in body["items"]] == [finance.id]
    detail = client.get(f"/api/services/{finance.pk}").json()
    assert detail["how_to_apply_zh"].startswith("在华阳路")
    assert detail["owner"]["slug"] == finance.owner.slug


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/services?category=rockets", 422),
        ("/api/services?stage=old", 422),
        ("/api/services?page=0", 422),
        ("/api/services?page=zz", 422),
        ("/api/services/123456", 404),
        ("/api/services/abc", 422),
    ],
)
def test_api_bad_input_is_problem_json(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_api_draft_service_is_404_for_anonymous(client):
    draft = ServiceOfferingFactory(status=ListingStatus.DRAFT)
    assert client.get(f"/api/services/{draft.pk}").status_code == 404


@pytest.fixture
def admin_client(client):
    client.force_login(OperatorFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_changelist_filters_and_search(admin_client):
    ServiceOfferingFactory(title_zh="专利导航")
    for url in (
        "/admin/catalogue/serviceoffering/",
        "/admin/catalogue/serviceoffering/?category__exact=finance&stale=yes",
        "/admin/catalogue/serviceoffering/?q=专利",
        "/admin/catalogue/serviceoffering/add/",
    ):
        assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("overrides", [{"title_zh": ""}, {"stages": '["ancient"]'}, {"category": "rockets"}])
def test_admin_add_form_rejects_bad_values(admin_client, overrides):
    owner = OrganizationFactory()
    data = {
        "owner": owner.pk,
        "language": "zh",
        "status": "draft",
        "category": "finance",
        "title_zh": "服务",
        "stages": '["seed"]',
    }
    data.update(overrides)
    response = admin_client.post("/admin/catalogue/serviceoffering/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not ServiceOffering.objects.exists()
