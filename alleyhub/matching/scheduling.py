"""What runs after a commit when something the index knows about changes.

The one module that both writes (through the index-sync service) and enqueues tasks, so that the
import graph stays one-way::

    signals ─→ scheduling ─→ tasks ─→ services.{embedding, matches}
                    └──────→ services.index_sync

Tasks take ids and call one service; services never import tasks. Index rows are written right
after the listing's transaction commits (`index_schedule_sync`), so lexical search sees a change as
soon as the request that made it returns; the embedding and the match refreshes run as tasks."""

from __future__ import annotations

import logging
import threading

from django.db import transaction

from .documents import doc_id_for
from .index import get_embedder, process_cache
from .services.index_sync import index_sync_object
from .tasks import embed_documents, refresh_matches

logger = logging.getLogger(__name__)

_pending = threading.local()


def index_schedule_sync(*, kind: str, object_id: int) -> None:
    """Sync an object's index row once the current transaction commits (at once in autocommit).
    Several changes to one object in a transaction are synced once."""
    items = getattr(_pending, "items", None)
    if items is None:
        items = _pending.items = set()
    items.add((str(kind), int(object_id)))
    transaction.on_commit(index_flush_pending)


def index_flush_pending() -> None:
    """Sync every object scheduled so far, then queue embedding and match refreshes. A failure on
    one object is logged and does not stop the others or the request that triggered it."""
    items = getattr(_pending, "items", None)
    if not items:
        return
    _pending.items = set()
    to_embed: list[str] = []
    to_refresh: list[tuple[str, int]] = []
    for kind, object_id in sorted(items):
        try:
            row, changed = index_sync_object(kind=kind, object_id=object_id)
        except Exception:
            logger.exception("Indexing %s:%s failed", kind, object_id)
            continue
        if row is None or not changed:
            continue
        if row.is_active and row.needs_embedding and get_embedder() is not None:
            to_embed.append(row.doc_id)
        to_refresh.append((kind, object_id))
    process_cache().mark_stale()
    try:
        if to_embed:
            # The embedding task refreshes the matches around what it embedded.
            embed_documents.enqueue(doc_ids=to_embed)
        for kind, object_id in to_refresh:
            if doc_id_for(kind, object_id) not in to_embed:
                refresh_matches.enqueue(kind=kind, object_id=object_id)
    except Exception:
        logger.exception("Could not queue matching tasks for %s", sorted(items))


def matches_schedule_refresh(*, kind: str, object_id: int) -> None:
    """Refresh the matches of a source (and around it) in a task once the transaction commits."""
    transaction.on_commit(lambda: refresh_matches.enqueue(kind=kind, object_id=object_id))
