"""Writes for accounts: preferences, personal access tokens, two-factor sign-in. Each records an
audit entry."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user, verify_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from alleyhub.accounts.models import PersonalAccessToken, User
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def user_update_preferences(*, user: User, preferred_language: str, actor: User) -> User:
    """Set the user's preferred language (a code from settings.LANGUAGES).

    Raises ValidationError for an unknown language; records `accounts.user.preferences_changed`.
    """
    if user.preferred_language == preferred_language:
        return user
    old = user.preferred_language
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["preferred_language"])
    audit_record(
        actor=actor,
        target=user,
        code="accounts.user.preferences_changed",
        data={"preferred_language": [old, preferred_language]},
    )
    return user


@transaction.atomic
def token_create(
    *, user: User, name: str, actor: User, expires_at: datetime | None = None
) -> tuple[PersonalAccessToken, str]:
    """Issue a personal access token for `user`. Returns the token and its plain text, which is
    never stored (only its SHA-256) and must be shown to the user once.

    Raises ApplicationError when the user already has too many active tokens or the expiry is
    in the past; ValidationError for an invalid name.
    """
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ApplicationError(_("过期时间必须晚于现在。"), status=422)
    active = PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).exclude(
        expires_at__lte=now
    )
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ApplicationError(
            _("有效令牌最多 %(n)s 个，请先撤销不用的令牌。") % {"n": MAX_ACTIVE_TOKENS}, status=409
        )
    plain = PersonalAccessToken.PREFIX + _random_secret()
    token = PersonalAccessToken(
        user=user,
        name=(name or "").strip(),
        token_hash=PersonalAccessToken.hash(plain),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit_record(actor=actor, target=token, code="accounts.token.created", data={"name": token.name})
    return token, plain


@transaction.atomic
def token_revoke(*, token: PersonalAccessToken, actor: User) -> PersonalAccessToken:
    """Revoke a token; it stops working at once. Raises ApplicationError (409) if already revoked."""
    token = PersonalAccessToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ApplicationError(_("该令牌已撤销。"), status=409)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_record(actor=actor, target=token, code="accounts.token.revoked", data={"name": token.name})
    return token


def _random_secret() -> str:
    return secrets.token_urlsafe(32)


def token_authenticate(token: str) -> User | None:
    """The active user whose active personal access token this is (None otherwise); notes when the
    token was last used. Registered as core's API token authenticator (`AccountsConfig.ready`)."""
    pat = (
        PersonalAccessToken.objects.select_related("user")
        .filter(token_hash=PersonalAccessToken.hash(token))
        .first()
    )
    if pat is None or not pat.is_active or not pat.user.is_active:
        return None
    PersonalAccessToken.objects.filter(pk=pat.pk).update(last_used_at=timezone.now())
    return pat.user


BACKUP_CODE_COUNT = 10


@transaction.atomic
def two_factor_enable(*, user: User, key: str, code: str, actor: User) -> tuple[TOTPDevice, list[str]]:
    """Turn on two-factor sign-in with the authenticator app the user set up with `key` (hex, as
    `django_otp.util.random_hex` makes it): `code` must be the app's current code. Creates the
    confirmed TOTP device and a fresh set of backup codes, which are returned to be shown once.

    Raises ApplicationError (422) for a wrong code, (409) when two-factor sign-in is already on;
    records `accounts.user.two_factor_enabled`.
    """
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ApplicationError(_("两步验证已经开启。"), status=409)
    device = TOTPDevice(user=user, name=_("身份验证器"), key=key, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and totp.verify(int(code), device.tolerance)):
        raise ApplicationError(
            _("验证码不正确，请核对手机上的时间并输入当前显示的 6 位数字。"), {"field": "code"}, status=422
        )
    device.last_t = totp.t()  # this code may not be used again to sign in
    device.full_clean()
    device.save()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _backup_codes_replace(user=user)
    audit_record(actor=actor, target=user, code="accounts.user.two_factor_enabled")
    return device, codes


@transaction.atomic
def two_factor_backup_codes_regenerate(*, user: User, actor: User) -> list[str]:
    """Replace the user's backup codes with a fresh set (the old ones stop working) and return it.

    Raises ApplicationError (409) when two-factor sign-in is off; records
    `accounts.user.backup_codes_regenerated`.
    """
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ApplicationError(_("两步验证尚未开启。"), status=409)
    codes = _backup_codes_replace(user=user)
    audit_record(actor=actor, target=user, code="accounts.user.backup_codes_regenerated")
    return codes


@transaction.atomic
def two_factor_disable(*, user: User, actor: User) -> None:
    """Turn two-factor sign-in off: every device and backup code of the user is deleted.

    Raises ApplicationError (403) for the roles that must use it (operators, the task force,
    government-unit staff) while TWO_FACTOR_REQUIRED_FOR_STAFF is on, (409) when it is off
    already; records `accounts.user.two_factor_disabled`.
    """
    if settings.TWO_FACTOR_REQUIRED_FOR_STAFF and user.is_platform_staff:
        raise ApplicationError(_("您的角色必须使用两步验证，不能关闭。"), status=403)
    devices = list(devices_for_user(user, confirmed=None))
    if not devices:
        raise ApplicationError(_("两步验证尚未开启。"), status=409)
    for device in devices:
        device.delete()
    audit_record(actor=actor, target=user, code="accounts.user.two_factor_disabled")


def two_factor_verify(*, user: User, code: str) -> Device | None:
    """The user's device that accepts `code` at sign-in, or None. A 6-digit code is tried on the
    authenticator only and anything else on the backup codes only, so a backup code never counts
    as a failed authenticator code (django-otp slows a device down after each failure). A backup
    code is used up by this; a failure records itself on the device (its throttling)."""
    code = (code or "").strip().replace(" ", "").lower()
    is_app_code = code.isdigit() and len(code) == 6
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, TOTPDevice) == is_app_code:
            verified = verify_token(user, device.persistent_id, code)
            if verified is not None:
                return verified
    return None


def _backup_codes_replace(*, user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes
