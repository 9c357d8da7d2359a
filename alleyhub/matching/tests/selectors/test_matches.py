"""Match selectors only read: a source never matched is matched by the page or endpoint (through a
service) before the selector lists its matches."""

import pytest
from django.urls import reverse

from alleyhub.matching import selectors
from alleyhub.matching.models import Match
from alleyhub.matching.tests.factories import BrokerFactory

pytestmark = pytest.mark.django_db


def test_listing_a_never_matched_source_writes_nothing(mems):
    demand, broker = mems["demand"], BrokerFactory()
    Match.objects.all().delete()

    assert selectors.matches_for_source(kind="demand", object_id=demand.pk, user=broker) == []
    assert not Match.objects.exists()


@pytest.mark.parametrize("via", ["page", "api"])
def test_the_page_and_the_api_still_show_fresh_matches_of_a_never_matched_source(client_as, mems, via):
    demand, broker = mems["demand"], BrokerFactory()
    Match.objects.all().delete()

    if via == "page":
        url = reverse("matching:for_object", kwargs={"kind": "demand", "pk": demand.pk})
        shown = [m.target_id for g in client_as(broker).get(url).context["groups"] for m in g["matches"]]
    else:
        shown = [
            m["target"]["id"] for m in client_as(broker).get(f"/api/matching/for/demand/{demand.pk}").json()
        ]

    assert mems["outcome"].pk in shown
    assert Match.objects.filter(source_kind="demand", source_id=demand.pk).exists()
