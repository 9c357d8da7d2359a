"""In a real Chromium: sign up → the e-mail's link → verify → signed in on the onboarding step;
and a forgotten password reset through the e-mailed link. At phone width, without any
Content-Security-Policy violation."""

import re

import pytest
from django.core import mail

from alleyhub.accounts.models import User
from alleyhub.accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRONG = "Lane-Walnut-Harbour-42"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _link_path(message) -> str:
    return re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+", message.body).group(0))


def test_sign_up_verify_and_land_on_the_onboarding_step(live_server, page, screenshot_dir):
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_test_id("signup-link").click()
    form = page.get_by_test_id("signup-form")
    form.locator("input[name=email]").fill("Zhou.Min@example.cn")
    form.locator("input[name=display_name]").fill("周敏")
    form.locator("input[name=password]").fill(STRONG)
    form.locator("input[name=password2]").fill(STRONG)
    form.locator("select[name=preferred_language]").select_option("zh-hans")
    page.screenshot(path=str(screenshot_dir / "signup-form.png"), full_page=True)
    form.locator("button[type=submit]").click()
    page.get_by_test_id("signup-form").locator(".field-error").first.wait_for()  # consent is missing
    assert not User.objects.filter(email="zhou.min@example.cn").exists()

    form.locator("input[name=password]").fill(STRONG)
    form.locator("input[name=password2]").fill(STRONG)
    form.locator("input[name=accept]").check()
    form.locator("button[type=submit]").click()
    page.get_by_test_id("signup-sent").wait_for()
    page.screenshot(path=str(screenshot_dir / "signup-sent.png"), full_page=True)

    [message] = mail.outbox
    assert message.to == ["zhou.min@example.cn"]
    page.goto(live_server.url + _link_path(message))
    page.get_by_test_id("verify-confirm").click()
    page.get_by_test_id("welcome").wait_for()
    assert page.get_by_test_id("onboarding-link").get_attribute("href") == "/directory/join/"
    assert page.get_by_test_id("my-account").count() == 1  # signed in (the link sits in the phone menu)
    page.screenshot(path=str(screenshot_dir / "signup-welcome.png"), full_page=True)
    assert User.objects.get(email="zhou.min@example.cn").is_active
    page.get_by_test_id("onboarding-link").click()  # on to the directory's join / register page
    page.wait_for_url("**/directory/join/")
    assert violations == []


def test_a_forgotten_password_is_reset_through_the_e_mailed_link(live_server, page, screenshot_dir):
    UserFactory(username="li.qiang", email="li.qiang@example.cn")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_test_id("forgot-password-link").click()
    page.get_by_test_id("password-reset-form").locator("input[name=email]").fill("li.qiang@example.cn")
    page.get_by_test_id("password-reset-form").locator("button[type=submit]").click()
    page.get_by_test_id("password-reset-sent").wait_for()

    [message] = mail.outbox
    page.goto(live_server.url + _link_path(message))
    form = page.get_by_test_id("set-password-form")
    form.locator("input[name=new_password1]").fill("Quiet-Lantern-Orchard-88")
    form.locator("input[name=new_password2]").fill("Quiet-Lantern-Orchard-88")
    page.screenshot(path=str(screenshot_dir / "password-reset-confirm.png"), full_page=True)
    form.locator("button[type=submit]").click()
    page.get_by_test_id("password-reset-complete").wait_for()

    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill("li.qiang")
    page.locator("input[name=password]").fill("Quiet-Lantern-Orchard-88")
    page.get_by_test_id("login-form").locator("button[type=submit]").click()
    page.get_by_test_id("my-account").wait_for(state="attached")


def test_profile_and_notification_preferences_in_english_at_phone_width(
    live_server, page, session_cookie, screenshot_dir
):
    user = UserFactory(username="sun.li", preferred_language="en")
    page.context.add_cookies(
        [
            session_cookie(user, live_server.url),
            {"name": "django_language", "value": "en", "url": live_server.url},
        ]
    )
    page.goto(live_server.url + "/accounts/me/")
    form = page.get_by_test_id("profile-form")
    form.locator("input[name=phone]").fill("+86 139 0000 1111")
    form.locator("input[name=job_title]").fill("Technology transfer manager")
    form.get_by_label("English").check()
    form.locator("button[type=submit]").click()
    page.get_by_text("Profile saved.").wait_for()
    page.get_by_test_id("profile").screenshot(path=str(screenshot_dir / "account-profile-en.png"))
    user.refresh_from_db()
    assert (user.phone, user.languages_spoken) == ("13900001111", ["en"])

    page.get_by_test_id("notification-preferences-link").click()
    prefs = page.get_by_test_id("notification-preferences-form")
    prefs.locator("select[name=category_matches]").select_option("off")
    prefs.locator("button[type=submit]").click()
    page.get_by_test_id("notification-preferences-form").wait_for()
    page.screenshot(path=str(screenshot_dir / "notification-preferences-en.png"), full_page=True)
    assert user.notification_preference.category_modes == {"matches": "off"}
