"""A case moved through the API carries the version the client saw, in the body or as If-Match;
a stale one is a 409 problem that names the current version, and nothing changes."""

import json

import pytest

from alleyhub.brokerage.models import Case, CaseStageChange
from alleyhub.brokerage.services import case_move
from alleyhub.brokerage.tests.factories import BrokerFactory, CaseFactory
from alleyhub.brokerage.transitions import Stage

pytestmark = pytest.mark.django_db


def _move(client, case, body, **headers):
    return client.post(
        f"/api/cases/{case.pk}/move", json.dumps(body), content_type="application/json", **headers
    )


@pytest.fixture
def moved_meanwhile():
    """A case another broker has just moved from lead to contacted (now version 2)."""
    case = CaseFactory(stage=Stage.LEAD)
    other = BrokerFactory(display_name="王经纪")
    case.co_brokers.add(other)
    case_move(case=case, to_stage=Stage.CONTACTED, expected_version=1, actor=other)
    return case


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ({"to_stage": "meeting", "version": 1}, {}),
        ({"to_stage": "meeting"}, {"HTTP_IF_MATCH": '"1"'}),
        ({"to_stage": "meeting"}, {"HTTP_IF_MATCH": 'W/"1"'}),
    ],
)
def test_a_stale_version_in_the_body_or_if_match_is_a_409_problem(client_as, moved_meanwhile, body, headers):
    case = moved_meanwhile
    response = _move(client_as(case.broker), case, body, **headers)

    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert (problem["code"], problem["current_version"], problem["current_state"]) == (
        "conflict",
        2,
        "contacted",
    )
    assert "王经纪" in problem["detail"]
    case.refresh_from_db()
    assert (case.stage, case.version) == (Stage.CONTACTED, 2)
    assert CaseStageChange.objects.filter(case=case, to_stage=Stage.MEETING).count() == 0


def test_if_match_with_the_current_version_moves_the_case_and_returns_the_new_etag(
    client_as, moved_meanwhile
):
    case = moved_meanwhile
    client = client_as(case.broker)
    detail = client.get(f"/api/cases/{case.pk}")
    assert detail["ETag"] == '"2"' and detail.json()["version"] == 2

    response = _move(client, case, {"to_stage": "meeting"}, HTTP_IF_MATCH=detail["ETag"])

    assert response.status_code == 200, response.content
    assert response["ETag"] == '"3"' and response.json()["version"] == 3
    assert Case.objects.get(pk=case.pk).stage == Stage.MEETING


def test_a_body_version_and_if_match_that_disagree_are_refused(client_as, moved_meanwhile):
    case = moved_meanwhile
    response = _move(client_as(case.broker), case, {"to_stage": "meeting", "version": 2}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 409 and response.json()["code"] == "version_mismatch"
    assert Case.objects.get(pk=case.pk).version == 2


def test_a_move_without_any_version_is_refused(client_as):
    case = CaseFactory(stage=Stage.LEAD)
    response = _move(client_as(case.broker), case, {"to_stage": "contacted"})
    assert response.status_code == 422 and response.json()["code"] == "version_required"
    assert Case.objects.get(pk=case.pk).stage == Stage.LEAD
