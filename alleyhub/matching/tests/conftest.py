"""Fixtures for the matching app's Django-side tests."""

import pytest


@pytest.fixture
def lexical_only(settings):
    """Embeddings off: lexical matching only (for tests that need no semantics)."""
    settings.MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}
