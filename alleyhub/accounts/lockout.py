"""Who is signing in from where: login lockout (django-axes) and the sign-in rate limits
(django-ratelimit) count by `core.http.client_ip` — REMOTE_ADDR unless `TRUSTED_PROXY_COUNT` says
which proxies to believe — so a client cannot escape a lockout by sending a different
`X-Forwarded-For` on each attempt."""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from alleyhub.core.http import client_ip

__all__ = ["client_ip", "ratelimit_key", "token_create_limited"]


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
