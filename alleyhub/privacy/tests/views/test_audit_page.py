"""The audit page `/privacy/audit/`: operators and the task force read who did what, when and from
which IP, filtered by user, object and action; every other role gets 403; nothing can be changed."""

import pytest

from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.privacy.tests.factories import AuditEntryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.TASK_FORCE])
def test_operators_and_the_task_force_read_the_audit_log(client, role):
    actor = UserFactory(display_name="张审计")
    AuditEntryFactory(actor=actor, code="requests.request.accept", target_id="42", ip_address="198.51.100.9")
    client.force_login(UserFactory(role=role))
    page = client.get("/privacy/audit/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "张审计" in text and "requests.request.accept" in text
    assert "requests.enterpriserequest #42" in text and "198.51.100.9" in text


@pytest.mark.parametrize("role", [Role.MEMBER, Role.BROKER, Role.UNIT_STAFF, Role.PUBLIC])
def test_other_roles_are_refused(client, role):
    AuditEntryFactory()
    client.force_login(UserFactory(role=role))
    assert client.get("/privacy/audit/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/privacy/audit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_filters_by_user_object_and_action(client):
    alice, bob = UserFactory(display_name="甲"), UserFactory(display_name="乙")
    wanted = AuditEntryFactory(
        actor=alice, code="brokerage.case.stage_changed", target_type="brokerage.case", target_id="7"
    )
    AuditEntryFactory(
        actor=bob, code="brokerage.case.stage_changed", target_type="brokerage.case", target_id="7"
    )
    AuditEntryFactory(actor=alice, code="brokerage.case.created", target_type="brokerage.case", target_id="8")
    AuditEntryFactory(actor=alice, code="requests.request.accept")
    client.force_login(UserFactory(role=Role.OPERATOR))

    def ids(**params):
        page = client.get("/privacy/audit/", params)
        assert page.status_code == 200
        return [e.pk for e in page.context["page_obj"].object_list]

    assert ids(
        actor=alice.pk, target_type="brokerage.case", target_id="7", code="brokerage.case.stage_changed"
    ) == [wanted.pk]
    assert len(ids(actor=alice.pk)) == 3
    assert len(ids(code="brokerage.")) == 3
    assert len(ids(code="brokerage")) == 0  # a prefix must end in "."
    assert len(ids(target_type="brokerage.case", target_id="8")) == 1


def test_a_bad_filter_is_reported_and_ignored(client):
    AuditEntryFactory()
    client.force_login(UserFactory(role=Role.OPERATOR))
    page = client.get("/privacy/audit/", {"actor": "abc", "code": "x" * 300})
    assert page.status_code == 200
    assert page.context["form"].errors.keys() == {"actor", "code"}
    assert len(page.context["page_obj"].object_list) == 1


def test_the_page_is_paginated(client):
    AuditEntryFactory.create_batch(55)
    client.force_login(UserFactory(role=Role.OPERATOR))
    first = client.get("/privacy/audit/")
    second = client.get("/privacy/audit/", {"page": 2})
    assert len(first.context["page_obj"].object_list) == 50
    assert len(second.context["page_obj"].object_list) == 5


def test_the_page_is_read_only(client):
    client.force_login(UserFactory(role=Role.OPERATOR))
    assert client.post("/privacy/audit/").status_code == 405
