"""Phone first (issue 13.1): at 390 × 844 no page is wider than the screen, the menu button opens
the whole navigation with touch-sized links, and at 1280 px the English header is one row.

Signed in as the demo district's operator, enterprise, broker and unit staff, in Chinese and English.
"""

import io
import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from alleyhub.accounts.models import User
from alleyhub.accounts.tests.factories import OperatorFactory
from alleyhub.demo.loader import load_district

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LANGUAGES = ("zh-hans", "en")

# Page shapes each persona looks at: lists, boards, inboxes, detail pages, the account page. A
# `(list_path, detail_pattern)` pair visits the list and then the first detail page it links to.
PAGES = {
    "demo-operator": [
        "/",
        ("/listings/outcomes/", r"^/listings/outcomes/\d+/$"),
        ("/directory/", r"^/directory/[\w-]+/$"),
        "/services/",
        ("/spaces/", r"^/spaces/[\w/-]*\d+/$"),
        "/requests/board/",
        "/requests/inbox/",
        ("/cases/", r"^/cases/\d+/$"),
        ("/events/", r"^/events/\d+/$"),
        ("/plan/", r"^/plan/items/\d+/$"),
        "/plan/kpis/",
        "/freshness/stale/",
        "/sheets/",
        "/notifications/",
        "/accounts/me/",
    ],
    "demo-enterprise": [
        "/",
        ("/requests/mine/", r"^/requests/\d+/$"),
        "/enquiries/",
        "/cases/mine/",
        "/matching/mine/",
        "/events/mine/",
        ("/listings/demands/", r"^/listings/demands/\d+/$"),
        "/accounts/me/",
    ],
    "demo-broker": ["/", "/cases/", "/cases/brokers/", "/directory/people/"],
    "demo-unit": [
        "/",
        ("/requests/inbox/", r"^/requests/\d+/$"),
        "/plan/",
        "/plan/mine/",
        "/enquiries/",
    ],
}

# What the menu must offer each persona (data-testid of the links).
MUST_OFFER = {
    "demo-operator": {
        "nav-directory",
        "nav-events",
        "nav-requests",
        "nav-plan",
        "nav-request-board",
        "nav-sheets",
        "my-account",
        "logout",
    },
    "demo-enterprise": {
        "nav-outcomes",
        "nav-spaces",
        "nav-requests",
        "nav-enquiries",
        "nav-cases",
        "my-account",
    },
    "demo-broker": {"nav-cases", "nav-matches", "nav-services", "my-account"},
    "demo-unit": {"nav-requests", "nav-plan", "my-account"},
}
NOT_OFFERED = {"demo-enterprise": {"nav-group-manage"}, "demo-broker": {"nav-group-manage"}}


def _overflow(page, width: int = PHONE["width"]) -> int:
    """How many pixels the page is wider than the screen (0 when it fits). Measured against the
    device width, not `innerWidth`: a mobile browser zooms out a page that is too wide, and then its
    innerWidth grows with it."""
    return page.evaluate(f"Math.max(document.documentElement.scrollWidth, window.innerWidth) - {width}")


