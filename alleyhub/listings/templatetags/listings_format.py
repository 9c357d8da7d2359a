"""Labels of listing values stored in JSON lists: `{% load listings_format %}`."""

from django import template

from alleyhub.listings.models import CooperationMode

register = template.Library()


@register.filter
def mode_labels(values) -> list[str]:
    """Labels of cooperation modes stored as a JSON list."""
    mapping = dict(CooperationMode.choices)
    return [str(mapping.get(v, v)) for v in (values or [])]
