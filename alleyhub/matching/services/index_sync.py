"""Keeping the shared index (`IndexedDocument` rows, `IndexState` version) in line with the objects.

Every index writer takes the `IndexState` row lock first: one lock order, no deadlocks, and
writers commit in version order. The after-commit scheduling of these writes (and of the
embedding / match tasks they lead to) lives in `alleyhub.matching.scheduling`."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from ..documents import doc_id_for, document_for, iter_all_objects, object_for
from ..index import process_cache
from ..models import IndexedDocument, IndexState, _new_generation

logger = logging.getLogger(__name__)

REBUILD_BATCH = 200


def _text_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def _state_row() -> IndexState:
    state = IndexState.objects.select_for_update().filter(pk=1).first()
    if state is None:
        try:
            with transaction.atomic():
                IndexState.objects.create(pk=1)
        except IntegrityError:
            pass  # another process created it first
        state = IndexState.objects.select_for_update().get(pk=1)
    return state


def index_bump_version() -> int:
    """The next index version; call inside a transaction. The row lock makes writers commit in
    version order, so a reader that has seen version v has seen every change up to v."""
    state = _state_row()
    IndexState.objects.filter(pk=1).update(version=F("version") + 1)
    state.refresh_from_db(fields=["version"])
    return state.version


class _Fetch:
    """`index_sync_object(obj=...)` not given: load the object."""


_FETCH = _Fetch()


def index_sync_object(
    *, kind: str, object_id: int, obj: models.Model | None | _Fetch = _FETCH
) -> tuple[IndexedDocument | None, bool]:
    """Bring one object's index row in line with the object: add, update or tombstone it.

    `obj` is the object when the caller has it already (None: it is gone). Returns the row (None
    if the object was never indexed) and whether anything changed. The embedding is not computed
    here; a changed text clears the row's error count."""
    with transaction.atomic():
        _state_row()
        instance = object_for(kind, object_id) if isinstance(obj, _Fetch) else obj
        doc = document_for(instance) if instance is not None else None
        row = IndexedDocument.objects.select_for_update().filter(kind=kind, object_id=object_id).first()
        if doc is None:
            if row is None or not row.is_active:
                return row, False
            row.is_active = False
            row.seq = index_bump_version()
            row.save(update_fields=["is_active", "seq", "updated_at"])
            return row, True
        expires_on = getattr(instance, "expires_on", None)
        text_hash = _text_hash(doc.title, doc.text)
        if (
            row is not None
            and row.is_active
            and row.title == doc.title[:500]
            and row.text == doc.text
            and row.fields == doc.fields
            and row.expires_on == expires_on
        ):
            return row, False
        if row is None:
            row = IndexedDocument(doc_id=doc_id_for(kind, object_id), kind=kind, object_id=object_id)
        if row.text_hash != text_hash:
            row.attempts, row.error = 0, ""
        row.is_active = True
        row.title, row.text, row.fields = doc.title[:500], doc.text, doc.fields
        row.expires_on = expires_on
        row.text_hash = text_hash
        row.seq = index_bump_version()
        row.save()
        return row, True


def index_sweep_expired(*, today: date | None = None) -> list[str]:
    """Tombstone the index rows of listings whose `expires_on` has passed (through
    `index_sync_object`, the one way a row changes), so that the engine and the stored matches
    forget them without waiting for a save. Search and matches already leave expired rows out
    when they read (`expires_on` is on the row); this makes the index itself catch up.
    Idempotent: a tombstoned row is not active any more. Returns the doc ids it removed."""
    today = today or timezone.localdate()
    rows = list(
        IndexedDocument.objects.filter(is_active=True, expires_on__lt=today).values_list("kind", "object_id")
    )
    removed = []
    for kind, object_id in rows:
        try:
            row, changed = index_sync_object(kind=kind, object_id=object_id)
        except Exception:
            logger.exception("Sweeping %s:%s failed", kind, object_id)
            continue
        if changed and row is not None and not row.is_active:
            removed.append(row.doc_id)
    if removed:
        process_cache().mark_stale()
    return removed


@dataclass
class RebuildResult:
    indexed: int = 0
    removed: int = 0
    failed: int = 0


def index_rebuild(*, progress: Callable[[Iterable], Iterable] | None = None) -> RebuildResult:
    """Re-derive every index row from the database (no embedding). Rows whose object is gone or
    no longer public become tombstones; a new generation makes every process reload."""
    result = RebuildResult()
    seen: set[tuple[str, int]] = set()
    objects = list(iter_all_objects())
    iterable = progress(objects) if progress else objects
    batch: list[tuple[str, models.Model]] = []

    def flush() -> None:
        # One transaction per batch; a failing object is rolled back alone (savepoint).
        with transaction.atomic():
            for kind, obj in batch:
                try:
                    row, _changed = index_sync_object(kind=kind, object_id=obj.pk, obj=obj)
                except Exception:
                    logger.exception("Indexing %s:%s failed", kind, obj.pk)
                    result.failed += 1
                    continue
                if row is not None and row.is_active:
                    result.indexed += 1
        batch.clear()

    for kind, obj in iterable:
        seen.add((kind, obj.pk))
        batch.append((kind, obj))
        if len(batch) >= REBUILD_BATCH:
            flush()
    flush()
    for row in IndexedDocument.objects.filter(is_active=True).only("kind", "object_id"):
        if (row.kind, row.object_id) not in seen:
            index_sync_object(kind=row.kind, object_id=row.object_id)
            result.removed += 1
    with transaction.atomic():
        _state_row()
        IndexState.objects.filter(pk=1).update(generation=_new_generation(), version=F("version") + 1)
    process_cache().mark_stale()
    return result
