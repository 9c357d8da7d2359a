"""A real Chromium: a service provider creates a service, attaches a PDF and publishes it; an
anonymous visitor then sees the service and downloads the file."""

import pytest

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.models import ListingStatus
from alleyhub.listings.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n% service guide\n%%EOF\n"


def test_provider_publishes_a_service_with_a_pdf_and_a_visitor_downloads_it(
    transactional_db, browser, live_server, session_cookie, tmp_path, settings, screenshot_dir
):
    settings.MEDIA_ROOT = tmp_path / "media"
    provider = OrganizationFactory(name_zh="上海技术交易所", kind="service_provider", slug="sstec")
    member = MembershipFactory(organization=provider).user
    guide = tmp_path / "服务指南.pdf"
    guide.write_bytes(PDF)

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.add_cookies([session_cookie(member, live_server.url)])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/services/")
    page.get_by_role("button", name="发布服务").click()  # a link styled (role) as a button
    page.wait_for_url("**/services/new/")
    page.select_option("#id_category", "ip")
    page.fill("#id_title_zh", "技术合同登记")
    page.fill("#id_description_zh", "为科技企业办理技术合同认定登记。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/services/*/")
    service = ServiceOffering.objects.get()
    assert service.status == ListingStatus.DRAFT

    page.set_input_files("#id_file", str(guide))
    page.fill("#id_title", "办事指南")
    page.get_by_role("button", name="上传附件").click()
    page.wait_for_selector("text=办事指南")
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_selector("text=已发布。")
    page.screenshot(path=str(screenshot_dir / "service_published_phone.png"), full_page=True)
    service.refresh_from_db()
    assert service.status == ListingStatus.PUBLISHED
    context.close()

    visitor = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True
    )
    anon = visitor.new_page()
    anon.goto(f"{live_server.url}/services/{service.pk}/")
    assert "技术合同登记" in anon.inner_text("h1")
    assert anon.get_by_role("link", name="编辑").count() == 0
    with anon.expect_download() as download:
        anon.get_by_role("link", name="办事指南").click()
    path = download.value.path()
    assert path is not None and path.read_bytes() == PDF
    assert download.value.suggested_filename == "服务指南.pdf"
    visitor.close()
