"""Two people deciding about the same match at the same moment: no lost decision, the second is
told. Proved on PostgreSQL with two real connections (threads); SQLite serialises all writers, so
the race cannot happen there."""

import threading
import time

import pytest
from django.db import transaction

from alleyhub.core.exceptions import ConflictError
from alleyhub.core.tests.concurrency import in_thread, race_test
from alleyhub.matching.models import Match, MatchFeedback, MatchStatus
from alleyhub.matching.services.decisions import match_accept, match_dismiss
from alleyhub.matching.tests.factories import (
    MembershipFactory,
    OperatorFactory,
    OrganizationFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = race_test


@pytest.fixture
def shared_match(settings):
    settings.MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}
    enterprise = OrganizationFactory(name_zh="声悦科技")
    demand = TechDemandFactory(
        owner=enterprise, title_zh="低噪声MEMS麦克风", description_zh="需要MEMS麦克风。"
    )
    outcome = TechOutcomeFactory(title_zh="低噪声MEMS麦克风芯片", summary_zh="MEMS麦克风芯片。")
    # Saving the listings matched them already (autocommit: the after-commit sync ran at once).
    match, _created = Match.objects.get_or_create(
        source_kind="demand", source_id=demand.pk, target_kind="outcome", target_id=outcome.pk
    )
    assert (match.status, match.version) == (MatchStatus.SUGGESTED, 1)
    return match, MembershipFactory(organization=enterprise).user, OperatorFactory()


def test_the_second_of_two_overlapping_decisions_waits_then_gets_a_conflict(shared_match):
    match, member, operator = shared_match
    first_done = threading.Event()
    results: dict = {}

    def first():
        with transaction.atomic():
            accepted = match_accept(match=match, actor=member, expected_version=1)
            first_done.set()
            time.sleep(0.6)  # still holding the row while the operator decides
        return accepted

    def second():
        first_done.wait(5)
        started = time.monotonic()
        try:
            return match_dismiss(match=match, actor=operator, expected_version=1)
        finally:
            results["second_waited"] = time.monotonic() - started

    threads = [in_thread(first, results, "first"), in_thread(second, results, "second")]
    for t in threads:
        t.join(10)

    assert results["first"].status == MatchStatus.ACCEPTED
    assert isinstance(results["second"], ConflictError), results["second"]
    assert results["second"].status == 409
    assert results["second_waited"] >= 0.4  # it waited for the row lock, then saw version 2
    match.refresh_from_db()
    assert (match.status, match.version, match.decided_by) == (MatchStatus.ACCEPTED, 2, member)
    assert list(MatchFeedback.objects.filter(match=match).values_list("action", flat=True)) == ["accepted"]


def test_of_many_simultaneous_decisions_on_one_version_exactly_one_wins(shared_match):
    match, member, operator = shared_match
    deciders = [
        (match_accept, member),
        (match_dismiss, operator),
        (match_dismiss, member),
        (match_accept, operator),
    ]
    barrier = threading.Barrier(len(deciders))
    results: dict = {}

    def decider(service, actor):
        def run():
            barrier.wait(5)
            return service(match=match, actor=actor, expected_version=1)

        return run

    threads = [in_thread(decider(s, a), results, i) for i, (s, a) in enumerate(deciders)]
    for t in threads:
        t.join(10)

    outcomes = list(results.values())
    winners = [r for r in outcomes if isinstance(r, Match)]
    assert len(winners) == 1
    assert sum(isinstance(r, ConflictError) for r in outcomes) == len(deciders) - 1
    match.refresh_from_db()
    assert (match.status, match.version) == (winners[0].status, 2)
    assert MatchFeedback.objects.filter(match=match).count() == 1


def test_without_versions_two_deciders_are_serialised_and_both_are_recorded(shared_match):
    match, member, operator = shared_match
    barrier = threading.Barrier(2)
    results: dict = {}

    def decide(service, actor):
        def run():
            barrier.wait(5)
            return service(match=match, actor=actor)

        return run

    threads = [
        in_thread(decide(match_accept, member), results, "accept"),
        in_thread(decide(match_dismiss, operator), results, "dismiss"),
    ]
    for t in threads:
        t.join(10)

    assert all(isinstance(r, Match) for r in results.values()), results
    match.refresh_from_db()
    assert match.version == 3  # both moves happened, one after the other, none overwritten
    actions = list(
        MatchFeedback.objects.filter(match=match).order_by("at", "pk").values_list("action", flat=True)
    )
    assert sorted(actions) == ["accepted", "dismissed"]
    assert match.status == {"accepted": MatchStatus.ACCEPTED, "dismissed": MatchStatus.DISMISSED}[actions[-1]]
