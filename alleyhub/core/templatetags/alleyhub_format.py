"""Readable amounts (`{% load alleyhub_format %}`): 元 shown as 万元 / 亿元 in Chinese and ¥k / ¥M in English."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import gettext as _

from alleyhub.core.models import current_language_code

register = template.Library()


def _trim(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _to_number(value) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _amount_number(value: float) -> str:
    """The number with its scale, without a currency word: ("50", "万") style per language."""
    if current_language_code() == "zh":
        if value >= 100_000_000:
            return _("%(value)s 亿") % {"value": _trim(value / 100_000_000)}
        if value >= 10_000:
            return _("%(value)s 万") % {"value": _trim(value / 10_000)}
        return _trim(value)
    # English notation uses symbols only (¥, k, M), so there is nothing to translate here.
    if value >= 1_000_000:
        return f"¥{_trim(value / 1_000_000)}M"
    if value >= 1_000:
        return f"¥{_trim(value / 1_000)}k"
    return f"¥{_trim(value)}"


def _with_unit(number: str) -> str:
    if current_language_code() == "zh":
        return _("%(amount)s元") % {"amount": number}
    return number


@register.filter
def yuan(value) -> str:
    """50 万元 / ¥500k; an em dash when there is no amount."""
    number = _to_number(value)
    if number is None:
        return "—"
    return _with_unit(_amount_number(number))


@register.simple_tag
def yuan_range(low, high) -> str:
    """A budget or price range: 50–100 万元, ≥ 50 万元, ≤ 100 万元 or 面议 (negotiable)."""
    lo, hi = _to_number(low), _to_number(high)
    if lo is None and hi is None:
        return _("面议")
    if lo is not None and hi is not None:
        if lo == hi:
            return yuan(lo)
        return _with_unit(f"{_amount_number(lo)} – {_amount_number(hi)}")
    if lo is not None:
        return f"≥ {yuan(lo)}"
    return f"≤ {yuan(hi)}"


@register.filter
def rent(value) -> str:
    """Rent per square metre per day: 4.5 元/㎡/天."""
    number = _to_number(value)
    if number is None:
        return "—"
    return _("%(rent)s 元/㎡/天") % {"rent": _trim(number)}


@register.filter
def area(value) -> str:
    number = _to_number(value)
    if number is None:
        return "—"
    return _("%(area)s ㎡") % {"area": _trim(number)}
