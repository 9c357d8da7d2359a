"""Search selectors serve the site search and other apps' text filters."""

import pytest

from alleyhub.matching.selectors import search_object_ids

pytestmark = pytest.mark.django_db


def test_search_object_ids_serves_other_apps_text_filters(mems):
    assert search_object_ids(q="MEMS", kind="outcome")[0] == mems["outcome"].pk
    assert search_object_ids(q="", kind="outcome") == []
    assert search_object_ids(q="MEMS", kind="nonsense") == []
