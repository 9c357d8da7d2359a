"""An operator's first sign-in in a real Chromium: password, forced set-up of the authenticator,
backup codes, then the page they asked for; no Content-Security-Policy violation on the way."""

from base64 import b32decode

import pytest
from django_otp.oath import totp

from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_an_operator_sets_up_two_factor_on_first_sign_in(live_server, page, settings, screenshot_dir):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True
    UserFactory(username="ops", role=Role.OPERATOR)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(live_server.url + "/accounts/login/?next=/notifications/")
    page.locator("input[name=username]").fill("ops")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-form").locator("button[type=submit]").click()

    page.get_by_test_id("two-factor-setup").wait_for()
    secret = page.get_by_test_id("two-factor-secret").inner_text()
    assert page.get_by_test_id("two-factor-uri").get_attribute("href").startswith("otpauth://totp/")
    page.screenshot(path=str(screenshot_dir / "two-factor-setup.png"), full_page=True)
    code = str(totp(b32decode(secret.replace(" ", "")))).zfill(6)
    page.locator("input[name=code]").fill(code)
    page.get_by_test_id("two-factor-setup-form").locator("button[type=submit]").click()

    page.get_by_test_id("two-factor-backup-codes").wait_for()
    assert page.get_by_test_id("backup-code").count() == 10
    page.get_by_role("button", name="继续").click()
    page.wait_for_url("**/notifications/")
    assert violations == []
