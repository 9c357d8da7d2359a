"""Template helpers shared by every app: `{% load alleyhub %}`."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """Like `{% url %}` but returns "" when the URL name does not exist (yet), so a page can link
    to another app's pages only where they are available: `{% optional_url 'x:y' pk as u %}`."""
    try:
        return reverse(name, args=[a for a in args if a not in (None, "")])
    except NoReverseMatch:
        return ""


@register.filter
def localized(obj, field: str) -> str:
    """`{{ org|localized:"description" }}`: the field in the user's language, else the original."""
    if obj is None or not hasattr(obj, "localized"):
        return ""
    return obj.localized(field)


@register.filter
def administers_an_organisation(user) -> bool:
    """Whether `user` is an admin member of some organisation (the header then offers the
    organisation admins' tools, e.g. spreadsheet import). Reads the accounts relation by name,
    since core sits below accounts; one EXISTS query."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.memberships.filter(role="admin").exists())
