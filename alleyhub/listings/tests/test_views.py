"""List and detail pages for anonymous visitors and signed-in users; filters, pagination, HTMX."""

import pytest
from django.urls import reverse

from alleyhub.core.models import ListingStatus

from .factories import InvestorProfileFactory, TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db

SECRET = "工艺窗口：生长温度 1050℃，保密。"


@pytest.mark.parametrize("name", ["listings:outcome_list", "listings:demand_list", "listings:investor_list"])
def test_list_pages_render_for_anonymous_visitors(client, name):
    TechOutcomeFactory(title_zh="氮化镓外延")
    TechDemandFactory(title_zh="柔性散热")
    InvestorProfileFactory(title_zh="硬科技基金")
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="results"' in html
    assert "共 1 项" in html


def test_outcome_list_shows_published_titles_owner_and_readable_price(client, owner_org):
    TechOutcomeFactory(owner=owner_org, title_zh="MEMS 麦克风芯片", price_min=500_000, price_max=2_000_000)
    html = client.get(reverse("listings:outcome_list")).content.decode()
    assert "MEMS 麦克风芯片" in html
    assert "中国科学院上海微系统与信息技术研究所" in html
    assert "50 万 – 200 万元" in html


def test_outcome_detail_hides_confidential_from_anonymous_and_other_org(
    client, client_as, owner_org, other_member
):
    outcome = TechOutcomeFactory(owner=owner_org)
    url = reverse("listings:outcome_detail", kwargs={"pk": outcome.pk})
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert outcome.title_zh in anonymous.content.decode()
    assert SECRET not in anonymous.content.decode()
    assert SECRET not in client_as(other_member).get(url).content.decode()


@pytest.mark.parametrize("who", ["member", "operator"])
def test_outcome_detail_shows_marked_confidential_block_to_member_and_operator(
    client_as, owner_org, who, request
):
    outcome = TechOutcomeFactory(owner=owner_org)
    html = (
        client_as(request.getfixturevalue(who))
        .get(reverse("listings:outcome_detail", kwargs={"pk": outcome.pk}))
        .content.decode()
    )
    assert SECRET in html
    assert 'class="confidential"' in html


def test_demand_detail_hides_confidential_from_anonymous(client, client_as, owner_org, member):
    demand = TechDemandFactory(owner=owner_org)
    url = reverse("listings:demand_detail", kwargs={"pk": demand.pk})
    assert "某头部手机厂商" not in client.get(url).content.decode()
    assert "某头部手机厂商" in client_as(member).get(url).content.decode()


def test_draft_detail_is_404_for_anonymous_and_200_for_member(client, client_as, owner_org, member):
    draft = TechOutcomeFactory(owner=owner_org, status=ListingStatus.DRAFT)
    url = reverse("listings:outcome_detail", kwargs={"pk": draft.pk})
    assert client.get(url).status_code == 404
    response = client_as(member).get(url)
    assert response.status_code == 200
    assert "草稿" in response.content.decode()


def test_unknown_detail_gives_styled_404(client):
    response = client.get(reverse("listings:outcome_detail", kwargs={"pk": 999999}))
    assert response.status_code == 404
    assert b"<html" in response.content


def test_stale_badge_on_detail_of_listing_not_confirmed_for_half_a_year(client):
    from datetime import timedelta

    from django.utils import timezone

    fresh = TechOutcomeFactory()
    old = TechOutcomeFactory(last_confirmed_at=timezone.now() - timedelta(days=200))
    assert (
        "信息可能过时"
        not in client.get(reverse("listings:outcome_detail", kwargs={"pk": fresh.pk})).content.decode()
    )
    assert (
        "信息可能过时"
        in client.get(reverse("listings:outcome_detail", kwargs={"pk": old.pk})).content.decode()
    )


