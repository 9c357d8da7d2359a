"""List pages for anonymous visitors and signed-in users: filters, pagination, HTMX, language."""

import pytest
from django.urls import reverse

from ..factories import InvestorProfileFactory, TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


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
