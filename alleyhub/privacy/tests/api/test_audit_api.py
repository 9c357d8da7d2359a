"""`GET /api/audit`: the audit log for operators and the task force, as problem JSON 403 for others;
the same rows as the page for the same parameters."""

import pytest

from alleyhub.accounts.models import PersonalAccessToken, Role
from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.privacy.tests.factories import AuditEntryFactory

pytestmark = pytest.mark.django_db


def test_operators_read_the_audit_log_with_a_token(client):
    operator = UserFactory(role=Role.TASK_FORCE)
    actor = UserFactory(display_name="李四")
    entry = AuditEntryFactory(actor=actor, code="listings.outcome.publish", data={"v": 2})
    _, token = PersonalAccessToken.issue(user=operator, name="audit")
    response = client.get("/api/audit", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.content
    item = response.json()["items"][0]
    assert item["id"] == entry.pk and item["actor"] == "李四" and item["actor_id"] == actor.pk
    assert item["code"] == "listings.outcome.publish" and item["ip_address"] == "203.0.113.7"
    assert item["data"] == {"v": 2}


@pytest.mark.parametrize("role", [Role.MEMBER, Role.BROKER, Role.UNIT_STAFF, Role.PUBLIC])
def test_other_roles_get_403_problem_json(client, role):
    client.force_login(UserFactory(role=role))
    response = client.get("/api/audit")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")


def test_anonymous_callers_get_401(client):
    assert client.get("/api/audit").status_code == 401


@pytest.mark.parametrize("params", [{"actor": "abc"}, {"code": "x" * 101}, {"actor": 0}])
def test_bad_filters_are_422(client, params):
    client.force_login(UserFactory(role=Role.OPERATOR))
    assert client.get("/api/audit", params).status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"code": "requests."},
        {"code": "requests.request.action1"},
        {"target_type": "requests.enterpriserequest", "target_id": "3"},
        {"actor": "ACTOR"},
        {"code": "requests.", "page": 2},
        {"actor": "ACTOR", "code": "requests."},
    ],
)
def test_page_and_api_give_the_same_rows(client, params):
    actors = [UserFactory(), UserFactory()]
    for i in range(130):
        AuditEntryFactory(
            actor=actors[i % 2], code="requests.request.action1" if i % 4 else "other.thing.done"
        )
    client.force_login(UserFactory(role=Role.OPERATOR))
    params = {k: (actors[0].pk if v == "ACTOR" else v) for k, v in params.items()}
    page = client.get("/privacy/audit/", params)
    ids = [e.pk for e in page.context["page_obj"].object_list]
    assert ids
    api = client.get("/api/audit", {**params, "page_size": 50})
    assert api.status_code == 200, api.content
    assert ids == [item["id"] for item in api.json()["items"]]
