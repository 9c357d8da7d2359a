"""Reads for accounts: memberships, tokens, the demo accounts shown on the login page."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from alleyhub.accounts.hooks import DemoPersonas, login_demo_personas
from alleyhub.accounts.models import Membership, PersonalAccessToken, User
from alleyhub.core.uploads import StoredFile


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user).select_related("organization").order_by("organization__name_zh")
    )


def token_list_for_user(*, user: User) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_get_for_user(*, user: User, pk: int) -> PersonalAccessToken:
    """The user's own token; raises Http404 for anyone else's (its existence is not revealed)."""
    token = PersonalAccessToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token


def user_organization_ids(user) -> frozenset[int]:
    """Ids of the organisations the user is a member of (memoised on the user object per request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_alleyhub_org_ids", None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user).values_list("organization_id", flat=True))
        user._alleyhub_org_ids = cached
    return cached


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role_label: str
    organization: str
    description: str = ""
    summary: str = ""  # what to try with this persona (DemoPersonas.descriptions)


def demo_accounts_for_login() -> tuple[list[DemoAccount], str]:
    """The demo accounts to list on the login page, and their shared password.

    Empty while no demo user exists (the demo district is not loaded, or was removed), so that a
    real installation never advertises accounts. The personas' labels and the password come from
    the provider in `accounts.hooks.login_demo_personas` (the demo app registers it); without one,
    each account shows its role.
    """
    # Demo users one cannot sign in with (the demo's newcomer with a pending join request) are
    # characters of the story, not personas: an unusable password starts with "!".
    users = list(
        User.objects.filter(is_demo=True, is_active=True)
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .order_by("pk")
    )
    if not users:
        return [], ""
    describe = login_demo_personas.provider()
    personas = describe() if describe is not None else DemoPersonas(password="", labels={})
    order = list(personas.labels)
    users.sort(key=lambda u: (order.index(u.username) if u.username in order else len(order), u.pk))
    memberships = {
        m.user_id: m.organization
        for m in Membership.objects.filter(user__in=users).select_related("organization").order_by("-pk")
    }
    out = []
    for u in users:
        label = personas.labels.get(u.username)
        org = memberships.get(u.pk)
        out.append(
            DemoAccount(
                username=u.username,
                role_label=str(label if label is not None else u.get_role_display()),
                organization=str(org or ""),
                description=str(u),
                summary=str(personas.descriptions.get(u.username, "")),
            )
        )
    return out, personas.password


def api_actor(request: HttpRequest) -> User:
    """The signed-in user of a write endpoint (its `auth` lets nobody else through; this is the
    typed way to say so). Raises PermissionDenied for anyone else."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def two_factor_enabled(*, user: User) -> bool:
    """Whether the user has a confirmed second factor (then every sign-in asks for it)."""
    return user_has_device(user, confirmed=True)


def two_factor_has_authenticator(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_backup_codes(*, user: User) -> list[str]:
    """The user's unused backup codes (call only after the user re-entered their password)."""
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return [] if device is None else list(device.token_set.order_by("pk").values_list("token", flat=True))


def user_photo_for_download(*, pk: int, user) -> StoredFile:
    """A user's profile photo (for `core.uploads.protected_file_view`): to themselves and to
    operators; anyone else, or no photo: Http404 (whether there is one is nobody else's business)."""
    owner = User.objects.filter(pk=pk).first()
    if owner is None or not owner.photo or not (user.pk == owner.pk or user.is_operator):
        raise Http404
    name = owner.photo.name or ""
    ext = name.rsplit(".", 1)[-1] if "." in name else "jpg"
    return StoredFile(file=owner.photo, filename=f"photo.{ext}", content_type=owner.photo_content_type)
