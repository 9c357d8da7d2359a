"""A real Chromium: the search box finds a Chinese listing for an English abbreviation, and a
member dismisses a match on "my matches" with one click, the row swapped in place."""

import pytest
from playwright.sync_api import expect

from alleyhub.matching.models import Match, MatchStatus
from alleyhub.matching.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_as(browser, live_server, session_cookie, settings):
    settings.MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}
    contexts = []

    def open_as(user=None):
        context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="zh-CN")
        if user is not None:
            context.add_cookies([session_cookie(user, live_server.url)])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_search_and_one_click_dismiss(page_as, live_server):

    enterprise = OrganizationFactory(name_zh="碳芯电子")
    demand = TechDemandFactory(
        owner=enterprise,
        title_zh="车规级碳化硅模块需求",
        title_en="",
        description_zh="需要车规级碳化硅功率模块。",
    )
    outcome = TechOutcomeFactory(
        title_zh="碳化硅功率模块封装", title_en="", summary_zh="银烧结封装的碳化硅模块。"
    )
    member = MembershipFactory(organization=enterprise).user
    match = Match.objects.get(
        source_kind="demand", source_id=demand.pk, target_kind="outcome", target_id=outcome.pk
    )

    page = page_as()
    page.goto(f"{live_server.url}/search/")
    page.get_by_test_id("search-q").fill("SiC")
    page.get_by_test_id("search-q").press("Enter")
    expect(page.get_by_test_id("search-results")).to_contain_text("碳化硅功率模块封装")

    page = page_as(member)
    page.goto(f"{live_server.url}/matching/mine/")
    row = page.locator(f"#match-{match.pk}")
    expect(row).to_contain_text("碳化硅功率模块封装")
    row.get_by_test_id("match-dismiss").click()
    expect(page.locator(f"#match-{match.pk}").get_by_test_id("match-status")).to_contain_text("已忽略")
    expect(page.locator(f"#match-{match.pk}").get_by_test_id("match-dismiss")).to_have_count(0)
    match.refresh_from_db()
    assert match.status == MatchStatus.DISMISSED and match.decided_by == member
