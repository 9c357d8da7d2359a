"""The state machine: every action from every status, who may take it, and what it records."""

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.requests.models import Action
from alleyhub.requests.models import RequestStatus as S
from alleyhub.requests.services import request_act
from alleyhub.requests.transitions import REQUEST_MOVES

from ..conftest import at
from ..factories import submit

T0 = at(2026, 11, 2, 9, 0)  # a Monday


def advance(world, req, *actions):
    actors = {
        Action.ACCEPT: world.unit_staff,
        Action.START: world.unit_staff,
        Action.ANSWER: world.unit_staff,
        Action.RETURN: world.unit_staff,
        Action.REROUTE: world.lead,
        Action.CLOSE: world.ent_user,
        Action.REOPEN: world.ent_user,
    }
    for i, action in enumerate(actions):
        req = request_act(
            request_id=req.pk,
            action=action,
            actor=actors[action],
            note="说明",
            score=5,
            responsible_unit=world.unit,
            now=T0.replace(hour=10 + i),
        )
    return req


PATHS = {
    S.SUBMITTED: (),
    S.ACCEPTED: (Action.ACCEPT,),
    S.IN_PROGRESS: (Action.ACCEPT, Action.START),
    S.ANSWERED: (Action.ACCEPT, Action.START, Action.ANSWER),
    S.CLOSED: (Action.ACCEPT, Action.ANSWER, Action.CLOSE),
    S.RETURNED: (Action.RETURN,),
    S.REOPENED: (Action.ACCEPT, Action.ANSWER, Action.REOPEN),
}


@pytest.mark.parametrize("status", list(PATHS))
@pytest.mark.parametrize("action", [t.action for t in REQUEST_MOVES])
def test_every_action_from_every_status_follows_the_table(world, status, action):
    req = advance(world, submit(org=world.ent, user=world.ent_user, now=T0), *PATHS[status])
    assert req.status == status
    t = REQUEST_MOVES.get(action)
    # The task force may act on everything the units may; the enterprise closes and reopens.
    actor = (
        world.ent_user
        if action in (Action.CLOSE, Action.REOPEN)
        else (world.unit_staff if action == Action.RETURN else world.lead)
    )
    kwargs = dict(
        request_id=req.pk,
        action=action,
        actor=actor,
        note="说明",
        score=4,
        responsible_unit=world.other_unit,
        now=T0.replace(hour=20),
    )
    if status in t.sources:
        after = request_act(**kwargs)
        assert after.status == t.target
        assert after.version == req.version + 1
        assert after.events.last().action == action
    else:
        with pytest.raises(ApplicationError) as exc:
            request_act(**kwargs)
        assert exc.value.status == 409
        assert exc.value.extra["code"] == "forbidden_transition"
        req.refresh_from_db()
        assert req.status == status


def test_full_walk_records_a_timeline_with_who_when_and_note(world):
    req = submit(org=world.ent, user=world.ent_user, now=T0)
    req = advance(world, req, Action.ACCEPT, Action.START, Action.ANSWER, Action.CLOSE)
    events = list(req.events.all())
    assert [e.action for e in events] == ["submit", "accept", "start", "answer", "close"]
    assert [e.to_status for e in events] == ["submitted", "accepted", "in_progress", "answered", "closed"]
    assert events[1].actor == world.unit_staff and events[1].at == T0.replace(hour=10)
    assert req.answer == "说明"
    assert req.ratings.get().score == 5
    from alleyhub.core.models import AuditEntry

    codes = set(AuditEntry.objects.filter(target_id=str(req.pk)).values_list("code", flat=True))
    assert {"requests.request.submitted", "requests.request.accept", "requests.request.close"} <= codes


def test_answer_and_return_need_a_note(world):
    req = advance(world, submit(org=world.ent, user=world.ent_user, now=T0), Action.ACCEPT)
    for action in (Action.ANSWER, Action.RETURN):
        with pytest.raises(ApplicationError) as exc:
            request_act(request_id=req.pk, action=action, actor=world.unit_staff, note="  ")
        assert exc.value.extra["code"] == "note_required"
    req.refresh_from_db()
    assert req.status == S.ACCEPTED


def test_returned_request_is_rerouted_by_the_task_force_and_its_clock_restarts(world):
    req = advance(world, submit(org=world.ent, user=world.ent_user, now=T0), Action.ACCEPT)
    req = request_act(
        request_id=req.pk,
        action=Action.RETURN,
        actor=world.unit_staff,
        note="不属于本单位",
        now=at(2026, 11, 3, 9),
    )
    assert req.status == S.RETURNED
    with pytest.raises(PermissionDenied):
        request_act(
            request_id=req.pk,
            action=Action.REROUTE,
            actor=world.unit_staff,
            responsible_unit=world.other_unit,
        )
    with pytest.raises(ApplicationError):
        request_act(request_id=req.pk, action=Action.REROUTE, actor=world.lead)  # no unit chosen
    req = request_act(
        request_id=req.pk,
        action=Action.REROUTE,
        actor=world.lead,
        responsible_unit=world.other_unit,
        now=at(2026, 11, 4, 9),
    )
    assert req.status == S.SUBMITTED
    assert req.responsible_unit == world.other_unit
    assert req.accepted_at is None and req.answer_due_at is None
    assert req.accept_due_at == at(2026, 11, 6, 0, 0)


def test_unknown_action_is_refused(world):
    req = submit(org=world.ent, user=world.ent_user, now=T0)
    with pytest.raises(ApplicationError) as exc:
        request_act(request_id=req.pk, action="delete", actor=world.lead)
    assert exc.value.extra["code"] == "unknown_action"


def test_stale_version_gets_a_conflict_and_changes_nothing(world):
    req = submit(org=world.ent, user=world.ent_user, now=T0)
    stale = req.version
    request_act(request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff, expected_version=stale)
    with pytest.raises(ConflictError) as exc:
        request_act(
            request_id=req.pk, action=Action.RETURN, actor=world.unit_staff, note="x", expected_version=stale
        )
    assert exc.value.status == 409
    assert exc.value.extra["code"] == "conflict"
    req.refresh_from_db()
    assert req.status == S.ACCEPTED and req.version == stale + 1
