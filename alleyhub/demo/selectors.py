"""Reads for the pages that show the demo (the login page lists the demo accounts)."""

from dataclasses import dataclass

from alleyhub.accounts.models import User

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, SPEC_BY_USERNAME


@dataclass(frozen=True)
class DemoAccount:
    user: User
    username: str
    role_label: str  # what the account shows of the platform, e.g. 科研人员 (translated lazily)
    organization: str  # name of the organisation the user acts for ("" if none), in the user's language
    password: str


def demo_accounts() -> list[DemoAccount]:
    """The active demo users (`is_demo=True`), in the order of `DEMO_ACCOUNTS`, with a role label,
    their organisation and the shared demo password. Empty when no demo data is loaded (or the
    operator has deactivated or deleted the demo users), so the login page shows nothing then."""
    order = {spec.username: i for i, spec in enumerate(DEMO_ACCOUNTS)}
    users = (
        User.objects.filter(is_demo=True, is_active=True)
        .prefetch_related("memberships__organization")
        .order_by("username")
    )
    accounts = []
    for user in sorted(users, key=lambda u: (order.get(u.username, len(order)), u.username)):
        spec = SPEC_BY_USERNAME.get(user.username)
        memberships = list(user.memberships.all())
        accounts.append(DemoAccount(
            user=user,
            username=user.username,
            role_label=spec.label if spec else user.get_role_display(),
            organization=memberships[0].organization.name if memberships else "",
            password=DEMO_PASSWORD,
        ))
    return accounts
