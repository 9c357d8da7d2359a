"""The rules of directory.services: registering (credit code checked and unique, pending until an
operator approves), joining (admins decide, operators when there is no admin), members (never
without an admin), invitations (signed, single-use, expiring) and the profile (versioned)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alleyhub.accounts.models import Membership
from alleyhub.accounts.tests.factories import MembershipFactory, OperatorFactory, UserFactory
from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.models import AuditEntry
from alleyhub.directory import services
from alleyhub.directory.models import (
    Invitation,
    InvitationStatus,
    JoinRequestStatus,
    OrganizationKind,
    OrganizationStatus,
)
from alleyhub.directory.tests.factories import IndustryFactory, OrganizationFactory, make_credit_code
from alleyhub.notifications.models import Notification

pytestmark = pytest.mark.django_db

ADMIN = Membership.MemberRole.ADMIN
MEMBER = Membership.MemberRole.MEMBER


def _register(user, code=None, **extra):
    data = {
        "kind": OrganizationKind.ENTERPRISE,
        "name_zh": "愚园路新材料科技有限公司",
        "credit_code": code or make_credit_code(90001),
    }
    data.update(extra)
    return services.organization_register(actor=user, **data)


# --- registering ----------------------------------------------------------------------------------


def test_a_registered_organisation_waits_for_approval_and_its_registrant_is_its_admin():
    operator = OperatorFactory()
    user = UserFactory()
    industry = IndustryFactory()
    org = _register(user, industries=[industry], address="上海市长宁区愚园路1107号")
    assert org.status == OrganizationStatus.PENDING
    assert Membership.objects.get(user=user, organization=org).role == ADMIN
    assert list(org.industries.all()) == [industry]
    assert AuditEntry.objects.filter(code="directory.organization.registered", target_id=str(org.pk)).exists()
    assert Notification.objects.filter(recipient=operator, code="directory.organization.registered").exists()


def test_an_invalid_credit_code_is_refused():
    code = make_credit_code(90002)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        _register(UserFactory(), code=wrong)
    assert "credit_code" in exc.value.message_dict


def test_a_credit_code_already_registered_names_the_organisation_to_join():
    existing = OrganizationFactory(name_zh="华东师范大学科技园")
    with pytest.raises(ValidationError) as exc:
        _register(UserFactory(), code=existing.credit_code.lower())
    [message] = exc.value.message_dict["credit_code"]
    assert "华东师范大学科技园" in message
    assert "加入" in message


def test_only_operators_review_and_a_rejection_needs_a_reason():
    user = UserFactory()
    org = _register(user)
    with pytest.raises(PermissionDenied):
        services.organization_review(organization=org, action="approve", actor=user)
    operator = OperatorFactory()
    with pytest.raises(ApplicationError) as exc:
        services.organization_review(organization=org, action="reject", actor=operator, note=" ")
    assert exc.value.extra["code"] == "note_required"
    org = services.organization_review(
        organization=org, action="reject", actor=operator, note="营业执照信息不符"
    )
    assert org.status == OrganizationStatus.REJECTED
    assert Notification.objects.filter(recipient=user, code="directory.organization.rejected").exists()
    org = services.organization_review(organization=org, action="approve", actor=operator)
    assert org.status == OrganizationStatus.APPROVED
    assert Notification.objects.filter(recipient=user, code="directory.organization.approved").exists()


# --- joining --------------------------------------------------------------------------------------


def test_the_admins_are_asked_and_approval_makes_a_member():
    org = OrganizationFactory()
    admin = MembershipFactory(organization=org, role=ADMIN).user
    user = UserFactory()
    join = services.join_request_create(organization=org, actor=user, message="我是研发部的")
    assert Notification.objects.filter(recipient=admin, code="directory.join.requested").exists()
    with pytest.raises(PermissionDenied):
        services.join_request_decide(join=join, action="approve", actor=UserFactory())
    with pytest.raises(PermissionDenied):  # the requester cannot approve themselves
        services.join_request_decide(join=join, action="approve", actor=user)
    join = services.join_request_decide(join=join, action="approve", actor=admin)
    assert join.status == JoinRequestStatus.APPROVED
    assert Membership.objects.get(user=user, organization=org).role == MEMBER
    assert Notification.objects.filter(recipient=user, code="directory.join.approved").exists()
    assert AuditEntry.objects.filter(code="directory.join.approved").exists()


def test_an_organisation_without_admin_is_decided_by_an_operator():
    org = OrganizationFactory()
    operator = OperatorFactory()
    user = UserFactory()
    join = services.join_request_create(organization=org, actor=user)
    assert Notification.objects.filter(recipient=operator, code="directory.join.requested").exists()
    join = services.join_request_decide(join=join, action="reject", actor=operator, note="请用公司邮箱注册")
    assert join.status == JoinRequestStatus.REJECTED
    assert not Membership.objects.filter(user=user, organization=org).exists()
    assert Notification.objects.filter(recipient=user, code="directory.join.rejected").exists()


def test_a_second_pending_request_and_joining_twice_are_refused():
    org = OrganizationFactory()
    user = UserFactory()
    services.join_request_create(organization=org, actor=user)
    with pytest.raises(ApplicationError) as exc:
        services.join_request_create(organization=org, actor=user)
    assert exc.value.extra["code"] == "already_requested"
    member = MembershipFactory(organization=org).user
    with pytest.raises(ApplicationError) as exc:
        services.join_request_create(organization=org, actor=member)
    assert exc.value.extra["code"] == "already_member"


def test_a_pending_organisation_cannot_be_joined_and_a_request_can_be_withdrawn():
    pending = OrganizationFactory(status=OrganizationStatus.PENDING)
    with pytest.raises(ApplicationError):
        services.join_request_create(organization=pending, actor=UserFactory())
    user = UserFactory()
    join = services.join_request_create(organization=OrganizationFactory(), actor=user)
    join = services.join_request_decide(join=join, action="withdraw", actor=user)
    assert join.status == JoinRequestStatus.WITHDRAWN
    with pytest.raises(ApplicationError) as exc:
        services.join_request_decide(join=join, action="withdraw", actor=user)
    assert exc.value.extra["code"] == "forbidden_transition"


# --- members --------------------------------------------------------------------------------------


def test_the_last_admin_can_be_neither_demoted_nor_removed():
    admin = MembershipFactory(role=ADMIN)
    with pytest.raises(ApplicationError) as exc:
        services.membership_set_role(membership=admin, role=MEMBER, actor=admin.user)
    assert exc.value.extra["code"] == "last_admin"
    with pytest.raises(ApplicationError):
        services.membership_remove(membership=admin, actor=OperatorFactory())
    second = MembershipFactory(organization=admin.organization, role=MEMBER)
    services.membership_set_role(membership=second, role=ADMIN, actor=admin.user)
    services.membership_set_role(membership=admin, role=MEMBER, actor=second.user)
    admin.refresh_from_db()
    assert admin.role == MEMBER
    assert AuditEntry.objects.filter(code="directory.member.role_changed").count() == 2


def test_members_cannot_manage_but_may_leave():
    org = OrganizationFactory()
    MembershipFactory(organization=org, role=ADMIN)
    member = MembershipFactory(organization=org, role=MEMBER)
    other = MembershipFactory(organization=org, role=MEMBER)
    with pytest.raises(PermissionDenied):
        services.membership_set_role(membership=other, role=ADMIN, actor=member.user)
    with pytest.raises(PermissionDenied):
        services.membership_remove(membership=other, actor=member.user)
    services.membership_remove(membership=member, actor=member.user)
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.filter(code="directory.member.removed").exists()


# --- invitations ----------------------------------------------------------------------------------


def test_an_invitation_is_mailed_and_accepted_once_by_the_invited_address(
    mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role=ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organization=admin.organization,
            email="Zhang.Wei@Example.cn",
            role=ADMIN,
            actor=admin.user,
            base_url="https://alley.example.cn/",
        )
    assert invitation.email == "zhang.wei@example.cn"
    [mail] = mailoutbox
    token = services.invitation_token(invitation)
    assert f"https://alley.example.cn/directory/invitations/{token}/" in mail.body
    with pytest.raises(ApplicationError) as exc:
        services.invitation_accept(token=token, actor=UserFactory(email="someone@example.cn"))
    assert exc.value.extra["code"] == "wrong_account"
    invitee = UserFactory(email="zhang.wei@example.cn")
    membership = services.invitation_accept(token=token, actor=invitee)
    assert membership.role == ADMIN and membership.organization == admin.organization
    with pytest.raises(ApplicationError) as exc:
        services.invitation_accept(token=token, actor=invitee)
    assert exc.value.extra["code"] == "invalid_invitation"


def test_expired_forged_and_revoked_invitations_do_not_work():
    admin = MembershipFactory(role=ADMIN)
    invitation = services.invitation_create(
        organization=admin.organization, email="a@example.cn", actor=admin.user
    )
    user = UserFactory(email="a@example.cn")
    token = services.invitation_token(invitation)
    for bad in (token + "x", "not-a-token"):
        with pytest.raises(ApplicationError):
            services.invitation_accept(token=bad, actor=user)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ApplicationError):
        services.invitation_accept(token=token, actor=user)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() + timedelta(days=1))
    services.invitation_revoke(invitation=invitation, actor=admin.user)
    assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.REVOKED
    with pytest.raises(ApplicationError):
        services.invitation_accept(token=token, actor=user)


def test_inviting_a_member_twice_or_without_admin_rights_is_refused():
    admin = MembershipFactory(role=ADMIN)
    member = MembershipFactory(organization=admin.organization)
    with pytest.raises(ValidationError):
        services.invitation_create(organization=admin.organization, email=member.user.email, actor=admin.user)
    services.invitation_create(organization=admin.organization, email="b@example.cn", actor=admin.user)
    with pytest.raises(ValidationError):
        services.invitation_create(organization=admin.organization, email="B@example.cn", actor=admin.user)
    with pytest.raises(PermissionDenied):
        services.invitation_create(organization=admin.organization, email="c@example.cn", actor=member.user)


# --- the profile ----------------------------------------------------------------------------------


def test_admins_and_operators_edit_the_profile_with_a_version_check():
    admin = MembershipFactory(role=ADMIN)
    org = admin.organization
    member = MembershipFactory(organization=org)
    with pytest.raises(PermissionDenied):
        services.organization_update(organization=org, actor=member.user, description_zh="x")
    industry = IndustryFactory()
    org = services.organization_update(
        organization=org,
        actor=admin.user,
        expected_version=1,
        description_en="Power chips",
        industries=[industry],
    )
    assert org.version == 2 and list(org.industries.all()) == [industry]
    with pytest.raises(ConflictError):
        services.organization_update(
            organization=org, actor=OperatorFactory(), expected_version=1, address="愚园路"
        )
    services.organization_update(
        organization=org, actor=OperatorFactory(), expected_version=2, address="愚园路"
    )
    entry = AuditEntry.objects.filter(code="directory.organization.updated").first()
    assert entry.data["fields"] == ["address"]
    with pytest.raises(ApplicationError):
        services.organization_update(organization=org, actor=admin.user, status="approved")


def test_a_credit_code_registered_by_a_pending_organisation_does_not_reveal_its_name():
    pending = OrganizationFactory(name_zh="尚未公开的机构", status=OrganizationStatus.PENDING)
    with pytest.raises(ValidationError) as exc:
        _register(UserFactory(), code=pending.credit_code)
    [message] = exc.value.message_dict["credit_code"]
    assert "尚未公开的机构" not in message and "等待运营方审核" in message
