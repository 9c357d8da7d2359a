"""core.transitions: allowed moves as data, current-state checks, optimistic versions."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.test import RequestFactory

from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.models import ListingStatus
from alleyhub.core.transitions import (
    Transition,
    TransitionTable,
    expected_version_from,
    lock_for_update,
    table_from_targets,
    version_check,
    versioned_save,
)
from alleyhub.listings.models import TechDemand
from alleyhub.listings.tests.factories import TechDemandFactory

D, P, A = ListingStatus.DRAFT, ListingStatus.PUBLISHED, ListingStatus.ARCHIVED
TABLE = TransitionTable(
    (
        Transition("publish", frozenset({D, A}), P, actors=frozenset({"owner"})),
        Transition(
            "archive", frozenset({D, P}), A, actors=frozenset({"owner", "operator"}), note_required=True
        ),
    )
)


def test_table_offers_only_moves_open_from_the_state_to_the_role():
    assert [t.action for t in TABLE.allowed(D)] == ["publish", "archive"]
    assert [t.action for t in TABLE.allowed(P, roles={"operator"})] == ["archive"]
    assert TABLE.allowed(P, roles={"stranger"}) == []
    assert TABLE.targets(D) == [P, A]


@pytest.mark.django_db
def test_check_refuses_a_move_the_current_state_does_not_allow_with_409():
    demand = TechDemandFactory(status=P)
    with pytest.raises(ApplicationError) as exc:
        TABLE.check(demand, "publish", roles={"owner"})
    assert exc.value.status == 409
    assert exc.value.extra["code"] == "forbidden_transition"
    assert exc.value.extra["current_state"] == P


@pytest.mark.django_db
def test_check_refuses_a_role_not_in_the_table_and_a_missing_note():
    demand = TechDemandFactory(status=D)
    with pytest.raises(PermissionDenied):
        TABLE.check(demand, "publish", roles={"operator"})
    with pytest.raises(ApplicationError) as exc:
        TABLE.check(demand, "archive", roles={"owner"}, note="  ")
    assert exc.value.extra["code"] == "note_required"
    assert TABLE.check(demand, "archive", roles={"owner"}, note="duplicate").target == A


def test_unknown_action_is_a_400_not_a_key_error():
    with pytest.raises(ApplicationError) as exc:
        TABLE.get("explode")
    assert exc.value.status == 400 and exc.value.extra["code"] == "unknown_action"


def test_table_from_targets_turns_a_pipeline_into_moves():
    table = table_from_targets({"lead": ["contacted", "closed"], "contacted": ["closed"]}, field="stage")
    assert table.get("closed").sources == frozenset({"lead", "contacted"})
    assert table.targets("lead") == ["contacted", "closed"]


@pytest.mark.django_db
def test_versioned_save_bumps_the_version_and_refuses_a_stale_copy():
    demand = TechDemandFactory(title_zh="旧标题")
    first = TechDemand.objects.get(pk=demand.pk)
    second = TechDemand.objects.get(pk=demand.pk)
    first.title_zh = "甲的标题"
    versioned_save(first, update_fields=["title_zh"])
    assert first.version == 2
    second.title_zh = "乙的标题"
    with pytest.raises(ConflictError) as exc:
        versioned_save(second, update_fields=["title_zh"])
    assert exc.value.status == 409
    assert exc.value.extra["current_version"] == 2
    assert exc.value.current.title_zh == "甲的标题"
    assert TechDemand.objects.get(pk=demand.pk).title_zh == "甲的标题"


@pytest.mark.django_db
def test_version_check_and_lock_for_update():
    demand = TechDemandFactory()
    with transaction.atomic():
        locked = lock_for_update(TechDemand.objects, pk=demand.pk)
        version_check(locked, None)  # the caller did not say: allowed under the lock
        version_check(locked, 1)
        with pytest.raises(ConflictError):
            version_check(locked, 7)
        with pytest.raises(Http404):
            lock_for_update(TechDemand.objects, pk=demand.pk + 1000)


@pytest.mark.parametrize(
    ("header", "body", "expected"),
    [
        (None, None, None),
        ('"3"', None, 3),
        ('W/"4"', None, 4),
        ("5", None, 5),
        (None, 6, 6),
        ('"2"', 2, 2),
        ("*", None, None),
    ],
)
def test_expected_version_comes_from_the_body_or_if_match(header, body, expected):
    headers = {"HTTP_IF_MATCH": header} if header else {}
    assert expected_version_from(RequestFactory().patch("/", **headers), body) == expected


def test_a_malformed_or_contradicting_if_match_is_refused():
    with pytest.raises(ApplicationError) as exc:
        expected_version_from(RequestFactory().patch("/", HTTP_IF_MATCH="yesterday"), None)
    assert exc.value.extra["code"] == "bad_if_match"
    with pytest.raises(ApplicationError) as exc:
        expected_version_from(RequestFactory().patch("/", HTTP_IF_MATCH='"2"'), 3)
    assert exc.value.status == 409
