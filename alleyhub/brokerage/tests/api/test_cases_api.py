import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alleyhub.brokerage.models import Case
from alleyhub.brokerage.tests.factories import (
    BrokerFactory,
    CaseFactory,
    DemandFactory,
    OutcomeFactory,
    make_match,
    party_of,
)
from alleyhub.brokerage.transitions import Stage

pytestmark = pytest.mark.django_db


def _post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_a_broker_opens_moves_and_lists_cases_through_the_api(client_as):
    broker = BrokerFactory()
    demand, outcome = DemandFactory(), OutcomeFactory()
    client = client_as(broker)

    created = _post(
        client,
        "/api/cases",
        {"demand_org_id": demand.owner.pk, "demand_id": demand.pk, "outcome_id": outcome.pk},
    )
    assert created.status_code == 201, created.content
    case = created.json()
    assert (case["stage"], case["version"], case["broker"]["id"]) == ("lead", 1, broker.pk)
    assert case["allowed_next_stages"] == ["contacted", "closed"]

    moved = _post(
        client, f"/api/cases/{case['id']}/move", {"to_stage": "contacted", "version": 1, "note": "已电话"}
    )
    assert moved.status_code == 200 and moved.json()["version"] == 2

    listing = client.get("/api/cases?stage=contacted").json()
    assert [c["id"] for c in listing["items"]] == [case["id"]]


def test_a_stale_version_is_a_409_problem_and_a_forbidden_move_a_400(client_as):
    case = CaseFactory(stage=Stage.LEAD)
    client = client_as(case.broker)
    _post(client, f"/api/cases/{case.pk}/move", {"to_stage": "contacted", "version": 1})

    conflict = _post(client, f"/api/cases/{case.pk}/move", {"to_stage": "meeting", "version": 1})
    assert conflict.status_code == 409
    assert conflict["Content-Type"] == "application/problem+json"
    assert conflict.json()["code"] == "conflict" and conflict.json()["current_version"] == 2

    forbidden = _post(client, f"/api/cases/{case.pk}/move", {"to_stage": "signed", "version": 2})
    assert forbidden.status_code == 409 and forbidden.json()["code"] == "forbidden_transition"


@pytest.mark.parametrize(
    "body",
    [
        {"to_stage": "nonsense", "version": 1},
        {"to_stage": "contacted"},
        {"to_stage": "contacted", "version": "x"},
        {"to_stage": "signed", "version": 1, "contract_amount": "-1"},
    ],
)
def test_bad_input_is_a_422_never_a_500(client_as, body):
    case = CaseFactory()
    assert _post(client_as(case.broker), f"/api/cases/{case.pk}/move", body).status_code == 422


def test_permissions_through_the_api(client, client_as):
    case = CaseFactory()
    assert client.get(f"/api/cases/{case.pk}").status_code == 401
    assert client_as(BrokerFactory()).get(f"/api/cases/{case.pk}").status_code == 403
    party = client_as(party_of(case.demand_org))
    assert party.get(f"/api/cases/{case.pk}").status_code == 200
    assert (
        _post(party, f"/api/cases/{case.pk}/move", {"to_stage": "contacted", "version": 1}).status_code == 403
    )
    assert client_as(case.broker).get("/api/cases/999999").status_code == 404


def test_file_upload_limits_through_the_api(client_as):
    case = CaseFactory()
    client = client_as(case.broker)
    bad = client.post(f"/api/cases/{case.pk}/files", {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert bad.status_code == 400 and bad.json()["code"] == "upload_type"
    good = client.post(f"/api/cases/{case.pk}/files", {"file": SimpleUploadedFile("a.txt", "纪要".encode())})
    assert good.status_code == 201 and good.json()["file_url"].startswith("/cases/files/")

    party = client_as(party_of(case.demand_org))
    items = party.get(f"/api/cases/{case.pk}/activities").json()["items"]
    assert items[0]["file_url"] is None  # not before accepting the terms
    _post(party, f"/api/cases/{case.pk}/confidentiality")
    assert party.get(f"/api/cases/{case.pk}/activities").json()["items"][0]["file_url"]


def test_start_from_a_match_through_the_api(client_as):
    match = make_match(source=DemandFactory(), target=OutcomeFactory(), status="suggested")
    response = _post(client_as(BrokerFactory()), f"/api/cases/from-match/{match.pk}")
    assert response.status_code == 201, response.content
    assert Case.objects.get().source_match_id == match.pk


def test_ranking_and_rating_through_the_api(client_as):
    case = CaseFactory(stage=Stage.CLOSED, close_reason="no_response")
    party = client_as(party_of(case.demand_org))
    assert _post(party, f"/api/cases/{case.pk}/rating", {"score": 6}).status_code == 422
    assert (
        _post(party, f"/api/cases/{case.pk}/rating", {"score": 4, "comment": "响应及时"}).status_code == 200
    )
    rows = party.get("/api/cases/brokers/ranking").json()
    assert rows[0]["broker"]["id"] == case.broker.pk and rows[0]["rating_avg"] == 4.0


@pytest.mark.parametrize(
    "body",
    [
        {"demand_org_id": 999999, "outcome_id": 1},
        {"demand_org_id": "x"},
        {},
    ],
)
def test_creating_with_unknown_or_missing_ids_is_a_422(client_as, body):
    assert _post(client_as(BrokerFactory()), "/api/cases", body).status_code == 422
    assert not Case.objects.exists()
