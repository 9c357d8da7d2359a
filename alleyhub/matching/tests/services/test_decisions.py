"""Decisions about a match (accept, dismiss, first view) are taken only by those who act for the
source, logged for evaluation and audited."""

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.core.models import AuditEntry
from alleyhub.matching.models import Match, MatchFeedback, MatchStatus
from alleyhub.matching.services.decisions import match_accept, match_dismiss, match_mark_viewed
from alleyhub.matching.tests.factories import BrokerFactory, MembershipFactory, OperatorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["member", "broker", "operator"])
def test_members_brokers_and_operators_may_accept(mems, who):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    actor = {
        "member": lambda: MembershipFactory(organization=mems["enterprise"]).user,
        "broker": BrokerFactory,
        "operator": OperatorFactory,
    }[who]()

    match_accept(match=match, actor=actor)

    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED and match.decided_by == actor and match.decided_at
    feedback = MatchFeedback.objects.get(match=match)
    assert feedback.action == "accepted" and feedback.rank == match.rank and feedback.actor == actor
    assert AuditEntry.objects.filter(
        code="matching.match.accepted", target_id=str(match.pk), actor=actor
    ).exists()


def test_members_of_other_organisations_may_not_decide(mems):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    stranger = MembershipFactory().user  # a member of some other organisation

    with pytest.raises(PermissionDenied):
        match_dismiss(match=match, actor=stranger)
    with pytest.raises(PermissionDenied):
        match_accept(match=match, actor=UserFactory())

    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED
    assert not MatchFeedback.objects.exists()


def test_viewing_is_logged_once_and_does_not_override_a_decision(mems):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    broker = BrokerFactory()

    match_mark_viewed(match=match, actor=broker)
    match_mark_viewed(match=match, actor=broker)
    assert MatchFeedback.objects.filter(match=match, action="viewed").count() == 1

    match_dismiss(match=match, actor=broker)
    match_mark_viewed(match=match, actor=broker)
    match.refresh_from_db()
    assert match.status == MatchStatus.DISMISSED

    match_accept(match=match, actor=broker)  # people change their minds
    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED
    assert list(
        MatchFeedback.objects.filter(match=match).order_by("at", "pk").values_list("action", flat=True)
    ) == [
        "viewed",
        "dismissed",
        "accepted",
    ]
