"""Who is signing in from where: login lockout (django-axes) and the sign-in rate limits
(django-ratelimit) count by `core.http.client_ip` — REMOTE_ADDR unless `TRUSTED_PROXY_COUNT` says
which proxies to believe — so a client cannot escape a lockout by sending a different
`X-Forwarded-For` on each attempt."""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from alleyhub.core.http import client_ip

__all__ = ["address_limited", "client_ip", "mailbox_limited", "ratelimit_key", "token_create_limited"]


def ratelimit_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key: the same client address as the lockout's."""
    return client_ip(request) or "unknown"


def token_create_limited(request: HttpRequest) -> bool:
    """Count one token creation from this address (page and API alike); True once there were
    more than RATELIMIT_TOKEN_CREATE."""
    return is_ratelimited(
        request,
        group="accounts.token_create",
        key=ratelimit_key,
        rate=settings.RATELIMIT_TOKEN_CREATE,
        method="POST",
        increment=True,
    )


def login_limited(request: HttpRequest) -> bool:
    """Count one sign-in attempt from this address, whatever the username; True once there were
    more than RATELIMIT_LOGIN (django-axes locks one username at a time, this stops one address
    from trying many)."""
    return is_ratelimited(
        request,
        group="accounts.login",
        key=ratelimit_key,
        rate=settings.RATELIMIT_LOGIN,
        method="POST",
        increment=True,
    )


def _limited(request: HttpRequest, *, group: str, rate: str, key=ratelimit_key) -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)


def address_limited(request: HttpRequest, group: str) -> bool:
    """Count one sign-up / resend / password-reset form from this client address; True once there
    were more than the group's rate (RATELIMIT_SIGNUP, RATELIMIT_PASSWORD_RESET)."""
    rate = settings.RATELIMIT_PASSWORD_RESET if group == "password_reset" else settings.RATELIMIT_SIGNUP
    return _limited(request, group=f"accounts.{group}.ip", rate=rate)


def mailbox_limited(request: HttpRequest, group: str, email: str) -> bool:
    """Count one e-mail to `email` (normalised) from the `group` form; True once there were more
    than RATELIMIT_EMAIL_PER_ADDRESS. The caller then sends nothing but answers as always, so no
    one can flood a mailbox and the answer still tells nothing about the address."""
    address = (email or "").strip().lower()
    return _limited(
        request,
        group=f"accounts.{group}.email",
        rate=settings.RATELIMIT_EMAIL_PER_ADDRESS,
        key=lambda _group, _request: address or "none",
    )
