"""A real Chromium: the outcome filters swap results in place (HTMX) and push the URL, a member sees
the confidential block and publishes a draft, and list pages fit a phone screen."""

import pytest

from alleyhub.core.models import ListingStatus
from alleyhub.listings.models import TechOutcome

from ..factories import MembershipFactory, OrganizationFactory, TechOutcomeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_page(browser, live_server, session_cookie):
    contexts = []

    def _open(user=None, **context_args):
        context_args.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(locale="zh-CN", **context_args)
        if user is not None:
            cookie = session_cookie(user, live_server.url)
            context.add_cookies([cookie])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _open
    for context in contexts:
        context.close()


def test_filtering_outcomes_swaps_results_in_place_and_pushes_the_url(open_page, live_server):
    TechOutcomeFactory(title_zh="股权合作的成果", cooperation_modes=["equity"])
    TechOutcomeFactory(title_zh="只转让的成果", cooperation_modes=["transfer"])
    page = open_page()
    page.goto(f"{live_server.url}/listings/outcomes/")
    page.evaluate("window.__notReloaded = true")
    assert page.locator(".listing-row").count() == 2
    page.select_option("select[name=mode]", "equity")
    page.wait_for_url("**mode=equity**")
    page.wait_for_function("document.querySelectorAll('.listing-row').length === 1")
    assert page.evaluate("window.__notReloaded") is True  # HTMX swapped the results, no reload
    assert "股权合作的成果" in page.locator("#results").inner_text()
    page.click("text=股权合作的成果")
    page.wait_for_url("**/listings/outcomes/*/")
    assert page.locator("h1").inner_text() == "股权合作的成果"
    assert page.locator("section.confidential").count() == 0


def test_member_sees_confidential_and_publishes_a_draft(open_page, live_server):
    org = OrganizationFactory(name_zh="中国科学院上海硅酸盐研究所")
    member = MembershipFactory(organization=org).user
    draft = TechOutcomeFactory(
        owner=org, status=ListingStatus.DRAFT, published_at=None, title_zh="透明陶瓷闪烁体"
    )
    page = open_page(member)
    page.goto(f"{live_server.url}/listings/outcomes/{draft.pk}/")
    assert "工艺窗口" in page.locator("section.confidential").inner_text()
    page.click("form[action$='/publish/'] button")
    page.wait_for_selector(".message-success")
    draft.refresh_from_db()
    assert draft.status == ListingStatus.PUBLISHED
    assert TechOutcome.objects.filter(status=ListingStatus.PUBLISHED).count() == 1


@pytest.mark.parametrize("path", ["/listings/outcomes/", "/services/", "/spaces/", "/listings/demands/"])
def test_list_pages_fit_a_phone_screen(open_page, live_server, path):
    TechOutcomeFactory(title_zh="一个名字相当长的科技成果用来检验窄屏下的换行是否正常工作")
    page = open_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(f"{live_server.url}{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
