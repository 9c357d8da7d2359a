"""Finding 1 of issue #8: a broker who opens a case on someone else's outcome must not read its
confidential part. It is shown to people on a case only when the outcome's organisation agreed to
the case (a member accepted it, or an operator / the owner assigned the broker) and they accepted
the case's confidentiality terms; nobody outside the owner may open a case on a draft."""

import json
from html import escape

import pytest
from django.test import Client
from django.urls import reverse

from alleyhub.brokerage.models import Case
from alleyhub.brokerage.services import case_create, case_side_accept, case_update
from alleyhub.brokerage.tests.factories import (
    BrokerFactory,
    CaseFactory,
    DemandFactory,
    OperatorUserFactory,
    OrganizationFactory,
    OutcomeFactory,
    party_of,
)
from alleyhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SECRET = "工艺窗口：薄膜应力 < 20 MPa。"
SECRET_HTML = escape(SECRET)


def _client(user) -> Client:
    """A client of its own per user (the `client_as` fixture shares one)."""
    client = Client()
    client.force_login(user)
    return client


def _post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_the_attack_of_the_issue_no_longer_shows_the_confidential_part():
    outcome, enterprise = OutcomeFactory(), OrganizationFactory()  # no link to the broker at all
    client = _client(BrokerFactory())

    created = _post(client, "/api/cases", {"demand_org_id": enterprise.pk, "outcome_id": outcome.pk})
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    assert created.json()["supply_accepted_at"] is None
    # Even accepting the confidentiality terms does not stand in for the owner's agreement.
    assert _post(client, f"/api/cases/{case_id}/confidentiality").status_code == 200

    detail = client.get(f"/api/outcomes/{outcome.pk}")
    assert detail.status_code == 200 and detail.json()["confidential_details"] is None
    page = client.get(reverse("brokerage:case_detail", args=[case_id])).content.decode()
    assert SECRET_HTML not in page and "薄膜应力" not in page and 'data-testid="awaiting-owner"' in page
    listing_page = client.get(reverse("listings:outcome_detail", args=[outcome.pk])).content.decode()
    assert "薄膜应力" not in listing_page


def test_nobody_outside_the_owner_opens_a_case_on_a_draft():
    draft = OutcomeFactory(status="draft")
    enterprise = OrganizationFactory()
    client = _client(BrokerFactory())
    response = _post(client, "/api/cases", {"demand_org_id": enterprise.pk, "outcome_id": draft.pk})
    # Answered exactly like an id that does not exist (GET of the draft is a 404): a 403 would
    # tell that the draft exists.
    missing = _post(client, "/api/cases", {"demand_org_id": enterprise.pk, "outcome_id": draft.pk + 999})
    assert response.status_code == missing.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == missing.json()
    assert client.get(f"/api/outcomes/{draft.pk}").status_code == 404
    assert not Case.objects.exists()

    # An operator may (operators see drafts); assigning the broker is the owner side's agreement.
    operator = OperatorUserFactory()
    case = case_create(demand_org=enterprise, outcome=draft, broker=BrokerFactory(), actor=operator)
    assert case.supply_accepted_by == operator


def test_a_draft_demand_of_another_organisation_is_no_such_demand_either():
    draft = DemandFactory(status="draft")
    client = _client(BrokerFactory())
    body = {"demand_org_id": draft.owner_id, "demand_id": draft.pk, "outcome_id": OutcomeFactory().pk}
    response = _post(client, "/api/cases", body)
    missing = _post(client, "/api/cases", {**body, "demand_id": draft.pk + 999})
    assert response.status_code == missing.status_code == 422
    assert response.json() == missing.json()
    assert not Case.objects.exists()


