"""What matching registers in `privacy.hooks`: the user's objects automated matching reads,
re-ranking them when the user opts out of automated matching (or back in), and erasing the user
from the index when their account is deleted."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from alleyhub.directory.models import Person
from alleyhub.privacy.hooks import AutomatedSubject
from alleyhub.privacy.models import ConsentKind

from .documents import display_title
from .index import process_cache
from .models import DocumentKind, IndexedDocument, Match
from .opt_out import user_objects
from .pairing import PAIRINGS
from .scheduling import index_schedule_sync, matches_schedule_refresh
from .selectors import object_url
from .services.index_sync import index_bump_version


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


def erase(user, names: list[str]) -> None:
    """The user's person record leaves the index (document text, vector, and the matches it is
    part of); documents whose text names the user are emptied too and rebuilt after the commit from
    their objects, whose text privacy has cleaned by then (so their vectors are computed anew).
    Emptied rows stay as tombstones under a new index version, so every process drops them."""
    person_ids = list(Person.objects.filter(user=user).values_list("pk", flat=True))
    mentioning = Q(kind=DocumentKind.EXPERT, object_id__in=person_ids)
    for name in names:
        mentioning |= Q(title__icontains=name) | Q(text__icontains=name)
    rebuild: list[tuple[str, int]] = []
    with transaction.atomic():
        for row in IndexedDocument.objects.select_for_update().filter(mentioning):
            row.is_active = False
            row.title = row.text = row.text_hash = row.vector_hash = row.model_version = ""
            row.fields, row.vector, row.embedded_at = {}, None, None
            row.seq = index_bump_version()
            row.save()
            if not (row.kind == DocumentKind.EXPERT and row.object_id in person_ids):
                rebuild.append((row.kind, row.object_id))
        Match.objects.filter(
            Q(target_kind=DocumentKind.EXPERT, target_id__in=person_ids)
            | Q(source_kind=DocumentKind.EXPERT, source_id__in=person_ids)
        ).delete()
    for kind, object_id in rebuild:
        index_schedule_sync(kind=kind, object_id=object_id)
    process_cache().mark_stale()
