"""`{% list_exports "outcomes" %}`: the Excel / CSV download links of a list page, with its current
filters, from whatever app registered `core.registry.list_exports` (none when nothing did)."""

from django import template

from alleyhub.core.registry import list_exports as list_exports_hook

register = template.Library()


@register.inclusion_tag("components/export_links.html", takes_context=True)
def list_exports(context, kind: str) -> dict:
    request = context.get("request")
    links = []
    if request is not None:
        for provider in list_exports_hook.providers():
            links.extend(provider(request=request, kind=kind))
    return {"links": links}
