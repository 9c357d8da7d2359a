from django import template

from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.enquiries.selectors import can_edit_service_form, open_counts

register = template.Library()


@register.simple_tag
def enquiry_counts(user) -> dict[str, int]:
    """Open enquiries `user` sent and new ones waiting for their organisations (home page)."""
    return open_counts(user=user)


@register.simple_tag
def can_edit_application_form(service, user) -> bool:
    """Whether `user` may edit the questions of `service`'s application form."""
    return can_edit_service_form(service=service, user=user)


@register.simple_tag
def is_own_listing(target, user) -> bool:
    """Whether `user` is a member of the organisation that owns `target` (who never apply to it)."""
    return target.owner_id in user_organization_ids(user)
