from datetime import timedelta

import pytest
from django.utils import timezone

from alleyhub.accounts.models import Membership, Role
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory
from alleyhub.directory.tests.factories import OrganizationFactory


def age(listing, *, days: int) -> None:
    """Make `listing` look neither confirmed nor saved for `days` (as time passing would)."""
    when = timezone.now() - timedelta(days=days)
    type(listing).objects.filter(pk=listing.pk).update(last_confirmed_at=when, updated_at=when)
    listing.refresh_from_db()


class World:
    def __init__(self):
        self.org = OrganizationFactory(name_zh="新微传感", slug="xinwei")
        self.admin = UserFactory(username="xinwei-admin")
        self.member = UserFactory(username="xinwei-member")
        MembershipFactory(user=self.admin, organization=self.org, role=Membership.MemberRole.ADMIN)
        MembershipFactory(user=self.member, organization=self.org)
        self.operator = UserFactory(username="operator", role=Role.OPERATOR)
        self.outsider = UserFactory(username="someone", role=Role.PUBLIC)


@pytest.fixture
def world(db):
    return World()
