"""What matching registers in `privacy.hooks`: the user's objects automated matching reads, and
re-ranking them when the user opts out of automated matching (or back in)."""

from __future__ import annotations

from django.urls import reverse

from alleyhub.privacy.hooks import AutomatedSubject
from alleyhub.privacy.models import ConsentKind

from .documents import display_title
from .models import DocumentKind
from .opt_out import user_objects
from .pairing import PAIRINGS
from .scheduling import matches_schedule_refresh
from .selectors import object_url


def automated_subjects(user_id: int) -> list[AutomatedSubject]:
    """Sources link to their matches page (each match with why it was suggested); targets only
    (a person record) to their own page."""
    subjects = []
    for kind, obj in user_objects(user_id):
        is_source = kind in PAIRINGS
        url = reverse("matching:for_object", args=[kind, obj.pk]) if is_source else object_url(kind, obj)
        subjects.append(
            AutomatedSubject(
                kind_label=DocumentKind(kind).label,
                title=display_title(kind, obj),
                url=url,
                shows_matches=is_source,
            )
        )
    return subjects


def on_consent_changed(user_id: int, kind: str) -> None:
    if kind != ConsentKind.MATCHING_OPT_OUT:
        return
    for object_kind, obj in user_objects(user_id):
        # Its own matches and those of the sources it ranks for (or used to) are recomputed.
        matches_schedule_refresh(kind=object_kind, object_id=obj.pk)
