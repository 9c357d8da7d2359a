import io

import pytest

from alleyhub.demo.loader import load_district


def load(**kwargs):
    """Load the demo district quietly, without other apps' hooks or the matching index."""
    options = {"seed": 2026, "stdout": io.StringIO(), "run_hooks": False, "rebuild_index": False}
    options.update(kwargs)
    return load_district(**options)


@pytest.fixture
def district(db):
    return load()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """The demo attaches generated PDFs to a few listings: keep them out of the project's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
