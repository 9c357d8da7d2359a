"""The request state machine as data (a core.transitions table): which action moves a request from
which statuses to which, who may take it, and whether it needs a note. Services and pages read
this table; nothing else decides what is allowed."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from django.utils import timezone

from alleyhub.core.transitions import Transition, TransitionTable

from .models import Action, EnterpriseRequest
from .models import RequestStatus as S

# Capacities in which a user relates to a request (computed in selectors.request_roles_for_user).
UNIT = "unit"  # unit_staff member of the responsible unit
TASK_FORCE = "task_force"  # role task_force, operator, superuser
ENTERPRISE = "enterprise"  # member of the submitting organisation
VIEWER = "viewer"  # member of a cooperating unit: may view, never act

# The enterprise may reopen within this many calendar days of the answer. Calendar days, not
# working days: the window is the enterprise's, and "a week" is what it is told and understands.
REOPEN_WINDOW = timedelta(days=7)


def _move(
    action: Action, sources: Collection[str], target: str, actors: Collection[str], *, note: bool = False
) -> Transition:
    return Transition(
        action=action.value,
        sources=frozenset(str(s) for s in sources),
        target=str(target),
        actors=frozenset(actors),
        note_required=note,
        label=action.label,
    )


REQUEST_MOVES = TransitionTable(
    (
        _move(Action.ACCEPT, {S.SUBMITTED}, S.ACCEPTED, {UNIT, TASK_FORCE}),
        _move(Action.START, {S.ACCEPTED, S.REOPENED}, S.IN_PROGRESS, {UNIT, TASK_FORCE}),
        _move(
            Action.ANSWER, {S.ACCEPTED, S.IN_PROGRESS, S.REOPENED}, S.ANSWERED, {UNIT, TASK_FORCE}, note=True
        ),
        _move(
            Action.RETURN, {S.SUBMITTED, S.ACCEPTED, S.IN_PROGRESS, S.REOPENED}, S.RETURNED, {UNIT}, note=True
        ),
        # The task force re-routes a returned request (or one still waiting) to a unit: back to submitted.
        _move(Action.REROUTE, {S.RETURNED, S.SUBMITTED}, S.SUBMITTED, {TASK_FORCE}),
        _move(Action.CLOSE, {S.ANSWERED}, S.CLOSED, {ENTERPRISE}),
        _move(Action.REOPEN, {S.ANSWERED, S.CLOSED}, S.REOPENED, {ENTERPRISE}, note=True),
    ),
    field="status",
)


def within_reopen_window(request: EnterpriseRequest, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return request.answered_at is not None and now <= request.answered_at + REOPEN_WINDOW


def allowed_actions(
    *, request: EnterpriseRequest, roles: set[str], now: datetime | None = None
) -> list[Transition]:
    """The moves the given roles may take on the request in its current status, in table order
    (reopen only within the window). An empty `roles` may take nothing."""
    if not roles:
        return []
    return [
        t
        for t in REQUEST_MOVES.allowed(request.status, roles)
        if t.action != Action.REOPEN or within_reopen_window(request, now)
    ]
