"""`{% listing_attachments obj "service" %}`: a listing's attachments (those the reader may see)
and, for those who may edit it, the upload form. One partial for every listing kind."""

from typing import Any

from django import template

from alleyhub.directory.listing_forms import AttachmentForm
from alleyhub.directory.ownership import can_edit_listing, listing_attachments

register = template.Library()


@register.inclusion_tag("directory/_attachments.html", takes_context=True)
def listing_attachments_block(context: dict[str, Any], obj: Any, kind: str) -> dict[str, Any]:
    request = context["request"]
    can_edit = can_edit_listing(user=request.user, listing=obj)
    return {
        "obj": obj,
        "kind": kind,
        "attachments": listing_attachments(listing=obj, user=request.user),
        "can_edit": can_edit,
        "form": AttachmentForm() if can_edit else None,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
