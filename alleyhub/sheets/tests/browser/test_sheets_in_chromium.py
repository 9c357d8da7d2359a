"""A real Chromium: an import with errors is fixed and committed; an export downloaded from a list
page imports back through the pages with 0 changes; the job page fits a phone screen."""

from pathlib import Path

import pytest

from alleyhub.core.models import ListingStatus
from alleyhub.directory.models import Organization
from alleyhub.listings.models import TechOutcome

from ..factories import OperatorFactory, OrganizationFactory, TechOutcomeFactory, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["统一社会信用代码", "类型", "中文名称"]


@pytest.fixture
def open_page(browser, live_server, session_cookie, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contexts = []

    def _open(user=None, **context_args):
        context_args.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(locale="zh-CN", accept_downloads=True, **context_args)
        if user is not None:
            context.add_cookies([session_cookie(user, live_server.url)])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    yield _open
    for context in contexts:
        context.close()


def upload(page, live_server, name: str, data: bytes) -> None:
    page.goto(f"{live_server.url}/sheets/")
    page.set_input_files("[data-testid=file]", {"name": name, "mimeType": XLSX, "buffer": data})
    page.click("[data-testid=upload]")
    page.wait_for_url("**/sheets/jobs/*/")


def test_an_import_with_errors_is_fixed_and_committed(open_page, live_server, screenshot_dir):
    page = open_page(OperatorFactory(), viewport={"width": 390, "height": 844})
    bad = [HEADER, ["91310105MA1FW4XH7A", "科创企业", "新微传感科技"], ["", "火星企业", "示例研究院"]]
    upload(page, live_server, "机构.xlsx", xlsx_bytes({"机构": bad}))
    errors = page.locator("[data-testid=errors]").inner_text()
    assert "统一社会信用代码校验位不正确" in errors and "火星企业" in errors
    assert page.locator("[data-testid=commit]").count() == 0
    page.screenshot(path=str(screenshot_dir / "sheets-job-errors-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    fixed = [HEADER, ["91310105MA1FW4XH7T", "科创企业", "新微传感科技"], ["", "科研院所", "示例研究院"]]
    upload(page, live_server, "机构.xlsx", xlsx_bytes({"机构": fixed}))
    assert page.locator("[data-testid=create-organizations]").inner_text() == "2"
    assert not Organization.objects.exists()
    page.click("[data-testid=commit]")
    page.wait_for_selector("#job-progress[data-status=done]")
    assert Organization.objects.filter(credit_code="91310105MA1FW4XH7T").exists()
    assert Organization.objects.filter(name_zh="示例研究院", kind="institute").exists()


def test_an_export_from_the_list_page_imports_back_with_no_change(open_page, live_server):
    org = OrganizationFactory(
        name_zh="中国科学院上海微系统与信息技术研究所", credit_code="12100000425006117P"
    )
    TechOutcomeFactory(owner=org, title_zh="高可靠 MEMS 压力传感器", trl=6)
    TechOutcomeFactory(owner=org, title_zh="=SUM(A1:A2)", trl=4)
    TechOutcomeFactory(owner=org, title_zh="草稿", status=ListingStatus.DRAFT)
    page = open_page(OperatorFactory())
    page.goto(f"{live_server.url}/listings/outcomes/")
    with page.expect_download() as info:
        page.click(".export-links a:has-text('Excel')")
    data = Path(info.value.path()).read_bytes()
    upload(page, live_server, info.value.suggested_filename, data)
    assert page.locator("[data-testid=create-outcomes]").inner_text() == "0"
    assert page.locator("[data-testid=update-outcomes]").inner_text() == "0"
    assert "没有需要导入的变更" in page.locator("[data-testid=message]").inner_text()
    assert TechOutcome.objects.count() == 3
