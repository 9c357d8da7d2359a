import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Exports and uploads are written under a fresh MEDIA_ROOT for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
