"""The signed "still valid" link of a reminder: it names the listing and the user it was sent to,
needs no sign-in (it works from the e-mail) and expires after CONFIRM_LINK_DAYS."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

SALT = "alleyhub.freshness.confirm"
CONFIRM_LINK_DAYS = 45


@dataclass(frozen=True)
class ConfirmClaim:
    kind: str
    object_id: int
    user_id: int


def confirm_token(*, kind: str, object_id: int, user_id: int) -> str:
    return signing.dumps({"k": kind, "o": object_id, "u": user_id}, salt=SALT, compress=True)


def confirm_claim(token: str) -> ConfirmClaim:
    """What a token says. Raises PermissionDenied for a forged, altered or expired token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=CONFIRM_LINK_DAYS * 86400)
        return ConfirmClaim(kind=str(data["k"]), object_id=int(data["o"]), user_id=int(data["u"]))
    except signing.SignatureExpired:
        raise PermissionDenied(_("链接已过期，请登录后在条目页面确认。")) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise PermissionDenied(_("链接无效。")) from None
