"""A real Chromium: an enterprise applies for a service, the provider answers in its inbox, the
enterprise reads the answer."""

import pytest

from alleyhub.enquiries.models import Enquiry

from ..factories import World

pytestmark = pytest.mark.browser


@pytest.fixture
def as_user(browser, live_server, session_cookie):
    contexts = []

    def open_as(user, *, width=1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        context.add_cookies([session_cookie(user, live_server.url)])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_as
    for c in contexts:
        c.close()


def test_apply_answer_and_read_the_answer(transactional_db, as_user, live_server, screenshot_dir):
    world = World()

    # 1. The enterprise opens the service, clicks Apply, answers the provider's questions.
    ent = as_user(world.applicant, width=390)  # a phone
    ent.goto(f"{live_server.url}/services/{world.form_service.pk}/")
    ent.get_by_test_id("apply").click()
    ent.wait_for_url(f"**/enquiries/new/service/{world.form_service.pk}/")
    ent.fill("#id_answer_employees", "35")
    ent.select_option("#id_answer_need", label="担保")
    ent.fill("#id_message", "希望下周面谈。")
    ent.get_by_test_id("send-enquiry").click()
    assert "同意" in ent.locator(".field-error").first.inner_text()  # no consent yet: nothing sent
    assert not Enquiry.objects.exists()
    ent.check("#id_consent")
    ent.get_by_test_id("send-enquiry").click()
    ent.wait_for_url("**/enquiries/*/")
    assert ent.get_by_test_id("status").inner_text() == "待答复"
    ent.screenshot(path=str(screenshot_dir / "enquiry-sent-390.png"), full_page=True)
    enquiry = Enquiry.objects.get()

    # 2. The provider finds it in the inbox (filtered to new ones) and answers (HTMX).
    pro = as_user(world.provider_staff)
    pro.goto(f"{live_server.url}/enquiries/inbox/?status=new")
    pro.get_by_role("link", name="科技信贷").click()
    pro.wait_for_url(f"**/enquiries/{enquiry.pk}/")
    assert "35" in pro.inner_text("body") and "担保" in pro.inner_text("body")
    pro.get_by_test_id("body").fill("请携带营业执照来窗口面谈。")
    pro.get_by_test_id("action-answer").click()
    pro.wait_for_selector('#enquiry-panel[data-status="answered"]')
    pro.screenshot(path=str(screenshot_dir / "enquiry-answered.png"), full_page=True)

    # 3. The enterprise sees the answer in "my enquiries" and on the page.
    ent.goto(f"{live_server.url}/enquiries/mine/")
    assert "已答复" in ent.get_by_test_id("enquiry-row").inner_text()
    ent.get_by_role("link", name="科技信贷").click()
    assert ent.get_by_test_id("message-provider").inner_text() == "请携带营业执照来窗口面谈。"