def _open_as(browser, live_server, session_cookie, user, language, viewport):
    context = browser.new_context(
        viewport=viewport,
        device_scale_factor=1,
        is_mobile=viewport["width"] < 500,
        has_touch=viewport["width"] < 500,
        locale="zh-CN",
    )
    context.add_cookies(
        [
            session_cookie(user, live_server.url),
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _check_menu(page, username, language) -> None:
    """The menu button opens the whole navigation: every link on screen, ≥ 40 px tall."""
    nav = page.locator("#site-nav")
    assert not nav.is_visible(), "the phone navigation starts closed"
    button = page.get_by_test_id("menu-button")
    assert button.is_visible()
    assert button.get_attribute("aria-controls") == "site-nav"
    assert button.get_attribute("aria-expanded") == "false"
    assert button.bounding_box()["height"] >= 40
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    targets = nav.locator("a, button")
    offered = set()
    for i in range(targets.count()):
        target = targets.nth(i)
        name = target.get_attribute("data-testid") or target.inner_text()
        offered.add(name)
        target.scroll_into_view_if_needed()
        assert target.is_visible(), f"{username} {language}: {name} is hidden in the open menu"
        box = target.bounding_box()
        assert box["height"] >= 40, f"{username} {language}: {name} is {box['height']} px tall"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, f"{name} is off-screen"
    missing = MUST_OFFER[username] - offered
    assert not missing, f"{username} {language}: the menu lacks {missing}"
    assert not (NOT_OFFERED.get(username, set()) & offered)
    # Every link in the menu leads somewhere: a real address, not "#".
    hrefs = nav.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(h and h != "#" for h in hrefs)
    # Escape closes it again.
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()


def _check_board_hint(page) -> None:
    """The case board's columns run past the screen: the box scrolls, the page does not, and the
    edge with more to see is marked (a shadow in alleyhub.css)."""
    board = page.locator(".board-columns")
    assert board.evaluate("b => b.scrollWidth > b.clientWidth")
    assert "more-right" in board.get_attribute("class")
    board.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    # (expect polls from Python: a string wait_for_function would be eval, which the CSP blocks)
    expect(board).to_have_class(re.compile(r"\bmore-left\b"))
    assert "more-right" not in board.get_attribute("class")


def _detail_path(page, pattern: str) -> str | None:
    paths = page.locator("main a[href]").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    return next((p for p in paths if re.match(pattern, p)), None)


def test_every_page_shape_fits_a_phone_and_the_menu_opens_the_whole_navigation(
    live_server, browser, session_cookie, screenshot_dir
):
    load_district(seed=2026, stdout=io.StringIO(), run_hooks=True, schedule_embedding=False)
    visited = 0
    for username, pages in PAGES.items():
        user = User.objects.get(username=username)
        for language in LANGUAGES:
            page = _open_as(browser, live_server, session_cookie, user, language, PHONE)
            page.goto(live_server.url + "/")
            assert page.locator("html").get_attribute("lang") == language
            _check_menu(page, username, language)
            for entry in pages:
                path, pattern = (entry, None) if isinstance(entry, str) else entry
                paths = [path]
                response = page.goto(live_server.url + path)
                assert response.status == 200, f"{username} {path}: {response.status}"
                if pattern:
                    detail = _detail_path(page, pattern)
                    assert detail, f"{username}: no link matching {pattern} on {path}"
                    paths.append(detail)
                for i, p in enumerate(paths):
                    if i:
                        response = page.goto(live_server.url + p)
                        assert response.status == 200, f"{username} {p}: {response.status}"
                    page.wait_for_load_state("networkidle")
                    assert _overflow(page) <= 0, f"{username} {language} {p} is {_overflow(page)} px too wide"
                    # Tables scroll inside their own box rather than widening the page.
                    loose = page.locator("main table").evaluate_all(
                        "ts => ts.filter(t => !t.closest('.table-wrap, .board-columns')).length"
                    )
                    assert loose == 0, f"{username} {language} {p}: a table outside a scroll box"
                    if p == "/cases/":
                        _check_board_hint(page)
                    visited += 1
            page.context.close()
    assert visited >= 2 * 40


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_desktop_header_is_one_row(live_server, browser, session_cookie, screenshot_dir, language):
    operator = OperatorFactory(username="demo-long-name", display_name="周敏", is_staff=True)
    page = _open_as(browser, live_server, session_cookie, operator, language, {"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == language
    assert not page.get_by_test_id("menu-button").is_visible()
    header = page.locator(".site-header")
    assert header.bounding_box()["height"] < 90, f"header is {header.bounding_box()['height']} px tall"
    tops = page.locator(".header-bar .brand, .site-nav > ul > li").evaluate_all(
        "items => items.map(i => i.getBoundingClientRect()).map(r => r.top + r.height / 2)"
    )
    assert max(tops) - min(tops) < 12, f"header items are on more than one row: {tops}"
    assert _overflow(page, 1280) <= 0
    # The groups open as dropdowns (click, Escape closes) and the user menu collects the account.
    page.get_by_test_id("nav-group-discover").click()
    assert page.get_by_test_id("nav-spaces").is_visible()
    page.get_by_test_id("nav-group-manage").click()  # opening one closes the other
    assert not page.get_by_test_id("nav-spaces").is_visible()
    assert page.get_by_test_id("nav-plan").is_visible()
    page.keyboard.press("Escape")
    assert not page.get_by_test_id("nav-plan").is_visible()
    page.get_by_test_id("user-menu").click()
    for testid in ("my-account", "nav-tokens", "nav-notification-preferences", "logout"):
        assert page.get_by_test_id(testid).is_visible()
    page.mouse.click(640, 600)  # a click elsewhere closes it
    assert not page.get_by_test_id("my-account").is_visible()
    page.context.close()
