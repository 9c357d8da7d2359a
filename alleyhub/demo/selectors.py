"""Reads for the pages that show the demo (the login page lists the demo accounts)."""

from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from alleyhub.accounts.demo import DEMO_ACCOUNTS, SPEC_BY_USERNAME
from alleyhub.accounts.models import User


def demo_accounts() -> list[User]:
    """The active demo users (`is_demo=True`), in the order of `DEMO_ACCOUNTS` (others after,
    by username), each annotated with `role_label` (what the account shows of the platform, e.g.
    科研人员; lazily translated) and `organization_name` (the organisation it acts for, in the
    current language, or ""). Their shared password is `alleyhub.accounts.demo.DEMO_PASSWORD`.

    Empty when the demo is not loaded (or the operator deactivated or deleted the demo users), so
    a real installation never advertises accounts.
    """
    order = {spec.username: i for i, spec in enumerate(DEMO_ACCOUNTS)}
    # Demo users nobody can sign in with (the newcomer with a pending join request) are not personas.
    users = list(
        User.objects.filter(is_demo=True, is_active=True)
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .prefetch_related("memberships__organization")
    )
    users.sort(key=lambda u: (order.get(u.username, len(order)), u.username))
    for user in users:
        spec = SPEC_BY_USERNAME.get(user.username)
        memberships = sorted(user.memberships.all(), key=lambda m: m.pk)
        annotated: Any = user  # extra attributes, like a queryset annotation, that User does not declare
        annotated.role_label = spec.label if spec else user.get_role_display()
        annotated.organization_name = memberships[0].organization.name if memberships else ""
    return users
