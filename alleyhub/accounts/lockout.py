"""Who is signing in from where: the client address that login lockout (django-axes) and the
sign-in rate limits (django-ratelimit) count by.

The address is REMOTE_ADDR unless `TRUSTED_PROXY_COUNT` (environment, default 0) says how many
reverse proxies of ours stand in front of Django. Each of them appends the address it was
contacted from to `X-Forwarded-For`, so with N proxies the client is the N-th entry from the
right; anything further left was written by the client and is never believed. Without the
setting the header is ignored entirely, so a client cannot escape a lockout by sending a
different `X-Forwarded-For` on each attempt.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as our own proxies report it (see the module docstring)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return _valid_ip(forwarded[-proxies]) or _valid_ip(remote)
    return _valid_ip(remote)


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
