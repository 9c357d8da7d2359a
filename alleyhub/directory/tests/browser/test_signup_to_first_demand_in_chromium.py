"""Issue #9's whole path for a newcomer, in one real Chromium session: sign up → the e-mailed link →
verify → the onboarding step → find the organisation and ask to join → its admin approves (in
their own browser) → the newcomer posts the organisation's first technology demand."""

import re

import pytest
from django.core import mail

from alleyhub.accounts.models import Membership, User
from alleyhub.accounts.tests.factories import MembershipFactory
from alleyhub.directory.tests.factories import IndustryFactory, OrganizationFactory
from alleyhub.listings.models import TechDemand

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Maple-Courtyard-Lantern-17"


def _link_path(message) -> str:
    return re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+", message.body).group(0))


def test_sign_up_verify_join_get_approved_and_post_a_demand(
    browser, live_server, session_cookie, screenshot_dir
):
    org = OrganizationFactory(name_zh="上海硅巷智能传感有限公司", short_name="硅巷传感", kind="enterprise")
    admin = MembershipFactory(organization=org, role=Membership.MemberRole.ADMIN).user
    IndustryFactory(code="sensors", name_zh="智能传感器", name_en="Smart sensors")

    newcomer = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = newcomer.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_test_id("signup-link").click()
    form = page.get_by_test_id("signup-form")
    form.locator("input[name=email]").fill("wang.lei@example.cn")
    form.locator("input[name=display_name]").fill("王磊")
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    form.locator("input[name=accept]").check()
    form.locator("button[type=submit]").click()
    page.get_by_test_id("signup-sent").wait_for()
    assert not User.objects.get(email="wang.lei@example.cn").is_active  # not before the link

    [message] = mail.outbox
    page.goto(live_server.url + _link_path(message))
    page.get_by_test_id("verify-confirm").click()
    page.get_by_test_id("onboarding-link").click()
    page.wait_for_url("**/directory/join/")

    page.fill("#join-q", "硅巷传感")
    page.click("form[role=search] button[type=submit]")
    candidates = page.locator("[data-testid=join-candidates]")
    candidates.locator("input[name=message]").fill("新入职的研发工程师")
    candidates.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "待审批" in page.locator("[data-testid=my-join-requests]").inner_text()
    response = page.goto(live_server.url + "/listings/demands/new/")
    assert response.status == 403  # a member of no organisation yet: nothing to post for

    approver = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    approver.add_cookies([session_cookie(admin, live_server.url)])
    admin_page = approver.new_page()
    admin_page.goto(f"{live_server.url}/directory/{org.slug}/members/")
    admin_page.locator("[data-testid^=join-request-]").get_by_role("button", name="批准").click()
    admin_page.wait_for_load_state()
    user = User.objects.get(email="wang.lei@example.cn")
    assert Membership.objects.filter(user=user, organization=org).exists()
    approver.close()

    page.goto(live_server.url + "/listings/demands/new/")
    page.locator("select[name=owner]").select_option(str(org.pk))
    page.fill("input[name=title_zh]", "MEMS 压力传感器回流焊后开裂的失效分析")
    page.fill("textarea[name=description_zh]", "产品回流焊后出现裂纹，希望找到失效分析与工艺改进的合作方。")
    page.get_by_label("智能传感器").check()
    page.screenshot(path=str(screenshot_dir / "first-demand-form-phone.png"), full_page=True)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/listings/demands/\d+/"))
    demand = TechDemand.objects.get(title_zh__startswith="MEMS 压力传感器")
    assert demand.owner == org
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    newcomer.close()
