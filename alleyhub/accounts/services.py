"""Writes for accounts: preferences and personal access tokens. Each records an audit entry."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
