"""Fixtures for the matching app's Django-side tests."""

import pytest

from alleyhub.matching.index import reset_process_cache


@pytest.fixture(autouse=True)
def _fresh_matching_process(settings):
    """Every test starts with an empty process cache and sees index changes at once."""
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
def lexical_only(settings):
    """Embeddings off: lexical matching only (for tests that need no semantics)."""
    settings.MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}
