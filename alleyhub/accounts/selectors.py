"""Reads for accounts: memberships, tokens, the demo accounts shown on the login page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from alleyhub.accounts.models import Membership, PersonalAccessToken, User


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user).select_related("organization").order_by("organization__name_zh")
    )


def token_list_for_user(*, user: User) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_get_for_user(*, user: User, pk: int) -> PersonalAccessToken:
    """The user's own token; raises Http404 for anyone else's (its existence is not revealed)."""
    token = PersonalAccessToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role_label: str
    organization: str
    description: str = ""


def demo_accounts_for_login() -> tuple[list[DemoAccount], str]:
    """The demo accounts to list on the login page, and their shared password.

    Empty while no demo user exists (the demo district is not loaded, or was removed), so that a
    real installation never advertises accounts.
    """
    if not User.objects.filter(is_demo=True, is_active=True).exists():
        return [], ""
    try:  # the demo loader describes its personas (e.g. "科研人员" for a member of an institute)
        from alleyhub.demo.accounts import DEMO_PASSWORD, SPEC_BY_USERNAME
    except ImportError:
        DEMO_PASSWORD, SPEC_BY_USERNAME = "", {}
    users = None
    try:
        from alleyhub.demo.selectors import demo_accounts
    except ImportError:
        demo_accounts = None
    if demo_accounts is not None:
        users = list(demo_accounts())
    if users is None or any(not isinstance(u, User) for u in users):
        users = list(User.objects.filter(is_demo=True, is_active=True).order_by("pk"))
    order = list(SPEC_BY_USERNAME)
    users.sort(key=lambda u: (order.index(u.username) if u.username in order else len(order), u.pk))
    memberships = {
        m.user_id: m.organization
        for m in Membership.objects.filter(user__in=users).select_related("organization").order_by("-pk")
    }
    out = []
    for u in users:
        if not u.is_demo or not u.is_active:
            continue
        spec = SPEC_BY_USERNAME.get(u.username)
        org = memberships.get(u.pk)
        out.append(
            DemoAccount(
                username=u.username,
                role_label=str(spec.label if spec else u.get_role_display()),
                organization=str(org or ""),
                description=str(u),
            )
        )
    return out, DEMO_PASSWORD
