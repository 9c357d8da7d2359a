"""Template helpers for matches: `{% load matching_tags %}` then `explanation|explained`."""

from django import template

from ..explain import explanation_view, format_money

register = template.Library()


@register.filter
def explained(data):
    """An explanation dict (as stored on a Match or returned by the API) in the reader's language."""
    return explanation_view(data)


@register.filter
def money(value):
    return format_money(value)
