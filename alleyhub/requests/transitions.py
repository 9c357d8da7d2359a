"""The request state machine as data: which action moves a request from which statuses to which,
who may take it, and whether it needs a note. Services and pages read this table; nothing else
decides what is allowed."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

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


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    note_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    Action.ACCEPT: Transition(frozenset({S.SUBMITTED}), S.ACCEPTED, frozenset({UNIT, TASK_FORCE})),
    Action.START: Transition(
        frozenset({S.ACCEPTED, S.REOPENED}), S.IN_PROGRESS, frozenset({UNIT, TASK_FORCE})
    ),
    Action.ANSWER: Transition(
        frozenset({S.ACCEPTED, S.IN_PROGRESS, S.REOPENED}),
        S.ANSWERED,
        frozenset({UNIT, TASK_FORCE}),
        note_required=True,
    ),
    Action.RETURN: Transition(
        frozenset({S.SUBMITTED, S.ACCEPTED, S.IN_PROGRESS, S.REOPENED}),
        S.RETURNED,
        frozenset({UNIT}),
        note_required=True,
    ),
    # The task force re-routes a returned request (or one still waiting) to a unit: back to submitted.
    Action.REROUTE: Transition(frozenset({S.RETURNED, S.SUBMITTED}), S.SUBMITTED, frozenset({TASK_FORCE})),
    Action.CLOSE: Transition(frozenset({S.ANSWERED}), S.CLOSED, frozenset({ENTERPRISE})),
    Action.REOPEN: Transition(
        frozenset({S.ANSWERED, S.CLOSED}), S.REOPENED, frozenset({ENTERPRISE}), note_required=True
    ),
}


def within_reopen_window(request: EnterpriseRequest, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return request.answered_at is not None and now <= request.answered_at + REOPEN_WINDOW


def allowed_actions(*, request: EnterpriseRequest, roles: set[str], now: datetime | None = None) -> list[str]:
    """Actions the given roles may take on the request in its current status, in table order."""
    result = []
    for action, t in TRANSITIONS.items():
        if request.status in t.sources and roles & t.actors:
            if action == Action.REOPEN and not within_reopen_window(request, now):
                continue
            result.append(str(action))
    return result
