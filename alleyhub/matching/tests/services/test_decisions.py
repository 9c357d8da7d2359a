"""Decisions about a match (accept, dismiss, first view) are taken only by those who act for the
source — its organisation's members and operators, never brokers — logged for evaluation and
audited."""

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.core.exceptions import ConflictError
from alleyhub.core.models import AuditEntry
from alleyhub.matching.models import Match, MatchFeedback, MatchStatus
from alleyhub.matching.services.decisions import match_accept, match_dismiss, match_mark_viewed
from alleyhub.matching.tests.factories import BrokerFactory, MembershipFactory, OperatorFactory, UserFactory
from alleyhub.matching.transitions import MATCH_MOVES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["member", "operator"])
def test_members_and_operators_may_accept(mems, who):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    actor = {
        "member": lambda: MembershipFactory(organization=mems["enterprise"]).user,
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
    for staff in (BrokerFactory(), UserFactory(role="task_force")):
        with pytest.raises(PermissionDenied):
            match_accept(match=match, actor=staff)
        with pytest.raises(PermissionDenied):
            match_mark_viewed(match=match, actor=staff)

    match.refresh_from_db()
    assert match.status == MatchStatus.SUGGESTED
    assert not MatchFeedback.objects.exists()


def test_viewing_is_logged_once_and_does_not_override_a_decision(mems):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    broker = MembershipFactory(organization=mems["enterprise"]).user

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


def test_every_decision_is_a_new_version_and_a_stale_one_is_refused(mems):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    broker = MembershipFactory(organization=mems["enterprise"]).user
    assert match.version == 1

    match_mark_viewed(match=match, actor=broker)
    assert match.version == 2
    accepted = match_accept(match=match, actor=broker, expected_version=2)
    assert accepted.version == 3

    with pytest.raises(ConflictError) as caught:
        match_dismiss(match=match, actor=broker, expected_version=2)  # decided on what version 2 showed
    assert caught.value.status == 409 and caught.value.extra["current_version"] == 3
    match.refresh_from_db()
    assert (match.status, match.version) == (MatchStatus.ACCEPTED, 3)
    assert MatchFeedback.objects.filter(match=match, action="dismissed").count() == 0


def test_the_moves_of_a_match_are_data():
    assert MATCH_MOVES.targets(MatchStatus.SUGGESTED) == [
        MatchStatus.VIEWED,
        MatchStatus.ACCEPTED,
        MatchStatus.DISMISSED,
    ]
    assert [t.action for t in MATCH_MOVES.allowed(MatchStatus.ACCEPTED)] == ["dismiss"]
    assert [t.action for t in MATCH_MOVES.allowed(MatchStatus.DISMISSED)] == ["accept"]


def test_seeing_a_match_someone_decided_meanwhile_changes_nothing(mems):
    match = Match.objects.filter(source_kind="demand", source_id=mems["demand"].pk).first()
    broker = MembershipFactory(organization=mems["enterprise"]).user
    seen = Match.objects.get(pk=match.pk)  # the page read it as a suggestion ...
    match_dismiss(match=match, actor=broker)  # ... then someone dismissed it

    match_mark_viewed(match=seen, actor=broker)

    match.refresh_from_db()
    assert (match.status, match.version) == (MatchStatus.DISMISSED, 2)
    assert not MatchFeedback.objects.filter(match=match, action="viewed").exists()
