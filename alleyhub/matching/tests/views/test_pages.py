"""Pages: search, a source's matches as an HTMX partial with one-click accept / dismiss,
my matches, and the operators' index status."""

import pytest
from django.urls import reverse

from alleyhub.directory.tests.factories import PersonFactory
from alleyhub.matching.models import Match, MatchFeedback, MatchStatus
from alleyhub.matching.tests.factories import (
    BrokerFactory,
    MembershipFactory,
    OperatorFactory,
    OrganizationFactory,
    TechDemandFactory,
    TechOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pair(commit):
    with commit():
        enterprise = OrganizationFactory(name_zh="碳芯电子")
        demand = TechDemandFactory(
            owner=enterprise,
            title_zh="碳化硅功率模块",
            title_en="",
            description_zh="需要车规级碳化硅功率模块，预算30万。",
            budget_min=None,
            budget_max=300_000,
        )
        outcome = TechOutcomeFactory(
            title_zh="车规级SiC功率模块",
            title_en="Automotive SiC power module",
            summary_zh="碳化硅MOSFET模块，耐压1200V。",
            price_min=500_000,
            price_max=800_000,
            confidential_details="机密：良率数据",
        )
    member = MembershipFactory(organization=enterprise).user
    match = Match.objects.get(
        source_kind="demand", source_id=demand.pk, target_kind="outcome", target_id=outcome.pk
    )
    return {"demand": demand, "outcome": outcome, "member": member, "match": match, "enterprise": enterprise}


def test_the_partial_lists_explained_matches_for_the_owner(client_as, pair):
    client = client_as(pair["member"])
    url = reverse("matching:for_object", kwargs={"kind": "demand", "pk": pair["demand"].pk})
    assert url == f"/matching/for/demand/{pair['demand'].pk}/"

    response = client.get(url, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment for hx-get
    assert "车规级SiC功率模块" in html
    assert "预算 30万元，报价 50万元：不满足" in html
    assert "机密" not in html
    pair["match"].refresh_from_db()
    assert pair["match"].status == MatchStatus.VIEWED


def test_the_partial_is_empty_for_visitors_and_403_when_opened_directly(client, pair):
    url = reverse("matching:for_object", kwargs={"kind": "demand", "pk": pair["demand"].pk})
    assert client.get(url, **HTMX).content == b""
    assert client.get(url).status_code == 403
    other = MembershipFactory().user
    client.force_login(other)
    assert client.get(url, **HTMX).content == b""
    pair["match"].refresh_from_db()
    assert pair["match"].status == MatchStatus.SUGGESTED


def test_unknown_kinds_and_ids_are_404(client_as, pair):
    client = client_as(BrokerFactory())
    assert client.get("/matching/for/spaceship/1/").status_code == 404
    assert client.get("/matching/for/demand/999999/").status_code == 404


def test_accept_is_one_click_and_swaps_the_row(client_as, pair):
    client = client_as(pair["member"])
    response = client.post(reverse("matching:accept", kwargs={"pk": pair["match"].pk}), **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="match-row status-accepted" id="match-{pair["match"].pk}"')
    assert "已接受" in html
    pair["match"].refresh_from_db()
    assert pair["match"].status == MatchStatus.ACCEPTED and pair["match"].decided_by == pair["member"]
    assert MatchFeedback.objects.filter(match=pair["match"], action="accepted").exists()


def test_dismiss_without_htmx_redirects_back(client_as, pair):
    client = client_as(pair["member"])
    response = client.post(reverse("matching:dismiss", kwargs={"pk": pair["match"].pk}))
    assert response.status_code == 302
    pair["match"].refresh_from_db()
    assert pair["match"].status == MatchStatus.DISMISSED


def test_strangers_cannot_accept_or_dismiss(client, client_as, pair):
    url = reverse("matching:accept", kwargs={"pk": pair["match"].pk})
    assert client.post(url, **HTMX).status_code == 403  # anonymous
    client_as(MembershipFactory().user)
    assert client.post(url, **HTMX).status_code == 403
    assert client.get(url).status_code == 405
    pair["match"].refresh_from_db()
    assert pair["match"].status == MatchStatus.SUGGESTED


def test_my_matches_shows_members_their_own_and_brokers_everything(client, client_as, pair, commit):
    with commit():
        other_demand = TechDemandFactory(title_zh="碳化硅外延片检测", description_zh="碳化硅外延片缺陷检测。")
    assert Match.objects.filter(source_kind="demand", source_id=other_demand.pk).exists()

    response = client_as(pair["member"]).get(reverse("matching:mine"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "车规级SiC功率模块" in html
    assert f'id="match-{pair["match"].pk}"' in html
    others = Match.objects.filter(source_kind="demand", source_id=other_demand.pk)
    assert all(f'id="match-{m.pk}"' not in html for m in others)

    html = client_as(BrokerFactory()).get(reverse("matching:mine")).content.decode()
    assert any(f'id="match-{m.pk}"' in html for m in others)


def test_my_matches_requires_login(client):
    response = client.get(reverse("matching:mine"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_search_page_finds_chinese_listings_for_english_and_abbreviations(client, pair):
    response = client.get("/search/", {"q": "SiC"})
    assert response.status_code == 200
    assert "车规级SiC功率模块" in response.content.decode()

    html = client.get("/search/", {"q": "silicon carbide power module"}).content.decode()
    assert "碳化硅功率模块" in html or "车规级SiC功率模块" in html

    fragment = client.get("/search/", {"q": "碳化硅", "kinds": "demand"}, **HTMX).content.decode()
    assert "<html" not in fragment
    assert "碳化硅功率模块" in fragment and "车规级SiC功率模块" not in fragment


@pytest.mark.parametrize(
    "q",
    [
        "",
        "a",
        "碳" * 10_000,
        "🔬🧪🚀",
        "SiC碳化硅 power模块 ✓",
        "!!!???...",
        '" OR 1=1 --',
        "a* AND (b OR c)",
        "[[(.*+?^$|\\",
        "\x00\x01",
        "<script>alert(1)</script>",
    ],
)
def test_search_page_never_fails_on_odd_queries(client, pair, q):
    response = client.get("/search/", {"q": q})
    # NUL is refused site-wide with a 400 (core middleware); everything else gets a page.
    assert response.status_code == (400 if "\x00" in q else 200)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_index_status_page_is_for_operators(client, client_as, pair):
    assert client.get(reverse("matching:status")).status_code == 302
    assert client_as(UserFactory()).get(reverse("matching:status")).status_code == 403
    response = client_as(OperatorFactory()).get(reverse("matching:status"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "rebuild_matching_index" in html
    assert "已计算向量" in html


def test_nav_links_to_search_and_my_matches(client_as, pair):
    html = client_as(pair["member"]).get("/search/").content.decode()
    assert 'href="/search/"' in html and 'href="/matching/mine/"' in html


def test_brokers_get_the_start_a_case_hook_and_members_do_not(client_as, pair):
    url = reverse("matching:for_object", kwargs={"kind": "demand", "pk": pair["demand"].pk})
    broker_html = client_as(BrokerFactory()).get(url, **HTMX).content.decode()
    case_url = reverse("brokerage:case_start_from_match", args=[pair["match"].pk])
    assert f'hx-post="{case_url}"' in broker_html
    member_html = client_as(pair["member"]).get(url, **HTMX).content.decode()
    assert case_url not in member_html


def test_a_demand_shows_its_outcomes_before_its_experts(client_as, pair, commit):
    with commit():
        PersonFactory(name_zh="碳化硅专家", kind="expert", expertise="碳化硅 功率模块 SiC", is_published=True)
        Match.objects.filter(source_kind="demand", source_id=pair["demand"].pk).delete()
    client = client_as(pair["member"])
    html = client.get(
        reverse("matching:for_object", kwargs={"kind": "demand", "pk": pair["demand"].pk}), **HTMX
    )
    html = html.content.decode()
    assert "碳化硅专家" in html and "车规级SiC功率模块" in html
    assert html.index("车规级SiC功率模块") < html.index("碳化硅专家")


def test_a_stale_decision_on_the_page_says_someone_else_changed_it(client_as, pair):
    url = reverse("matching:for_object", kwargs={"kind": "demand", "pk": pair["demand"].pk})
    client = client_as(pair["member"])
    html = client.get(url).content.decode()  # marks the suggestion viewed: version 2
    assert 'name="version" value="2"' in html
    BrokerFactory()  # a broker accepts from another page meanwhile
    pair["match"].refresh_from_db()
    pair["match"].status = MatchStatus.ACCEPTED
    pair["match"].version = 3
    pair["match"].save()

    response = client.post(
        reverse("matching:dismiss", kwargs={"pk": pair["match"].pk}), {"version": "2"}, HTTP_REFERER=url
    )

    assert response.status_code == 303 and response["Location"] == url
    pair["match"].refresh_from_db()
    assert pair["match"].status == MatchStatus.ACCEPTED
    page = client.get(url).content.decode()
    assert "页面已显示最新版本" in page
