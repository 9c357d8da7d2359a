"""Facts about the HTTP request that every app reads the same way."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _ip_or_none(value: str) -> str | None:
    """`value` as a normalised IP address (a port after it dropped), or None if it is not one."""
    value = value.strip()
    candidates = [value]
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        candidates.append(value[1 : value.index("]")])
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        candidates.append(value.split(":")[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent `request`, for the audit trail and the record of who
    accepted confidentiality terms from where; the one way every app reads it.

    Without a proxy in front (`TRUSTED_PROXY_COUNT = 0`, the default) that is REMOTE_ADDR: any
    X-Forwarded-For or X-Real-IP header came from the client itself and would let it write any
    address it likes into the records, so they are ignored. With N trusted reverse proxies, each
    appending the address it received the request from to X-Forwarded-For, the client is the N-th
    address from the right (what the outermost proxy saw); addresses further left were written by
    the client. With `TRUSTED_PROXY_HEADER = "X-Real-IP"` the nearest proxy must set (overwrite)
    that header. A missing or malformed header falls back to REMOTE_ADDR."""
    remote = _ip_or_none(request.META.get("REMOTE_ADDR", ""))
    count: int = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    header: str = getattr(settings, "TRUSTED_PROXY_HEADER", "X-Forwarded-For")
    value = request.headers.get(header, "")
    if header.lower() == "x-forwarded-for":
        hops = [hop for hop in (part.strip() for part in value.split(",")) if hop]
        if len(hops) < count:
            return remote
        return _ip_or_none(hops[-count]) or remote
    return _ip_or_none(value) or remote