def test_the_legitimate_path_owner_agrees_then_the_terms():
    demand, outcome = DemandFactory(), OutcomeFactory()
    broker = BrokerFactory()
    broker_client = _client(broker)
    case_id = _post(
        broker_client,
        "/api/cases",
        {"demand_org_id": demand.owner.pk, "demand_id": demand.pk, "outcome_id": outcome.pk},
    ).json()["id"]

    # The operator may not agree on the owner's behalf; a member of the owner does.
    assert _post(_client(OperatorUserFactory()), f"/api/cases/{case_id}/agree").status_code == 403
    owner_member = party_of(outcome.owner)
    agreed = _post(_client(owner_member), f"/api/cases/{case_id}/agree")
    assert agreed.status_code == 200, agreed.content
    assert agreed.json()["supply_accepted_at"] is not None and agreed.json()["demand_accepted_at"] is None
    assert AuditEntry.objects.filter(
        code="brokerage.case.side_accepted", actor=owner_member, target_id=str(case_id)
    ).exists()

    # Agreed, but the broker has not accepted the terms yet.
    assert broker_client.get(f"/api/outcomes/{outcome.pk}").json()["confidential_details"] is None
    assert _post(broker_client, f"/api/cases/{case_id}/confidentiality").status_code == 200
    assert broker_client.get(f"/api/outcomes/{outcome.pk}").json()["confidential_details"] == SECRET
    page = broker_client.get(reverse("brokerage:case_detail", args=[case_id])).content.decode()
    assert SECRET_HTML in page

    # The demand side sees it too, once its member accepted the terms.
    demand_member = _client(party_of(demand.owner))
    assert demand_member.get(f"/api/outcomes/{outcome.pk}").json()["confidential_details"] is None
    _post(demand_member, f"/api/cases/{case_id}/confidentiality")
    assert demand_member.get(f"/api/outcomes/{outcome.pk}").json()["confidential_details"] == SECRET


def test_a_broker_assigned_by_an_operator_needs_only_the_terms():
    outcome, enterprise, broker = OutcomeFactory(), OrganizationFactory(), BrokerFactory()
    case = case_create(demand_org=enterprise, outcome=outcome, broker=broker, actor=OperatorUserFactory())
    assert case.supply_accepted_at is not None and case.demand_accepted_at is not None
    client = _client(broker)
    assert client.get(f"/api/outcomes/{outcome.pk}").json()["confidential_details"] is None
    _post(client, f"/api/cases/{case.pk}/confidentiality")
    assert client.get(f"/api/outcomes/{outcome.pk}").json()["confidential_details"] == SECRET


def test_brokers_changed_by_a_broker_need_the_owner_to_agree_again():
    case = CaseFactory()
    case = case_side_accept(case=case, actor=party_of(case.supply_org))
    newcomer = BrokerFactory()
    case = case_update(case=case, expected_version=case.version, actor=case.broker, broker=newcomer)
    assert case.supply_accepted_at is None
    case = case_update(
        case=case, expected_version=case.version, actor=OperatorUserFactory(), co_brokers=[BrokerFactory()]
    )
    assert case.supply_accepted_at is not None  # assigned by an operator


def test_the_owner_agrees_with_a_button_on_the_case_page():
    case = CaseFactory()
    member = party_of(case.supply_org)
    client = _client(member)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="agree-case"' in page
    response = client.post(reverse("brokerage:case_side_accept", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.supply_accepted_by == member
    assert 'data-testid="agree-case"' not in client.get(case.get_absolute_url()).content.decode()
    # Someone on the case who is no member of a side gets a refusal, not a 500.
    refused = _client(case.broker).post(reverse("brokerage:case_side_accept", args=[case.pk]))
    assert refused.status_code in (302, 303, 403)
    case.refresh_from_db()
    assert case.demand_accepted_at is None


def test_the_case_form_offers_a_broker_no_draft_of_another_organisation():
    draft = OutcomeFactory(status="draft", title_zh="未公开的草稿成果")
    published = OutcomeFactory()
    page = _client(BrokerFactory()).get(reverse("brokerage:case_create")).content.decode()
    assert published.title_zh in page and draft.title_zh not in page
    operator_page = _client(OperatorUserFactory()).get(reverse("brokerage:case_create")).content.decode()
    assert draft.title_zh in operator_page
