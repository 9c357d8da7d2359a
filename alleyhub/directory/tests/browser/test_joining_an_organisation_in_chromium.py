"""A real Chromium: a newcomer finds an organisation and asks to join it, the organisation's admin
approves on the members page, and the newcomer — now a member — may post a demand for it. The
pages also fit a phone screen."""

import pytest

from alleyhub.accounts.models import Membership
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory
from alleyhub.directory.tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_page(browser, live_server, session_cookie):
    contexts = []

    def _open(user, **context_args):
        context_args.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(locale="zh-CN", **context_args)
        context.add_cookies([session_cookie(user, live_server.url)])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _open
    for context in contexts:
        context.close()


def test_a_newcomer_joins_an_organisation_its_admin_approves_and_they_post_a_demand(
    open_page, live_server, screenshot_dir
):
    org = OrganizationFactory(name_zh="上海新微科技集团有限公司", short_name="新微集团")
    admin = MembershipFactory(organization=org, role=Membership.MemberRole.ADMIN).user
    newcomer = UserFactory(display_name="赵一鸣")

    page = open_page(newcomer, viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/directory/join/")
    page.fill("#join-q", "新微")
    page.click("form[role=search] button[type=submit]")
    candidates = page.locator("[data-testid=join-candidates]")
    assert "上海新微科技集团有限公司" in candidates.inner_text()
    candidates.locator("input[name=message]").fill("我是新加入的产品经理")
    page.screenshot(path=str(screenshot_dir / "directory-join-phone.png"), full_page=True)
    candidates.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "待审批" in page.locator("[data-testid=my-join-requests]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    admin_page = open_page(admin)
    admin_page.goto(f"{live_server.url}/directory/{org.slug}/members/")
    request_row = admin_page.locator(f"[data-testid=join-request-{newcomer.username}]")
    assert "我是新加入的产品经理" in request_row.inner_text()
    admin_page.screenshot(path=str(screenshot_dir / "directory-members.png"), full_page=True)
    request_row.get_by_role("button", name="批准").click()
    admin_page.wait_for_load_state()
    assert "赵一鸣" in admin_page.locator("[data-testid=members]").inner_text()
    assert Membership.objects.filter(user=newcomer, organization=org, role="member").exists()

    page.goto(f"{live_server.url}/listings/demands/new/")
    owner = page.locator("select[name=owner]")
    assert "上海新微科技集团有限公司" in owner.inner_text()
