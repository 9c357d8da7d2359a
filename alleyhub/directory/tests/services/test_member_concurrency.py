"""Two admins demote or remove each other at the same moment: one succeeds, the other is
refused as the last admin (or, removed meanwhile, as no admin any more) — the organisation never
ends up without an admin, and nothing deadlocks. Two decisions on one join request: one wins.

Proved on PostgreSQL with two threads on two connections (see core.tests.concurrency); SQLite
serialises writers, so the race cannot be staged there."""

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.accounts.models import Membership
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.tests.concurrency import race, race_test
from alleyhub.directory import services
from alleyhub.directory.models import JoinRequest
from alleyhub.directory.tests.factories import OrganizationFactory

pytestmark = race_test

ADMIN = Membership.MemberRole.ADMIN


@pytest.mark.parametrize("attempt", range(3))
@pytest.mark.parametrize("how", ["demote", "remove"])
def test_two_admins_demoting_each_other_leave_one_admin(attempt, how):
    org = OrganizationFactory()
    a = MembershipFactory(organization=org, role=ADMIN)
    b = MembershipFactory(organization=org, role=ADMIN)

    def act(target, actor):
        if how == "demote":
            return services.membership_set_role(membership=target, role="member", actor=actor)
        return services.membership_remove(membership=target, actor=actor)

    results = race([lambda: act(a, b.user), lambda: act(b, a.user)])
    # The second is refused: as the last admin, or (removed) because its actor is no admin any more.
    refused = [r for r in results if isinstance(r, ApplicationError | PermissionDenied)]
    assert len(refused) == 1, results
    assert isinstance(refused[0], PermissionDenied) or refused[0].extra["code"] == "last_admin"
    assert Membership.objects.filter(organization=org, role=ADMIN).count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_approving_and_withdrawing_at_once_gives_one_decision(attempt):
    org = OrganizationFactory()
    admin = MembershipFactory(organization=org, role=ADMIN).user
    user = UserFactory()
    join = services.join_request_create(organization=org, actor=user)
    results = race(
        [
            lambda: services.join_request_decide(join=join, action="approve", actor=admin),
            lambda: services.join_request_decide(join=join, action="withdraw", actor=user),
        ]
    )
    winners = [r for r in results if isinstance(r, JoinRequest)]
    assert len(winners) == 1, results
    join.refresh_from_db()
    assert join.status == winners[0].status
    assert Membership.objects.filter(user=user, organization=org).exists() == (join.status == "approved")
