"""Fixtures shared by every app's tests: users on the test client and a real Chromium."""

import os
import shutil
from importlib import import_module
from pathlib import Path

import pytest

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "var" / "screenshots"


@pytest.fixture(autouse=True)
def _fresh_matching_process(settings):
    """Every test starts with an empty in-process matching index that sees index changes at once:
    a test's rolled-back rows must never linger in the next test's search results."""
    from alleyhub.matching.index import reset_process_cache

    settings.MATCHING = {**settings.MATCHING, "REFRESH_SECONDS": 0}
    reset_process_cache()
    yield
    reset_process_cache()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit(): ...` runs what the block scheduled for after commit, as a real commit
    would (the test's own transaction is never committed)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def client_as(client):
    """Log a user in on the test client: `client_as(user)`."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser), one per test session."""
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
    # with a running loop unless told that this is intended (test set-up only).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def session_cookie_for(user, url: str) -> dict:
    """A signed-in session for `user`, as a cookie for a Playwright context on `url`."""
    from django.conf import settings

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": url}


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def session_cookie():
    """`session_cookie(user, live_server.url)`: a signed-in session cookie for a browser context."""
    return session_cookie_for
