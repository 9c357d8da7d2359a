"""The enquiry state machine as data (a core.transitions table). Capacities: `applicant` (the user
who sent it) and `provider` (a member of the organisation it was sent to)."""

from __future__ import annotations

from collections.abc import Collection

from alleyhub.core.transitions import Transition, TransitionTable

from .models import Action
from .models import EnquiryStatus as S

APPLICANT = "applicant"
PROVIDER = "provider"


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


ENQUIRY_MOVES = TransitionTable(
    (
        # The provider answers (again, if the applicant wrote back).
        _move(Action.ANSWER, {S.NEW, S.ANSWERED}, S.ANSWERED, {PROVIDER}, note=True),
        # The applicant writes back: the enquiry waits for the provider again.
        _move(Action.REPLY, {S.NEW, S.ANSWERED}, S.NEW, {APPLICANT}, note=True),
        _move(Action.CLOSE, {S.NEW, S.ANSWERED}, S.CLOSED, {PROVIDER}),
        _move(Action.WITHDRAW, {S.NEW, S.ANSWERED}, S.WITHDRAWN, {APPLICANT}),
    ),
    field="status",
)
