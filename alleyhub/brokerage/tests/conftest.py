import pytest

from alleyhub.brokerage.services import pipeline_rules_ensure


@pytest.fixture(autouse=True)
def _pipeline_rules(request):
    """The transition and reminder tables come from a data migration; transactional tests flush
    them, so load the defaults again when they are missing (tests that use the database carry
    the django_db mark)."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    pipeline_rules_ensure()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a throw-away MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
