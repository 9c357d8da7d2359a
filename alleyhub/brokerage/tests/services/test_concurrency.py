"""Two brokers moving or editing the same case at the same moment: no lost update, the second is
told (core.transitions: the row lock, then the version check). Proved on PostgreSQL with real
connections (threads); SQLite serialises all writers, so the race cannot happen there."""

import threading
import time

import pytest
from django.db import transaction

from alleyhub.brokerage.models import Case, CaseStageChange
from alleyhub.brokerage.services import case_move, case_update
from alleyhub.brokerage.tests.factories import BrokerFactory, CaseFactory
from alleyhub.brokerage.transitions import Stage
from alleyhub.core.exceptions import ConflictError
from alleyhub.core.tests.concurrency import in_thread, race_test

pytestmark = race_test


@pytest.fixture
def shared_case(settings):
    settings.MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}
    case = CaseFactory(stage=Stage.LEAD)
    second = BrokerFactory(display_name="第二位经纪人")
    case.co_brokers.add(second)
    return case, case.broker, second


def test_the_second_of_two_overlapping_moves_waits_then_gets_a_conflict(shared_case):
    case, first_broker, second_broker = shared_case
    first_done = threading.Event()
    results: dict = {}

    def first():
        with transaction.atomic():
            moved = case_move(case=case, to_stage=Stage.CONTACTED, expected_version=1, actor=first_broker)
            first_done.set()
            time.sleep(0.6)  # still holding the row while the second broker writes
        return moved

    def second():
        first_done.wait(5)
        started = time.monotonic()
        try:
            return case_move(
                case=case,
                to_stage=Stage.CLOSED,
                expected_version=1,
                actor=second_broker,
                close_reason="price",
            )
        finally:
            results["second_waited"] = time.monotonic() - started

    threads = [in_thread(first, results, "first"), in_thread(second, results, "second")]
    for t in threads:
        t.join(10)

    assert results["first"].stage == Stage.CONTACTED
    assert isinstance(results["second"], ConflictError), results["second"]
    assert results["second"].status == 409
    # It waited on the row lock until the first committed, then found version 2 instead of 1.
    assert results["second_waited"] >= 0.4
    case.refresh_from_db()
    assert (case.stage, case.version) == (Stage.CONTACTED, 2)
    assert list(CaseStageChange.objects.filter(case=case).values_list("to_stage", flat=True)) == [
        "lead",
        "contacted",
    ]


def test_of_many_simultaneous_moves_exactly_one_wins(shared_case):
    case, first_broker, second_broker = shared_case
    brokers = [first_broker, second_broker, first_broker, second_broker]
    barrier = threading.Barrier(len(brokers))
    results: dict = {}

    def mover(actor):
        def run():
            barrier.wait(5)
            return case_move(case=case, to_stage=Stage.CONTACTED, expected_version=1, actor=actor)

        return run

    threads = [in_thread(mover(b), results, i) for i, b in enumerate(brokers)]
    for t in threads:
        t.join(10)

    outcomes = list(results.values())
    assert sum(isinstance(r, Case) for r in outcomes) == 1
    assert sum(isinstance(r, ConflictError) for r in outcomes) == len(brokers) - 1
    case.refresh_from_db()
    assert case.version == 2
    assert CaseStageChange.objects.filter(case=case, to_stage=Stage.CONTACTED).count() == 1


def _run_together(functions):
    """Start every function at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(functions))
    results: dict = {}

    def at_once(fn):
        def run():
            barrier.wait(5)
            return fn()

        return run

    threads = [in_thread(at_once(fn), results, i) for i, fn in enumerate(functions)]
    for t in threads:
        t.join(10)
    return [results[i] for i in range(len(functions))]


def test_two_edits_of_the_same_version_one_wins_and_the_other_is_told(shared_case):
    case, first_broker, second_broker = shared_case
    outcomes = _run_together(
        [
            lambda: case_update(case=case, expected_version=1, actor=first_broker, title="甲的名称"),
            lambda: case_update(case=case, expected_version=1, actor=second_broker, title="乙的名称"),
        ]
    )

    (saved,) = [r for r in outcomes if isinstance(r, Case)]
    (conflict,) = [r for r in outcomes if isinstance(r, ConflictError)]
    assert conflict.status == 409 and conflict.extra["current_version"] == 2
    case.refresh_from_db()
    assert (case.title, case.version) == (saved.title, 2)


def test_a_move_and_an_edit_of_the_same_version_do_not_both_go_through(shared_case):
    case, first_broker, second_broker = shared_case
    outcomes = _run_together(
        [
            lambda: case_move(case=case, to_stage=Stage.CONTACTED, expected_version=1, actor=first_broker),
            lambda: case_update(case=case, expected_version=1, actor=second_broker, title="乙的名称"),
        ]
    )

    assert sum(isinstance(r, Case) for r in outcomes) == 1
    assert sum(isinstance(r, ConflictError) for r in outcomes) == 1
    case.refresh_from_db()
    assert case.version == 2
    moved = isinstance(outcomes[0], Case)
    assert (case.stage == Stage.CONTACTED) is moved and (case.title == "乙的名称") is not moved


def test_writers_that_send_no_version_wait_for_each_other_and_lose_nothing(shared_case):
    case, first_broker, second_broker = shared_case
    helper = BrokerFactory(display_name="协作者")
    outcomes = _run_together(
        [
            lambda: case_update(case=case, expected_version=None, actor=first_broker, title="新名称"),
            lambda: case_update(
                case=case, expected_version=None, actor=second_broker, co_brokers=[second_broker, helper]
            ),
            lambda: case_move(case=case, to_stage=Stage.CONTACTED, expected_version=None, actor=first_broker),
        ]
    )

    assert all(isinstance(r, Case) for r in outcomes), outcomes
    case.refresh_from_db()
    assert (case.title, case.stage, case.version) == ("新名称", Stage.CONTACTED, 4)
    assert set(case.co_brokers.all()) == {second_broker, helper}
