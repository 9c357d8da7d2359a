"""The matching API over real HTTP: search for anyone (public listings only), a source's matches
and my matches with permission checks, accept / dismiss, and odd input never a 500."""

import pytest

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.core.models import ListingStatus
from alleyhub.matching.models import Match, MatchStatus
from alleyhub.matching.tests.factories import (
    BrokerFactory,
    MembershipFactory,
    OrganizationFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(commit):
    with commit():
        enterprise = OrganizationFactory(name_zh="晶源半导体")
        demand = TechDemandFactory(
            owner=enterprise,
            title_zh="氮化镓快充芯片方案",
            title_en="",
            description_zh="寻找650V氮化镓功率器件方案，用于快充。",
            confidential_details="内部代号：绝密项目X",
        )
        outcome = TechOutcomeFactory(
            title_zh="650V氮化镓功率器件",
            title_en="650V GaN power device",
            summary_zh="硅基氮化镓HEMT，面向快充电源。",
            confidential_details="良率数据：绝密工艺窗口",
        )
        draft = TechOutcomeFactory(title_zh="氮化镓草稿成果", status=ListingStatus.DRAFT)
    member = MembershipFactory(organization=enterprise).user
    match = Match.objects.get(
        source_kind="demand", source_id=demand.pk, target_kind="outcome", target_id=outcome.pk
    )
    return {"demand": demand, "outcome": outcome, "draft": draft, "member": member, "match": match}


def _bearer(user):
    _pat, token = PersonalAccessToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_anonymous_search_finds_public_listings_across_languages(client, world):
    response = client.get("/api/search", {"q": "GaN", "kinds": "outcome,demand"})
    assert response.status_code == 200
    body = response.json()
    found = {(r["kind"], r["id"]) for r in body["results"]}
    assert ("outcome", world["outcome"].pk) in found
    assert ("demand", world["demand"].pk) in found
    assert ("outcome", world["draft"].pk) not in found
    hit = next(r for r in body["results"] if r["id"] == world["outcome"].pk and r["kind"] == "outcome")
    assert hit["explanation"]["shared_terms"]
    assert isinstance(hit["score"], float)


def test_search_kinds_filter(client, world):
    body = client.get("/api/search", {"q": "氮化镓", "kinds": "demand"}).json()
    assert body["results"] and {r["kind"] for r in body["results"]} == {"demand"}


def test_confidential_details_never_leave_through_the_api(client, client_as, world):
    blobs = [
        client.get("/api/search", {"q": "绝密"}).content.decode(),
        client.get("/api/search", {"q": "氮化镓"}).content.decode(),
        client_as(world["member"]).get(f"/api/matching/for/demand/{world['demand'].pk}").content.decode(),
        client_as(world["member"]).get("/api/matching/mine").content.decode(),
    ]
    for blob in blobs:
        assert "绝密" not in blob and "内部代号" not in blob
    assert client.get("/api/search", {"q": "绝密工艺窗口"}).json()["results"] == []


@pytest.mark.parametrize(
    "q",
    [
        "",
        " ",
        "a",
        "碳" * 1999,
        "🔬🧪🚀",
        "SiC碳化硅 power模块",
        "...!!!",
        '" OR 1=1 --',
        "title:(x AND y*)",
        "[[(.*+?^$|\\",
        "%00",
        "NEAR(a b)",
        "\u200b\u200b",
    ],
)
def test_odd_queries_get_a_200(client, world, q):
    response = client.get("/api/search", {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_over_long_queries_and_bad_limits_are_a_422_problem(client, world):
    for params in ({"q": "碳" * 10_000}, {"q": "x", "limit": 0}, {"q": "x", "limit": "many"}):
        response = client.get("/api/search", params)
        assert response.status_code == 422
        assert response["Content-Type"] == "application/problem+json"


def test_unknown_kinds_are_ignored(client, world):
    response = client.get("/api/search", {"q": "氮化镓", "kinds": "rocket,,;DROP TABLE"})
    assert response.status_code == 200


def test_matches_for_a_source_are_explained_and_permission_checked(client, client_as, world):
    url = f"/api/matching/for/demand/{world['demand'].pk}"
    assert client.get(url).status_code == 403
    assert client_as(MembershipFactory().user).get(url).status_code == 403

    response = client_as(world["member"]).get(url)
    assert response.status_code == 200
    body = response.json()
    first = body[0]
    assert first["target"] == {
        "kind": "outcome",
        "id": world["outcome"].pk,
        "title": "650V氮化镓功率器件",
        "url": first["target"]["url"],
    }
    assert first["status"] in ("suggested", "viewed")
    assert {"shared_terms", "semantic", "constraints"} <= set(first["explanation"])
    assert client_as(BrokerFactory()).get(url).status_code == 200
    assert client.get("/api/matching/for/nothing/1").status_code in (401, 403, 404)
    assert client_as(BrokerFactory()).get("/api/matching/for/demand/999999").status_code == 404


def test_accept_and_dismiss_need_authentication_and_permission(client, world):
    match = world["match"]
    assert client.post(f"/api/matching/{match.pk}/accept").status_code == 401
    stranger = MembershipFactory().user
    assert client.post(f"/api/matching/{match.pk}/accept", **_bearer(stranger)).status_code == 403

    response = client.post(
        f"/api/matching/{match.pk}/accept",
        {"reason": "联系上了"},
        content_type="application/json",
        **_bearer(world["member"]),
    )
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED and match.feedback.get().reason == "联系上了"

    response = client.post(f"/api/matching/{match.pk}/dismiss", **_bearer(world["member"]))
    assert response.status_code == 200 and response.json()["status"] == "dismissed"
    assert client.post("/api/matching/999999/dismiss", **_bearer(world["member"])).status_code == 404


def test_my_matches_are_paginated_and_need_login(client, world):
    assert client.get("/api/matching/mine").status_code == 401
    body = client.get("/api/matching/mine", **_bearer(world["member"])).json()
    assert body["count"] >= 1
    assert any(item["id"] == world["match"].pk for item in body["items"])
    assert client.get("/api/matching/mine", **_bearer(MembershipFactory().user)).json()["count"] == 0


def test_the_openapi_schema_documents_the_matching_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    for path in [
        "/api/search",
        "/api/matching/for/{kind}/{object_id}",
        "/api/matching/mine",
        "/api/matching/{match_id}/accept",
        "/api/matching/{match_id}/dismiss",
    ]:
        assert path in schema["paths"]
    assert "requestBody" in schema["paths"]["/api/matching/{match_id}/accept"]["post"]


def test_a_decision_on_a_stale_version_is_a_409_problem_by_body_or_if_match(client, world):
    match, member = world["match"], world["member"]
    url = f"/api/matching/{match.pk}/accept"
    body = client.get(f"/api/matching/for/demand/{world['demand'].pk}", **_bearer(member)).json()
    assert [m["version"] for m in body if m["id"] == match.pk] == [1]

    response = client.post(url, {"version": 1}, content_type="application/json", **_bearer(member))
    assert response.status_code == 200 and response.json()["version"] == 2

    dismiss = f"/api/matching/{match.pk}/dismiss"
    stale = client.post(dismiss, {"version": 1}, content_type="application/json", **_bearer(member))
    assert stale.status_code == 409
    assert stale["Content-Type"].startswith("application/problem+json")
    assert stale.json()["current_version"] == 2
    stale = client.post(dismiss, HTTP_IF_MATCH='"1"', **_bearer(member))
    assert stale.status_code == 409
    match.refresh_from_db()
    assert (match.status, match.version) == (MatchStatus.ACCEPTED, 2)

    fresh = client.post(dismiss, HTTP_IF_MATCH='"2"', **_bearer(member))
    assert fresh.status_code == 200 and fresh.json()["status"] == "dismissed"
