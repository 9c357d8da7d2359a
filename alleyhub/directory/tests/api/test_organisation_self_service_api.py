"""The API of organisations running themselves: registration, join requests, profile updates with
versions, members and invitations — problem JSON for bad input and refusals."""

import json

import pytest

from alleyhub.accounts.models import Membership
from alleyhub.accounts.tests.factories import MembershipFactory, OperatorFactory, UserFactory
from alleyhub.directory import services
from alleyhub.directory.models import JoinRequest, Organization, OrganizationStatus
from alleyhub.directory.tests.factories import IndustryFactory, OrganizationFactory, make_credit_code

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
ADMIN = Membership.MemberRole.ADMIN


def _send(client, method, url, body=None, **headers):
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json", **headers)


def test_registering_checks_the_credit_code_and_makes_a_pending_organisation(client_as):
    client = client_as(UserFactory())
    IndustryFactory(code="ic")
    bad = _send(
        client,
        "POST",
        "/api/organizations",
        {"kind": "enterprise", "name_zh": "甲", "credit_code": "913101050000000000"},
    )
    assert bad.status_code == 422 and bad["Content-Type"].startswith(PROBLEM)
    code = make_credit_code(4242)
    ok = _send(
        client,
        "POST",
        "/api/organizations",
        {
            "kind": "enterprise",
            "name_zh": "愚园路芯片设计有限公司",
            "credit_code": code,
            "industries": ["ic"],
        },
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()["status"] == OrganizationStatus.PENDING
    duplicate = {"kind": "enterprise", "name_zh": "乙", "credit_code": code}
    again = _send(client, "POST", "/api/organizations", duplicate)
    assert again.status_code == 422
    assert "等待运营方审核" in json.dumps(again.json(), ensure_ascii=False)  # pending: not named
    Organization.objects.filter(credit_code=code).update(status=OrganizationStatus.APPROVED)
    again = _send(client, "POST", "/api/organizations", duplicate)
    assert again.status_code == 422
    assert "愚园路芯片设计有限公司" in json.dumps(again.json(), ensure_ascii=False)
    unknown = _send(
        client,
        "POST",
        "/api/organizations",
        {
            "kind": "enterprise",
            "name_zh": "丙",
            "credit_code": make_credit_code(4243),
            "industries": ["nope"],
        },
    )
    assert unknown.status_code == 422


def test_the_profile_is_patched_by_admins_with_version_checks(client_as):
    admin = MembershipFactory(role=ADMIN)
    org = admin.organization
    url = f"/api/organizations/{org.slug}"
    member = MembershipFactory(organization=org).user
    assert _send(client_as(member), "PATCH", url, {"description_zh": "x"}).status_code == 403
    client = client_as(admin.user)
    first = _send(client, "PATCH", url, {"description_en": "SiC power modules"}, HTTP_IF_MATCH='"1"')
    assert first.status_code == 200 and first.json()["version"] == 2 and first["ETag"] == '"2"'
    stale = _send(client, "PATCH", url, {"address": "愚园路"}, HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert _send(client, "PATCH", url, {"founded_year": 1700}).status_code == 422
    assert _send(client, "PATCH", url, {"version": 2, "website": "not a url"}).status_code == 422


def test_join_requests_are_created_listed_and_decided(client_as):
    org = OrganizationFactory()
    admin = MembershipFactory(organization=org, role=ADMIN).user
    user = UserFactory()
    client = client_as(user)
    created = _send(client, "POST", "/api/join-requests", {"organization_id": org.pk, "message": "研发部"})
    assert created.status_code == 201
    join_id = created.json()["id"]
    assert _send(client, "POST", "/api/join-requests", {"organization_id": org.pk}).status_code == 409
    assert [r["id"] for r in client.get("/api/join-requests").json()["items"]] == [join_id]
    assert _send(client, "POST", f"/api/join-requests/{join_id}/approve").status_code == 403
    client = client_as(admin)
    assert [r["id"] for r in client.get("/api/join-requests?scope=to_decide").json()["items"]] == [join_id]
    assert _send(client, "POST", f"/api/join-requests/{join_id}/fly").status_code == 400
    decided = _send(client, "POST", f"/api/join-requests/{join_id}/approve", {"version": 1})
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert Membership.objects.filter(user=user, organization=org).exists()
    assert _send(client, "POST", f"/api/join-requests/{join_id}/reject").status_code == 409
    other = client_as(UserFactory())
    assert _send(other, "POST", f"/api/join-requests/{join_id}/withdraw").status_code == 404


def test_members_roles_and_the_last_admin(client_as):
    admin = MembershipFactory(role=ADMIN)
    org = admin.organization
    member = MembershipFactory(organization=org)
    client = client_as(admin.user)
    listed = client.get(f"/api/organizations/{org.slug}/members").json()
    assert {m["role"] for m in listed} == {"admin", "member"}
    last = _send(client, "PATCH", f"/api/organizations/{org.slug}/members/{admin.pk}", {"role": "member"})
    assert last.status_code == 409 and last.json()["code"] == "last_admin"
    assert _send(client, "DELETE", f"/api/organizations/{org.slug}/members/{admin.pk}").status_code == 409
    assert (
        _send(
            client, "PATCH", f"/api/organizations/{org.slug}/members/{member.pk}", {"role": "owner"}
        ).status_code
        == 422
    )
    assert (
        _send(
            client, "PATCH", f"/api/organizations/{org.slug}/members/{member.pk}", {"role": "admin"}
        ).status_code
        == 200
    )
    assert _send(client, "DELETE", f"/api/organizations/{org.slug}/members/{member.pk}").status_code == 204
    outsider = client_as(UserFactory())
    assert outsider.get(f"/api/organizations/{org.slug}/members").status_code == 403


def test_invitations_are_created_listed_revoked_and_accepted(client_as, mailoutbox):
    admin = MembershipFactory(role=ADMIN)
    org = admin.organization
    client = client_as(admin.user)
    assert (
        _send(
            client, "POST", f"/api/organizations/{org.slug}/invitations", {"email": "not-an-email"}
        ).status_code
        == 422
    )
    created = _send(
        client, "POST", f"/api/organizations/{org.slug}/invitations", {"email": "li.na@example.cn"}
    )
    assert created.status_code == 201
    assert [i["email"] for i in client.get(f"/api/organizations/{org.slug}/invitations").json()] == [
        "li.na@example.cn"
    ]
    invitation = org.invitations.get()
    invitee = client_as(UserFactory(email="li.na@example.cn"))
    accepted = _send(
        invitee, "POST", "/api/invitations/accept", {"token": services.invitation_token(invitation)}
    )
    assert accepted.status_code == 200 and accepted.json()["role"] == "member"
    assert _send(invitee, "POST", "/api/invitations/accept", {"token": "forged"}).status_code == 410
    second = _send(
        client_as(admin.user),
        "POST",
        f"/api/organizations/{org.slug}/invitations",
        {"email": "wang@example.cn"},
    ).json()
    assert (
        _send(
            client_as(admin.user), "DELETE", f"/api/organizations/{org.slug}/invitations/{second['id']}"
        ).json()["status"]
        == "revoked"
    )


def test_operators_review_over_the_api(client_as):
    org = OrganizationFactory(status=OrganizationStatus.PENDING)
    user = UserFactory()
    assert (
        _send(
            client_as(user), "POST", f"/api/organizations/{org.slug}/review", {"action": "approve"}
        ).status_code
        == 404
    )
    operator = client_as(OperatorFactory())
    assert (
        _send(operator, "POST", f"/api/organizations/{org.slug}/review", {"action": "reject"}).status_code
        == 400
    )
    assert (
        _send(operator, "POST", f"/api/organizations/{org.slug}/review", {"action": "approve"}).json()[
            "status"
        ]
        == "approved"
    )
    assert JoinRequest.objects.count() == 0