def test_investor_detail_page(client):
    investor = InvestorProfileFactory(title_zh="硬科技早期基金", ticket_min=1_000_000, ticket_max=10_000_000)
    html = client.get(reverse("listings:investor_detail", kwargs={"pk": investor.pk})).content.decode()
    assert "硬科技早期基金" in html
    assert "100 万 – 1,000 万元" in html
    assert "种子期" in html


def test_outcome_list_filters_by_trl_range(client):
    TechOutcomeFactory(title_zh="低成熟度成果", trl=2)
    TechOutcomeFactory(title_zh="高成熟度成果", trl=8)
    html = client.get(reverse("listings:outcome_list"), {"trl_min": 6}).content.decode()
    assert "高成熟度成果" in html
    assert "低成熟度成果" not in html


def test_outcome_list_reports_bad_filters_without_failing(client):
    TechOutcomeFactory(title_zh="任意成果")
    response = client.get(
        reverse("listings:outcome_list"), {"trl_min": 42, "trl_max": "abc", "mode": "steal"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "技术成熟度须在 1 到 9 之间。" in html
    assert "任意成果" in html


def test_outcome_list_reports_min_above_max(client):
    html = client.get(reverse("listings:outcome_list"), {"trl_min": 7, "trl_max": 3}).content.decode()
    assert "TRL 下限不能高于上限。" in html


def test_outcome_list_paginates_twenty_per_page(client):
    for _ in range(25):
        TechOutcomeFactory()
    first = client.get(reverse("listings:outcome_list")).content.decode()
    assert first.count('class="listing-row"') == 20
    assert "第 1 / 2 页" in first
    second = client.get(reverse("listings:outcome_list"), {"page": 2}).content.decode()
    assert second.count('class="listing-row"') == 5
    for bad in ("0", "abc", "99999999999999999999"):
        assert client.get(reverse("listings:outcome_list"), {"page": bad}).status_code == 200


def test_htmx_request_for_results_returns_only_the_partial(client):
    TechOutcomeFactory(title_zh="局部刷新成果")
    response = client.get(
        reverse("listings:outcome_list"),
        {"q": "局部"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "局部刷新成果" in html
    assert "HX-Request" in response["Vary"]


def test_demand_list_filters_by_wanted_mode(client):
    TechDemandFactory(title_zh="求转让", wanted_modes=["transfer"])
    TechDemandFactory(title_zh="求合作", wanted_modes=["joint_development"])
    html = client.get(reverse("listings:demand_list"), {"mode": "transfer"}).content.decode()
    assert "求转让" in html and "求合作" not in html


def test_english_page_shows_english_title(client):
    outcome = TechOutcomeFactory(title_zh="氮化镓", title_en="Gallium nitride epitaxy")
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("listings:outcome_detail", kwargs={"pk": outcome.pk}), headers={"Accept-Language": "en"}
    ).content.decode()
    assert "Gallium nitride epitaxy" in html


def test_detail_page_includes_matches_loader_when_matching_exists(client):
    from django.urls import NoReverseMatch

    outcome = TechOutcomeFactory()
    html = client.get(reverse("listings:outcome_detail", kwargs={"pk": outcome.pk})).content.decode()
    try:
        matches_url = reverse("matching:for_object", kwargs={"kind": "outcome", "pk": outcome.pk})
    except NoReverseMatch:
        assert 'hx-trigger="load"' not in html
    else:
        assert f'hx-get="{matches_url}"' in html


def test_htmx_history_restore_gets_the_full_page(client):
    response = client.get(
        reverse("listings:outcome_list"),
        headers={"HX-Request": "true", "HX-Target": "results", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_pages_speak_english_when_asked(client):
    TechOutcomeFactory(price_min=500_000, price_max=None)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("listings:outcome_list")).content.decode()
    assert "Technology outcomes" in html
    assert "1 result" in html
    assert "≥ ¥500k" in html
    html = client.get(reverse("spaces:list")).content.decode()
    assert "Space units" in html
