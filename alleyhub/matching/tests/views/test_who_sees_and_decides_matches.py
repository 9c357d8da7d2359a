"""Finding 2 of issue #8 (docs/permissions.md, "Matches"): brokers see the matches of public
sources only — never another organisation's draft or an enterprise's request, nor what the engine
read from them — and only the source's organisation and operators accept or dismiss; pages and
API alike."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory
from alleyhub.matching import selectors
from alleyhub.matching.models import Match, MatchStatus
from alleyhub.matching.tests.factories import BrokerFactory, OperatorFactory, TechOutcomeFactory
from alleyhub.requests.models import Category
from alleyhub.requests.tests.factories import submit

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def private(mems):
    """A draft outcome of the institute and a space request of the enterprise, with a match each."""
    draft = TechOutcomeFactory(
        owner=mems["outcome"].owner, status="draft", title_zh="保密草稿：新型声学薄膜", published_at=None
    )
    member = MembershipFactory(organization=mems["enterprise"]).user
    request = submit(
        org=mems["enterprise"],
        user=member,
        category=Category.SPACE,
        title="求租研发场地",
        description="我们需要华阳路附近200平的研发场地，月租3.5万以内。",
    )
    draft_match = Match.objects.create(
        source_kind="outcome", source_id=draft.pk, target_kind="demand", target_id=mems["demand"].pk
    )
    request_match = Match.objects.create(
        source_kind="request", source_id=request.pk, target_kind="space", target_id=1, explanation={}
    )
    return {
        "draft": draft,
        "request": request,
        "member": member,
        "draft_match": draft_match,
        "request_match": request_match,
    }


def test_a_broker_does_not_see_an_other_organisations_draft_or_a_request(mems, private):
    broker = _client(BrokerFactory())
    for kind, pk in (("outcome", private["draft"].pk), ("request", private["request"].pk)):
        page = broker.get(reverse("matching:for_object", kwargs={"kind": kind, "pk": pk}))
        assert page.status_code == 403
        assert "保密草稿" not in page.content.decode() and "求租" not in page.content.decode()
        api = broker.get(f"/api/matching/for/{kind}/{pk}")
        assert api.status_code == 403 and "华阳路" not in api.content.decode()

    mine = broker.get("/api/matching/mine?status=suggested").json()
    assert {m["source"]["kind"] for m in mine["items"]} <= {"demand", "outcome", "organization"}
    ids = set(selectors.matches_mine(user=BrokerFactory()).values_list("pk", flat=True))
    assert private["draft_match"].pk not in ids and private["request_match"].pk not in ids


def test_a_broker_sees_a_public_sources_matches_without_deciding_them(mems):
    broker = _client(BrokerFactory())
    url = reverse("matching:for_object", kwargs={"kind": "demand", "pk": mems["demand"].pk})
    page = broker.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "低噪声MEMS麦克风芯片" in html
    assert 'data-testid="match-accept"' not in html and 'data-testid="match-dismiss"' not in html
    # Seeing is not deciding: the suggestion stays a suggestion for the enterprise.
    assert not Match.objects.filter(source_kind="demand", status=MatchStatus.VIEWED).exists()

    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    for action in ("accept", "dismiss"):
        response = broker.post(f"/api/matching/{match.pk}/{action}", "{}", content_type="application/json")
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
        assert broker.post(reverse(f"matching:{action}", kwargs={"pk": match.pk})).status_code == 403
    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 200), ("operator", 200), ("task_force", 403), ("unit_staff", 403), ("other_member", 403)],
)
def test_only_the_sources_organisation_and_operators_decide(mems, who, status):
    user = {
        "member": lambda: MembershipFactory(organization=mems["enterprise"]).user,
        "operator": OperatorFactory,
        "task_force": lambda: UserFactory(role=Role.TASK_FORCE),
        "unit_staff": lambda: UserFactory(role=Role.UNIT_STAFF),
        "other_member": lambda: MembershipFactory().user,
    }[who]()
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    response = _client(user).post(
        f"/api/matching/{match.pk}/accept", json.dumps({}), content_type="application/json"
    )
    assert response.status_code == status


def test_members_and_the_task_force_see_a_requests_matches(mems, private):
    url = f"/api/matching/for/request/{private['request'].pk}"
    assert _client(private["member"]).get(url).status_code == 200
    assert _client(UserFactory(role=Role.TASK_FORCE)).get(url).status_code == 200
    assert _client(MembershipFactory().user).get(url).status_code == 403
