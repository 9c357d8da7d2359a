"""Every matching list that has both a page and an API endpoint gives the same rows, in the same
order, for the same parameters: both call the same selector."""

import pytest
from django.urls import reverse

from alleyhub.matching.models import Match
from alleyhub.matching.tests.factories import (
    BrokerFactory,
    PersonFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(commit, mems):
    with commit():
        TechOutcomeFactory(title_zh="MEMS压力传感器", summary_zh="微机电压力传感器，用于可穿戴设备。")
        TechDemandFactory(title_zh="寻找MEMS传感器供应", description_zh="需要MEMS麦克风和压力传感器。")
        PersonFactory(name_zh="李研究员", expertise="MEMS 传感器 封装", bio_zh="微机电传感器封装。")
    return mems


@pytest.mark.parametrize(
    ("q", "kinds"),
    [("MEMS", []), ("MEMS 麦克风", ["outcome", "expert"]), ("microphone", ["demand"]), ("无关的词", [])],
)
def test_search_page_and_api_give_the_same_results(client, listings, q, kinds):
    page = client.get(reverse("search:index"), {"q": q, "kinds": kinds})
    api = client.get("/api/search", {"q": q, "kinds": ",".join(kinds), "limit": 30})

    page_rows = [(r.kind, r.id) for r in page.context["results"]]
    api_rows = [(r["kind"], r["id"]) for r in api.json()["results"]]
    assert page_rows == api_rows
    if q == "MEMS":
        assert page_rows  # the comparison is not between two empty lists


def test_a_sources_matches_page_and_api_give_the_same_rows(client_as, listings):
    demand = listings["demand"]
    broker = BrokerFactory()

    page = client_as(broker).get(reverse("matching:for_object", kwargs={"kind": "demand", "pk": demand.pk}))
    api = client_as(broker).get(f"/api/matching/for/demand/{demand.pk}")

    page_rows = [m.pk for group in page.context["groups"] for m in group["matches"]]
    api_rows = [m["id"] for m in api.json()]
    assert page_rows == api_rows
    assert {"outcome", "expert"} <= {m["target"]["kind"] for m in api.json()}


@pytest.mark.parametrize("status", ["", "suggested", "viewed", "accepted", "dismissed", "nonsense"])
def test_my_matches_page_and_api_give_the_same_rows(client_as, listings, status):
    broker = BrokerFactory()
    first = Match.objects.order_by("pk").first()
    first.status = "dismissed"
    first.save()

    page = client_as(broker).get(reverse("matching:mine"), {"status": status})
    api = client_as(broker).get("/api/matching/mine", {"status": status, "page_size": 30})

    page_rows = [m.pk for m in page.context["matches"]]
    api_rows = [m["id"] for m in api.json()["items"]]
    assert page_rows == api_rows
    if status in ("", "dismissed"):
        assert page_rows
