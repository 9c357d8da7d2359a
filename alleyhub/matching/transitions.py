"""The allowed moves of a match, as data (see core.transitions)."""

from __future__ import annotations

from alleyhub.core.transitions import Transition, TransitionTable

from .models import MatchFeedback, MatchStatus

VIEW, ACCEPT, DISMISS = "view", "accept", "dismiss"

MATCH_MOVES = TransitionTable(
    (
        # The first time someone who may act on it sees a suggestion.
        Transition(
            VIEW,
            frozenset({MatchStatus.SUGGESTED}),
            MatchStatus.VIEWED,
            label=MatchFeedback.Action.VIEWED.label,
        ),
        # People change their minds: a dismissed match can still be accepted, and the other way round.
        Transition(
            ACCEPT,
            frozenset({MatchStatus.SUGGESTED, MatchStatus.VIEWED, MatchStatus.DISMISSED}),
            MatchStatus.ACCEPTED,
            label=MatchFeedback.Action.ACCEPTED.label,
        ),
        Transition(
            DISMISS,
            frozenset({MatchStatus.SUGGESTED, MatchStatus.VIEWED, MatchStatus.ACCEPTED}),
            MatchStatus.DISMISSED,
            label=MatchFeedback.Action.DISMISSED.label,
        ),
    )
)

# What each move leaves in the evaluation log.
FEEDBACK_ACTIONS: dict[str, str] = {
    VIEW: MatchFeedback.Action.VIEWED,
    ACCEPT: MatchFeedback.Action.ACCEPTED,
    DISMISS: MatchFeedback.Action.DISMISSED,
}
