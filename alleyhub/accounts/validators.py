"""Checks on what people write about themselves."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s\-().]")
_CN_MOBILE = re.compile(r"^(?:\+?86)?(1[3-9]\d{9})$")
_INTERNATIONAL = re.compile(r"^\+[1-9]\d{6,14}$")  # E.164


def normalise_phone(value: str) -> str:
    """A mainland mobile number (11 digits, `+86` allowed in front) is stored as its 11 digits;
    any other number must be international (`+` and country code, E.164) and is stored so.
    Raises ValidationError (field `phone`) for anything else."""
    compact = _SEPARATORS.sub("", value or "")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    match = _CN_MOBILE.match(compact)
    if match:
        return match.group(1)
    if _INTERNATIONAL.match(compact) and not compact.startswith("+86"):
        return compact
    raise ValidationError(
        {"phone": _("请输入 11 位手机号，或以 + 和国家代码开头的国际号码（如 +44 20 7946 0958）。")}
    )
