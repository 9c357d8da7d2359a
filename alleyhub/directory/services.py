"""Writes for the directory: organisations registering and running themselves, joining them,
their members and invitations.

Rules (docs/permissions.md, "Organisations"):
- anyone signed in may register an organisation (it waits for an operator's approval; its
  listings are not public until then, see directory.ownership.public_listing_q) or ask to join an
  approved one;
- an organisation's admins (Membership role admin) decide join requests, edit the profile, invite
  colleagues, set roles and remove members; operators may do all of this for every organisation
  and decide join requests for organisations without an admin (they are notified of those);
- an organisation always keeps at least one admin.

Every write locks what it changes, checks the version the editor saw where there is one, leaves
an audit entry in its transaction and asks for notifications through directory.hooks (the
notifications app sits above the directory).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alleyhub.accounts.models import Membership, Role, User
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.transitions import (
    Transition,
    TransitionTable,
    lock_for_update,
    version_check,
    versioned_save,
)

from .hooks import DirectoryNotice, directory_notifier, organization_changed
from .models import (
    Industry,
    Invitation,
    InvitationStatus,
    JoinRequest,
    JoinRequestStatus,
    Organization,
    OrganizationStatus,
)
from .ownership import acts_for_every_organization

ADMIN = Membership.MemberRole.ADMIN
MEMBER = Membership.MemberRole.MEMBER
INVITATION_DAYS = 7
# Paths of directory pages that sit where an organisation's slug would (directory/urls.py).
RESERVED_SLUGS = {"join", "register", "review", "people", "invitations", "join-requests"}
INVITATION_SALT = "alleyhub.directory.invitation"

ORGANIZATION_MOVES = TransitionTable(
    (
        Transition(
            action="approve",
            sources=frozenset({OrganizationStatus.PENDING, OrganizationStatus.REJECTED}),
            target=OrganizationStatus.APPROVED,
            label=gettext_lazy("通过"),
        ),
        Transition(
            action="reject",
            sources=frozenset({OrganizationStatus.PENDING}),
            target=OrganizationStatus.REJECTED,
            note_required=True,
            label=gettext_lazy("不通过"),
        ),
    )
)

# "admin": an admin of the organisation or an operator; "requester": the user who asked.
JOIN_MOVES = TransitionTable(
    (
        Transition(
            action="approve",
            sources=frozenset({JoinRequestStatus.PENDING}),
            target=JoinRequestStatus.APPROVED,
            actors=frozenset({"admin"}),
            label=gettext_lazy("批准"),
        ),
        Transition(
            action="reject",
            sources=frozenset({JoinRequestStatus.PENDING}),
            target=JoinRequestStatus.REJECTED,
            actors=frozenset({"admin"}),
            label=gettext_lazy("拒绝"),
        ),
        Transition(
            action="withdraw",
            sources=frozenset({JoinRequestStatus.PENDING}),
            target=JoinRequestStatus.WITHDRAWN,
            actors=frozenset({"requester"}),
            label=gettext_lazy("撤回"),
        ),
    )
)

PROFILE_FIELDS = {
    "language",
    "name_zh",
    "name_en",
    "short_name",
    "description_zh",
    "description_en",
    "stage",
    "website",
    "founded_year",
    "employees",
    "address",
    "subdistrict",
    "contact_name",
    "contact_email",
    "contact_phone",
}
REGISTER_FIELDS = {"language", "name_zh", "name_en", "short_name", "address", "stage", "website"}


# --- who may -----------------------------------------------------------------------------------


def is_organization_admin(*, user, organization_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, organization_id=organization_id, role=ADMIN).exists()


def can_manage_organization(*, user, organization: Organization) -> bool:
    """Edit the profile, members, invitations and decide join requests: the organisation's
    admins and operators."""
    return acts_for_every_organization(user) or is_organization_admin(
        user=user, organization_id=organization.pk
    )


def _require_manage(*, actor, organization: Organization) -> None:
    if not can_manage_organization(user=actor, organization=organization):
        raise PermissionDenied(_("只有该机构的管理员或运营方可以执行此操作。"))


def _require_signed_in(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("请先登录。"))


def _operators():
    return User.objects.filter(is_active=True, role=Role.OPERATOR)


def _admins(organization: Organization):
    return User.objects.filter(
        is_active=True, memberships__organization=organization, memberships__role=ADMIN
    ).distinct()


def _notify(recipients, code: str, context: dict, *, url: str = "", target: Any = None) -> None:
    providers = directory_notifier.providers()
    for recipient in recipients:
        for provider in providers:
            provider(DirectoryNotice(recipient=recipient, code=code, context=context, url=url, target=target))


def _changed(organization_id: int) -> None:
    for provider in organization_changed.providers():
        provider(organization_id)


# --- registering and reviewing organisations -------------------------------------------------------


def credit_code_normalized(value: str) -> str:
    return (value or "").strip().upper()


def organization_by_credit_code(code: str) -> Organization | None:
    code = credit_code_normalized(code)
    return Organization.objects.filter(credit_code=code).first() if code else None


def _unique_slug(organization: Organization) -> str:
    base = slugify(organization.name_en or organization.short_name or "")[:60].strip("-")
    if not base:
        base = "org"
    slug = base
    while slug in RESERVED_SLUGS or Organization.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


def organization_register(
    *,
    actor: User,
    kind: str,
    credit_code: str,
    industries: list[Industry] | None = None,
    **fields: Any,
) -> Organization:
    """A signed-in user registers a new organisation and becomes its admin. It waits for an
    operator's approval (operators are notified). The credit code is required, checked with the
    GB 32100 check digit and must not be registered yet (then the message names the organisation
    to ask to join instead)."""
    _require_signed_in(actor)
    unknown = set(fields) - REGISTER_FIELDS
    if unknown:
        raise ApplicationError(
            _("不能填写这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))}, status=422
        )
    code = credit_code_normalized(credit_code)
    if not code:
        raise ValidationError({"credit_code": _("请填写统一社会信用代码。")})
    existing = organization_by_credit_code(code)
    if existing is not None and existing.status != OrganizationStatus.APPROVED:
        # Not public yet: its name is not revealed.
        raise ValidationError(
            {
                "credit_code": ValidationError(
                    _("该统一社会信用代码已有人注册，正在等待运营方审核；如有疑问请联系运营方。"),
                    code="already_registered",
                )
            }
        )
    if existing is not None:
        raise ValidationError(
            {
                "credit_code": ValidationError(
                    _("该统一社会信用代码已由「%(name)s」注册，请申请加入该机构。") % {"name": existing.name},
                    code="already_registered",
                )
            }
        )
    organization = Organization(
        kind=kind,
        credit_code=code,
        status=OrganizationStatus.PENDING,
        registered_by=actor,
        **fields,
    )
    organization.slug = _unique_slug(organization)
    organization.full_clean()
    with transaction.atomic():
        organization.save()
        if industries:
            organization.industries.set(industries)
        Membership.objects.create(user=actor, organization=organization, role=ADMIN)
        actor.__dict__.pop("_alleyhub_org_ids", None)  # accounts.selectors memoises the user's organisations
        audit_record(
            actor=actor,
            target=organization,
            code="directory.organization.registered",
            data={"credit_code": code, "kind": kind},
        )
        _notify(
            _operators(),
            "directory.organization.registered",
            {"user": actor, "organization": organization, "credit_code": code},
            url=reverse("directory:review"),
        )
        _changed(organization.pk)
    return organization


def organization_review(
    *, organization: Organization, action: str, actor: User, note: str = ""
) -> Organization:
    """An operator approves or rejects (with a reason) a registered organisation; its registrant
    is notified. Approval publishes its published listings (ownership.public_listing_q)."""
    if not acts_for_every_organization(actor):
        raise PermissionDenied(_("只有运营方可以审核机构。"))
    with transaction.atomic():
        organization = lock_for_update(Organization.objects, pk=organization.pk)
        move = ORGANIZATION_MOVES.check(organization, action, note=note)
        before = organization.status
        organization.status = move.target
        organization.review_note = (note or "").strip()
        versioned_save(organization, update_fields=["status", "review_note"])
        audit_record(
            actor=actor,
            target=organization,
            code=f"directory.organization.{move.target}",
            data={"from": before, "to": move.target, "note": organization.review_note},
        )
        code = "directory.organization.approved" if action == "approve" else "directory.organization.rejected"
        recipients = (
            [organization.registered_by] if organization.registered_by else list(_admins(organization))
        )
        _notify(
            recipients,
            code,
            {"organization": organization, "reason": organization.review_note},
            url=organization.get_absolute_url(),
        )
        _changed(organization.pk)
    return organization


# --- the profile ---------------------------------------------------------------------------------


def organization_update(
    *,
    organization: Organization,
    actor: User,
    expected_version: int | None = None,
    industries: list[Industry] | None = None,
    logo: Any = None,
    **fields: Any,
) -> Organization:
    """Admins of the organisation and operators edit its profile. `expected_version`: the version
    the editor saw (a stale one raises ConflictError). `industries` None: unchanged; `logo` None:
    unchanged (already checked with core.uploads.IMAGES by the form/API)."""
    _require_manage(actor=actor, organization=organization)
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise ApplicationError(
            _("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))}, status=422
        )
    with transaction.atomic():
        current = lock_for_update(Organization.objects, pk=organization.pk)
        version_check(current, expected_version)
        changed = [name for name, value in fields.items() if getattr(current, name) != value]
        for name, value in fields.items():
            setattr(current, name, value)
        if logo is not None:
            current.logo = logo
            changed.append("logo")
        current.full_clean(exclude=["logo", "industries"])
        if logo is not None:
            current.logo.save(logo.name or "logo", logo, save=False)
        versioned_save(current, update_fields=[*fields, *(["logo"] if logo is not None else [])])
        if industries is not None:
            before = set(current.industries.values_list("pk", flat=True))
            if before != {i.pk for i in industries}:
                current.industries.set(industries)
                changed.append("industries")
        audit_record(
            actor=actor,
            target=current,
            code="directory.organization.updated",
            data={"fields": sorted(changed)},
        )
        _changed(current.pk)
    return current


# --- joining -------------------------------------------------------------------------------------


def join_request_create(*, organization: Organization, actor: User, message: str = "") -> JoinRequest:
    """A signed-in user asks to join an approved organisation. Its admins are notified (the
    operators when it has none)."""
    _require_signed_in(actor)
    if organization.status != OrganizationStatus.APPROVED:
        raise ApplicationError(
            _("该机构尚未通过审核，暂不能申请加入。"), {"code": "organization_not_approved"}
        )
    if Membership.objects.filter(user=actor, organization=organization).exists():
        raise ApplicationError(
            _("您已是「%(name)s」的成员。") % {"name": organization.name}, {"code": "already_member"}
        )
    if JoinRequest.objects.filter(
        user=actor, organization=organization, status=JoinRequestStatus.PENDING
    ).exists():
        raise ApplicationError(
            _("您已申请加入「%(name)s」，正在等待审批。") % {"name": organization.name},
            {"code": "already_requested"},
            status=409,
        )
    join = JoinRequest(user=actor, organization=organization, message=(message or "").strip())
    join.full_clean(validate_constraints=False)
    with transaction.atomic():
        join.save()
        audit_record(
            actor=actor, target=join, code="directory.join.requested", data={"organization": organization.pk}
        )
        admins = list(_admins(organization))
        _notify(
            admins or _operators(),
            "directory.join.requested",
            {"user": actor, "organization": organization, "message": join.message or "—"},
            url=reverse("directory:members", kwargs={"slug": organization.slug})
            if admins
            else reverse("directory:review"),
        )
    return join


def join_request_roles(*, join: JoinRequest, user) -> set[str]:
    roles = set()
    if getattr(user, "is_authenticated", False):
        if join.user_id == user.pk:
            roles.add("requester")
        if can_manage_organization(user=user, organization=join.organization):
            roles.add("admin")
    return roles


def join_request_decide(
    *,
    join: JoinRequest,
    action: str,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
) -> JoinRequest:
    """approve / reject (the organisation's admins or an operator) or withdraw (the requester).
    Approval makes the requester a member; the requester is told the decision."""
    roles = join_request_roles(join=join, user=actor)
    if not roles:
        raise PermissionDenied(_("您无权处理此申请。"))
    with transaction.atomic():
        join = lock_for_update(JoinRequest.objects.select_related("organization", "user"), pk=join.pk)
        version_check(join, expected_version)
        move = JOIN_MOVES.check(join, action, roles=roles, note=note)
        join.status = move.target
        join.decided_by = actor
        join.decided_at = timezone.now()
        join.decision_note = (note or "").strip()
        versioned_save(join, update_fields=["status", "decided_by", "decided_at", "decision_note"])
        if action == "approve":
            Membership.objects.get_or_create(
                user=join.user, organization=join.organization, defaults={"role": MEMBER}
            )
        audit_record(
            actor=actor,
            target=join,
            code=f"directory.join.{move.target}",
            data={"organization": join.organization_id, "user": join.user_id, "note": join.decision_note},
        )
        if action in ("approve", "reject"):
            _notify(
                [join.user],
                f"directory.join.{'approved' if action == 'approve' else 'rejected'}",
                {"organization": join.organization, "reason": join.decision_note or "—"},
                url=join.organization.get_absolute_url(),
            )
    return join


# --- members -------------------------------------------------------------------------------------


def _lock_members(organization_id: int) -> None:
    """Serialises changes to one organisation's memberships on its row, so that two admins
    demoting (or removing) each other at the same time cannot leave it without an admin — and
    cannot deadlock, as locking the membership rows one by one in different orders could."""
    lock_for_update(Organization.objects, pk=organization_id)


def _admin_count(organization_id: int) -> int:
    return Membership.objects.filter(organization_id=organization_id, role=ADMIN).count()


def _last_admin_error() -> ApplicationError:
    return ApplicationError(
        _("机构至少需要一名管理员：请先指定另一位管理员。"), {"code": "last_admin"}, status=409
    )


def membership_set_role(*, membership: Membership, role: str, actor: User) -> Membership:
    _require_manage(actor=actor, organization=membership.organization)
    if role not in Membership.MemberRole.values:
        raise ValidationError({"role": _("角色无效。")})
    with transaction.atomic():
        _lock_members(membership.organization_id)
        # Checked again under the lock: the actor may have lost their role meanwhile.
        _require_manage(actor=actor, organization=membership.organization)
        membership = lock_for_update(Membership.objects.select_related("organization"), pk=membership.pk)
        before = membership.role
        if before == role:
            return membership
        if before == ADMIN and _admin_count(membership.organization_id) <= 1:
            raise _last_admin_error()
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        audit_record(
            actor=actor,
            target=membership,
            code="directory.member.role_changed",
            data={
                "organization": membership.organization_id,
                "user": membership.user_id,
                "from": before,
                "to": role,
            },
        )
    return membership


def membership_remove(*, membership: Membership, actor: User) -> None:
    """Admins and operators remove a member; a member may also leave. Never the last admin."""
    if membership.user_id != getattr(actor, "pk", None):
        _require_manage(actor=actor, organization=membership.organization)
    with transaction.atomic():
        _lock_members(membership.organization_id)
        if membership.user_id != getattr(actor, "pk", None):
            # Checked again under the lock: the actor may have lost their role meanwhile.
            _require_manage(actor=actor, organization=membership.organization)
        membership = lock_for_update(Membership.objects.select_related("organization"), pk=membership.pk)
        if membership.role == ADMIN and _admin_count(membership.organization_id) <= 1:
            raise _last_admin_error()
        audit_record(
            actor=actor,
            target=membership.organization,
            code="directory.member.removed",
            data={"user": membership.user_id, "role": membership.role},
        )
        membership.delete()


# --- invitations ---------------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    """The signed token of the invitation link: names the invitation and its nonce, so a link
    works only for this invitation, once (accepting clears the pending state)."""
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT, compress=True)


def invitation_url(invitation: Invitation) -> str:
    return reverse("directory:invitation", kwargs={"token": invitation_token(invitation)})


def invitation_from_token(token: str) -> Invitation:
    """The pending, unexpired invitation of `token`; ApplicationError otherwise."""
    invalid = ApplicationError(
        _("邀请链接无效、已使用或已过期。"), {"code": "invalid_invitation"}, status=410
    )
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=timedelta(days=INVITATION_DAYS + 1))
        pk, nonce = int(data["i"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise invalid from None
    invitation = Invitation.objects.select_related("organization").filter(pk=pk, nonce=nonce).first()
    if (
        invitation is None
        or invitation.status != InvitationStatus.PENDING
        or invitation.expires_at < timezone.now()
    ):
        raise invalid
    return invitation


def _send_invitation_email(invitation_id: int, link: str) -> None:
    invitation = Invitation.objects.select_related("organization", "invited_by").get(pk=invitation_id)
    inviter = str(invitation.invited_by or "")
    subject = _("邀请您加入%(organization)s · 硅巷通") % {"organization": invitation.organization.name}
    body = _(
        "%(inviter)s 邀请您以「%(role)s」身份加入「%(organization)s」。\n\n"
        "请在 %(days)s 天内打开以下链接接受邀请（没有账号时可先注册，注册时请使用本邮箱）：\n%(link)s\n"
    ) % {
        "inviter": inviter,
        "role": invitation.get_role_display(),
        "organization": invitation.organization.name,
        "days": INVITATION_DAYS,
        "link": link,
    }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def invitation_create(
    *, organization: Organization, email: str, role: str = MEMBER, actor: User, base_url: str = ""
) -> Invitation:
    """An admin (or an operator) invites a colleague by e-mail; the e-mail with the link goes out
    after the commit. `base_url` (scheme and host) makes the link absolute."""
    _require_manage(actor=actor, organization=organization)
    email = (email or "").strip().lower()
    if role not in Membership.MemberRole.values:
        raise ValidationError({"role": _("角色无效。")})
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError({"email": _("该邮箱的用户已是本机构成员。")})
    if Invitation.objects.filter(
        organization=organization, email=email, status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
    ).exists():
        raise ValidationError({"email": _("已向该邮箱发出邀请，尚未被接受。")})
    invitation = Invitation(
        organization=organization,
        email=email,
        role=role,
        nonce=secrets.token_hex(16),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    with transaction.atomic():
        invitation.save()
        audit_record(
            actor=actor,
            target=invitation,
            code="directory.invitation.created",
            data={"organization": organization.pk, "email": email, "role": role},
        )
        link = base_url.rstrip("/") + invitation_url(invitation)
        pk = invitation.pk
        transaction.on_commit(lambda: _send_invitation_email(pk, link))
    return invitation


def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    _require_manage(actor=actor, organization=invitation.organization)
    with transaction.atomic():
        invitation = lock_for_update(Invitation.objects.select_related("organization"), pk=invitation.pk)
        if invitation.status != InvitationStatus.PENDING:
            raise ApplicationError(_("该邀请已不能撤销。"), {"code": "forbidden_transition"}, status=409)
        invitation.status = InvitationStatus.REVOKED
        invitation.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, target=invitation, code="directory.invitation.revoked", data={})
    return invitation


def invitation_accept(*, token: str, actor: User) -> Membership:
    """The signed-in invitee accepts: they become a member with the invited role. The link works
    once, before it expires, and only for the account with the invited e-mail address."""
    _require_signed_in(actor)
    invitation = invitation_from_token(token)
    if (actor.email or "").strip().lower() != invitation.email:
        raise ApplicationError(
            _("此邀请发给 %(email)s，请用该邮箱的账号登录后再接受。") % {"email": invitation.email},
            {"code": "wrong_account"},
            status=403,
        )
    with transaction.atomic():
        invitation = lock_for_update(Invitation.objects.select_related("organization"), pk=invitation.pk)
        if invitation.status != InvitationStatus.PENDING:
            raise ApplicationError(
                _("邀请链接无效、已使用或已过期。"), {"code": "invalid_invitation"}, status=410
            )
        membership, created = Membership.objects.get_or_create(
            user=actor, organization=invitation.organization, defaults={"role": invitation.role}
        )
        if not created and invitation.role == ADMIN and membership.role != ADMIN:
            membership.role = ADMIN
            membership.save(update_fields=["role", "updated_at"])
        invitation.status = InvitationStatus.ACCEPTED
        invitation.accepted_by = actor
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["status", "accepted_by", "accepted_at", "updated_at"])
        # A pending request to join the same organisation is answered by the invitation.
        JoinRequest.objects.filter(
            user=actor, organization=invitation.organization, status=JoinRequestStatus.PENDING
        ).update(status=JoinRequestStatus.APPROVED, decided_at=timezone.now(), version=F("version") + 1)
        audit_record(
            actor=actor,
            target=invitation,
            code="directory.invitation.accepted",
            data={"organization": invitation.organization_id, "role": membership.role},
        )
    return membership
