"""The Content-Security-Policy blocks nothing the site needs: a real Chromium reports no violation
on the pages, and htmx still swaps content."""

import pytest

from alleyhub.accounts.tests.factories import OperatorFactory, UserFactory
from alleyhub.directory.tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _violations(page) -> list[str]:
    seen: list[str] = []
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return seen


def test_public_pages_and_the_api_docs_run_without_a_policy_violation(live_server, page):
    OrganizationFactory(name_zh="新微科技集团")
    violations = _violations(page)
    for path in ["/", "/accounts/login/", "/directory/", "/search/?q=新微", "/api/docs", "/admin/login/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    # Swagger UI drew itself (its scripts are static files, its settings a JSON block).
    page.goto(live_server.url + "/api/docs")
    page.locator(".swagger-ui .info").wait_for()
    assert violations == []


def test_htmx_and_the_site_script_work_under_the_policy(live_server, page, session_cookie):
    operator = OperatorFactory()
    page.context.add_cookies([session_cookie(operator, live_server.url)])
    violations = _violations(page)
    page.goto(live_server.url + "/")
    # The notification badge is loaded by htmx after the page.
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("nav-notifications").is_visible()
    page.goto(live_server.url + "/requests/")
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_admin_runs_under_the_policy(live_server, page, session_cookie):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    page.context.add_cookies([session_cookie(admin, live_server.url)])
    violations = _violations(page)
    for path in ["/admin/", f"/admin/accounts/user/{admin.pk}/change/", "/admin/accounts/user/?q=root"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert page.locator("#result_list").is_visible()
    assert violations == []
