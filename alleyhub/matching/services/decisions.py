"""What people decide about a match: accept, dismiss, and the first view of a suggestion.

Each decision is checked against the actor's rights on the source, stored with a `MatchFeedback`
row (the evaluation log: score and rank at that moment) and an audit entry, in one transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import User
from alleyhub.core.audit import audit_record

from ..models import Match, MatchFeedback, MatchStatus
from ..selectors import user_can_act_for_source


def _check(match: Match, actor: User) -> None:
    if not user_can_act_for_source(user=actor, kind=match.source_kind, source=match.source_object):
        raise PermissionDenied(_("您无权处理这条匹配。"))


def _decide(*, match: Match, actor: User, status: str, action: str, reason: str = "") -> Match:
    _check(match, actor)
    with transaction.atomic():
        match = Match.objects.select_for_update().get(pk=match.pk)
        previous = match.status
        match.status = status
        match.decided_by = actor
        match.decided_at = timezone.now()
        match.full_clean()
        match.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        MatchFeedback.objects.create(
            match=match, action=action, actor=actor, score=match.score, rank=match.rank, reason=reason[:300]
        )
        audit_record(
            actor=actor, target=match, code=f"matching.match.{action}", data={"from": previous, "to": status}
        )
    return match


def match_accept(*, match: Match, actor: User, reason: str = "") -> Match:
    """Accept a match (also after a dismissal: people change their minds). Raises PermissionDenied."""
    if match.status == MatchStatus.ACCEPTED:
        return match
    return _decide(match=match, actor=actor, status=MatchStatus.ACCEPTED, action="accepted", reason=reason)


def match_dismiss(*, match: Match, actor: User, reason: str = "") -> Match:
    """Dismiss a match. Raises PermissionDenied."""
    if match.status == MatchStatus.DISMISSED:
        return match
    return _decide(match=match, actor=actor, status=MatchStatus.DISMISSED, action="dismissed", reason=reason)


def match_mark_viewed(*, match: Match, actor: User) -> Match:
    """The first time someone who may act on it sees a suggestion, it becomes 'viewed'.
    Raises PermissionDenied."""
    _check(match, actor)
    if match.status != MatchStatus.SUGGESTED:
        return match
    with transaction.atomic():
        now = timezone.now()
        updated = Match.objects.filter(pk=match.pk, status=MatchStatus.SUGGESTED).update(
            status=MatchStatus.VIEWED, viewed_at=now, updated_at=now
        )
        if updated:
            MatchFeedback.objects.create(
                match=match,
                action=MatchFeedback.Action.VIEWED,
                actor=actor,
                score=match.score,
                rank=match.rank,
            )
            audit_record(actor=actor, target=match, code="matching.match.viewed")
            match.status, match.viewed_at = MatchStatus.VIEWED, now
    return match
