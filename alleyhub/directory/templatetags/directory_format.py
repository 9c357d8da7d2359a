"""Labels of directory values stored in JSON lists: `{% load directory_format %}`."""

from django import template

from alleyhub.directory.models import LifecycleStage

register = template.Library()


@register.filter
def stage_labels(values) -> list[str]:
    """Labels of lifecycle stages stored as a JSON list."""
    mapping = dict(LifecycleStage.choices)
    return [str(mapping.get(v, v)) for v in (values or [])]
