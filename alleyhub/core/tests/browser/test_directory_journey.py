"""The newcomer's journey in a real browser: home → English → directory → filter → detail."""

import pytest

from alleyhub.directory.models import OrganizationKind
from alleyhub.directory.tests.factories import IndustryFactory, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def district():
    ic = IndustryFactory(code="ic", name_zh="集成电路", name_en="Integrated circuits")
    materials = IndustryFactory(code="new-materials", name_zh="新材料", name_en="New materials")
    simit = OrganizationFactory(
        slug="cas-simit",
        kind=OrganizationKind.INSTITUTE,
        name_zh="中国科学院上海微系统与信息技术研究所",
        name_en="CAS Shanghai Institute of Microsystem and Information Technology",
        description_zh="从事微系统、信息功能材料与集成电路研究。",
        description_en="Research on microsystems, information materials and integrated circuits.",
        industries=[ic],
    )
    OrganizationFactory(
        slug="cas-siccas",
        kind=OrganizationKind.INSTITUTE,
        name_zh="中国科学院上海硅酸盐研究所",
        name_en="CAS Shanghai Institute of Ceramics",
        industries=[materials],
    )
    OrganizationFactory(
        slug="xinwei",
        kind=OrganizationKind.ENTERPRISE,
        name_zh="新微科技集团",
        name_en="Xinwei Technology Group",
        industries=[ic],
    )
    return simit


def test_home_english_directory_filter_and_detail(live_server, page, district, screenshot_dir):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_test_id("home-stats").is_visible()

    page.get_by_test_id("lang-en").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path=str(screenshot_dir / "home-en.png"), full_page=True)

    page.goto(live_server.url + "/directory/")
    assert page.locator("html").get_attribute("lang") == "en"
    results = page.get_by_test_id("directory-results")
    assert results.get_by_text("Xinwei Technology Group").is_visible()

    # Filtering swaps only the results (HTMX) and pushes the filter into the URL.
    with page.expect_response(lambda r: "kind=institute" in r.url):
        page.get_by_test_id("filter-kind").select_option("institute")
    page.wait_for_url("**/directory/?*kind=institute*")
    results = page.get_by_test_id("directory-results")
    results.get_by_text("CAS Shanghai Institute of Ceramics").wait_for()
    assert results.get_by_text("Xinwei Technology Group").count() == 0
    page.screenshot(path=str(screenshot_dir / "directory-filtered-en.png"), full_page=True)

    results.get_by_role(
        "link", name="CAS Shanghai Institute of Microsystem and Information Technology"
    ).click()
    page.wait_for_url("**/directory/cas-simit/")
    detail = page.get_by_test_id("org-detail")
    assert (
        detail.get_by_role("heading", level=1)
        .inner_text()
        .startswith("CAS Shanghai Institute of Microsystem")
    )
    assert "Research on microsystems" in detail.inner_text()
    page.screenshot(path=str(screenshot_dir / "org-detail-en.png"), full_page=True)


def test_directory_and_detail_fit_a_phone_screen(live_server, phone_page, district, screenshot_dir):
    page = phone_page
    page.goto(live_server.url + "/directory/?kind=institute")
    # Nothing wider than the screen: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.screenshot(path=str(screenshot_dir / "directory-phone.png"), full_page=True)
    page.goto(live_server.url + "/directory/cas-simit/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert page.get_by_role("heading", level=1).is_visible()
    page.screenshot(path=str(screenshot_dir / "org-detail-phone.png"), full_page=True)
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.screenshot(path=str(screenshot_dir / "home-phone.png"), full_page=True)
