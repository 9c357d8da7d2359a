import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import translation

from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.directory.models import OrganizationKind
from alleyhub.directory.tests.factories import AffiliationFactory, IndustryFactory, OrganizationFactory
from alleyhub.listings.models import TechDemand, TechOutcome
from alleyhub.spaces.models import Building, SpaceUnit

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_district_at_a_glance(client):
    inst = OrganizationFactory(kind=OrganizationKind.INSTITUTE, name_zh="中国科学院上海硅酸盐研究所")
    OrganizationFactory(kind=OrganizationKind.PLATFORM, name_zh="上海区块链技术协会")
    OrganizationFactory(kind=OrganizationKind.ENTERPRISE, is_published=False)
    TechOutcome.objects.create(owner=inst, title_zh="透明陶瓷闪烁体制备技术", trl=5, status="published")
    TechOutcome.objects.create(owner=inst, title_zh="草稿成果", trl=5, status="draft")
    TechDemand.objects.create(owner=inst, title_zh="碳化硅衬底缺陷检测", status="published")
    building = Building.objects.create(slug="silicon-alley-no1", name_zh="硅巷 NO.1", address="愚园路")
    SpaceUnit.objects.create(
        owner=inst,
        building=building,
        kind="office",
        title_zh="3层办公",
        area_sqm=120,
        rent_per_sqm_day=5,
        status="published",
    )

    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    body = response.content.decode()
    overview = response.context["overview"]
    assert overview["organizations_total"] == 2
    assert overview["outcomes"] == 1
    assert overview["demands"] == 1
    assert overview["space_units"] == 1 and overview["space_area"] == 120
    assert "上海硅巷科创街区" in body
    assert "透明陶瓷闪烁体制备技术" in body and "草稿成果" not in body
    assert "碳化硅衬底缺陷检测" in body
    assert "硅巷 NO.1" in body and "上海区块链技术协会" in body
    assert 'action="/search/"' in body
    assert f"{reverse('directory:list')}?kind=institute" in body


def test_home_page_works_for_a_signed_in_member(client_as):
    user = UserFactory(display_name="王小明")
    body = client_as(user).get(reverse("core:home")).content.decode()
    assert "王小明" in body
    assert reverse("accounts:me") in body


def test_healthz_reports_ok_after_querying_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_503_problem_when_the_database_fails(client, monkeypatch):
    # The database is the external edge here: make its cursor fail as a dropped connection would.
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 503 and body["database"] == "error"


def test_unknown_url_gives_the_styled_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<html" in body and "alleyhub.css" in body
    assert "返回首页" in body
    assert "Traceback" not in body


def test_language_switch_changes_the_page_language(client):
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/directory/"})
    assert response.status_code == 302
    body = client.get("/directory/").content.decode()
    assert '<html lang="en">' in body
    with translation.override("en"):
        english_title = translation.gettext("机构名录")
    assert english_title in body
    if english_title != "机构名录":  # once the English catalogue has it, the Chinese must be gone
        assert "<h1>机构名录</h1>" not in body
    back = client.post(reverse("accounts:set_language"), {"language": "zh-hans", "next": "/"})
    assert back.status_code == 302
    assert '<html lang="zh-hans">' in client.get("/").content.decode()


def test_anonymous_visitors_get_the_default_chinese_page(client):
    body = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in body


def test_api_docs_and_schema_are_served_without_a_cdn(client):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/organizations" in paths and "/api/people" in paths and "/api/me" in paths
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html and "unpkg" not in html


def _admin_changelists():
    return [
        "admin:accounts_user_changelist",
        "admin:accounts_membership_changelist",
        "admin:accounts_personalaccesstoken_changelist",
        "admin:directory_industry_changelist",
        "admin:directory_organization_changelist",
        "admin:directory_person_changelist",
        "admin:directory_affiliation_changelist",
        "admin:core_auditentry_changelist",
    ]


@pytest.mark.parametrize("url_name", _admin_changelists())
def test_admin_changelists_and_add_forms_load_for_a_superuser(client, url_name):
    parent = IndustryFactory(code="ic")
    IndustryFactory(code="ic-power", parent=parent)
    AffiliationFactory()
    admin = get_user_model().objects.create_superuser("root", "root@example.cn", "pw")
    client.force_login(admin)
    response = client.get(reverse(url_name), {"q": "ic"})
    assert response.status_code == 200
    assert client.get(reverse(url_name)).status_code == 200
    add_url = reverse(url_name.replace("_changelist", "_add"))
    assert client.get(add_url).status_code in (200, 403)


def test_admin_organization_change_page_shows_inlines(client):
    aff = AffiliationFactory()
    admin = get_user_model().objects.create_superuser("root", "root@example.cn", "pw")
    client.force_login(admin)
    body = client.get(
        reverse("admin:directory_organization_change", args=[aff.organization.pk])
    ).content.decode()
    assert "memberships-TOTAL_FORMS" in body and "affiliations-TOTAL_FORMS" in body


@pytest.mark.django_db
def test_ids_beyond_the_databases_integers_are_404_not_500(client):
    huge = 10**30
    assert client.get(f"/listings/outcomes/{huge}/").status_code == 404
    response = client.get(f"/api/outcomes/{huge}")
    assert response.status_code in (404, 422)
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_a_malformed_multipart_body_is_a_client_error(client):
    response = client.generic(
        "POST", "/api/outcomes", b"garbage", content_type="multipart/form-data; boundary="
    )
    assert 400 <= response.status_code < 500
