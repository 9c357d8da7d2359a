"""What people decide about a match: accept, dismiss, and the first view of a suggestion.

Each decision is a move of `transitions.MATCH_MOVES`, checked against the actor's rights on the
source, taken under the row lock with the match's optimistic `version` (core.transitions), and
stored with a `MatchFeedback` row (the evaluation log: score and rank at that moment) and an audit
entry, in one transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import User
from alleyhub.core.audit import audit_record
from alleyhub.core.transitions import lock_for_update, version_check, versioned_save

from ..models import Match, MatchFeedback, MatchStatus
from ..selectors import user_can_decide_match
from ..transitions import ACCEPT, DISMISS, FEEDBACK_ACTIONS, MATCH_MOVES, VIEW


def _check(match: Match, actor: User) -> None:
    # Only the source's organisation and operators decide (docs/permissions.md).
    if not user_can_decide_match(user=actor, kind=match.source_kind, source=match.source_object):
        raise PermissionDenied(_("只有来源所属机构的成员或运营方可以处理这条匹配。"))


def _decide(
    *, match: Match, actor: User, action: str, expected_version: int | None, reason: str = ""
) -> Match:
    _check(match, actor)
    move = MATCH_MOVES.get(action)
    with transaction.atomic():
        match = lock_for_update(Match.objects.all(), pk=match.pk)
        version_check(match, expected_version)
        if match.status == move.target:
            return match  # decided so already: deciding again changes nothing
        MATCH_MOVES.check(match, action)
        previous = match.status
        match.status = move.target
        match.decided_by = actor
        match.decided_at = timezone.now()
        match.full_clean()
        versioned_save(match, update_fields=["status", "decided_by", "decided_at"])
        MatchFeedback.objects.create(
            match=match,
            action=FEEDBACK_ACTIONS[action],
            actor=actor,
            score=match.score,
            rank=match.rank,
            reason=reason[:300],
        )
        audit_record(
            actor=actor,
            target=match,
            code=f"matching.match.{FEEDBACK_ACTIONS[action]}",
            data={"from": previous, "to": match.status},
        )
    return match


def match_accept(
    *, match: Match, actor: User, reason: str = "", expected_version: int | None = None
) -> Match:
    """Accept a match (also after a dismissal: people change their minds); accepting an accepted
    match changes nothing. `expected_version`: the version the actor saw (None: not checked).
    Raises PermissionDenied, ConflictError (409) if the match changed since that version."""
    return _decide(match=match, actor=actor, action=ACCEPT, expected_version=expected_version, reason=reason)


def match_dismiss(
    *, match: Match, actor: User, reason: str = "", expected_version: int | None = None
) -> Match:
    """Dismiss a match; dismissing a dismissed match changes nothing. Raises PermissionDenied,
    ConflictError (409) if the match changed since `expected_version`."""
    return _decide(match=match, actor=actor, action=DISMISS, expected_version=expected_version, reason=reason)


def match_mark_viewed(*, match: Match, actor: User) -> Match:
    """The first time someone who may act on it sees a suggestion, it becomes 'viewed' (a new
    version). A match that is no longer a suggestion is left as it is. Raises PermissionDenied."""
    _check(match, actor)
    if match.status != MatchStatus.SUGGESTED:
        return match
    with transaction.atomic():
        current = lock_for_update(Match.objects.all(), pk=match.pk)
        # Someone decided meanwhile: seeing the match is not a decision, and not a conflict.
        if current.status in MATCH_MOVES.get(VIEW).sources:
            MATCH_MOVES.check(current, VIEW)
            current.status = MatchStatus.VIEWED
            current.viewed_at = timezone.now()
            versioned_save(current, update_fields=["status", "viewed_at"])
            MatchFeedback.objects.create(
                match=current,
                action=FEEDBACK_ACTIONS[VIEW],
                actor=actor,
                score=current.score,
                rank=current.rank,
            )
            audit_record(actor=actor, target=current, code="matching.match.viewed")
    match.status, match.viewed_at, match.version = current.status, current.viewed_at, current.version
    return match
