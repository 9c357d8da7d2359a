"""Background work of the matching app. Tasks take ids and call one service.

This module imports the services it runs; services never import it (what enqueues these tasks
after a commit is `alleyhub.matching.scheduling`)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

from alleyhub.notifications.scheduling import waiting_args

from .documents import parse_doc_id
from .models import IndexedDocument
from .pairing import PAIRINGS
from .services.embedding import (
    MAX_EMBED_ATTEMPTS,
    documents_needing_embedding,
    embed_documents_now,
    embed_retry_delay,
)
from .services.index_sync import index_sweep_expired
from .services.matches import matches_refresh_all, matches_refresh_around

logger = logging.getLogger(__name__)


BULK_CHUNK = 64


@task()
def embed_documents(doc_ids: list[str] | None = None) -> dict:
    """Embed the given index rows, then refresh the matches around them. Rows that failed are
    retried later with a growing delay while they have attempts left (when the task backend can
    defer; otherwise the next rebuild retries them).

    With no ids (after a bulk load) it embeds a chunk of the rows that need it and queues itself
    again, so other tasks run in between and a worker can stop quickly; after the last chunk it
    queues the refresh of every source's matches."""
    if doc_ids is None:
        result = embed_documents_now(limit=BULK_CHUNK)
        more = documents_needing_embedding().exists()
        if more and (result.embedded or result.failed):
            embed_documents.enqueue(doc_ids=None)
        else:
            refresh_all_matches.enqueue(after_pk=0)
        return {"embedded": result.embedded, "failed": result.failed, "more": more}
    result = embed_documents_now(doc_ids=doc_ids)
    if result.failed_ids and getattr(default_task_backend, "supports_defer", False):
        retry = list(
            IndexedDocument.objects.filter(
                doc_id__in=result.failed_ids, attempts__lt=MAX_EMBED_ATTEMPTS
            ).values_list("doc_id", "attempts")
        )
        for doc_id, attempts in retry:
            embed_documents.using(run_after=timezone.now() + embed_retry_delay(attempts)).enqueue(
                doc_ids=[doc_id]
            )
    for doc_id in doc_ids:
        kind, object_id = parse_doc_id(doc_id)
        try:
            matches_refresh_around(kind=kind, object_id=object_id)
        except Exception:
            logger.exception("Refreshing the matches around %s failed", doc_id)
    return {"embedded": result.embedded, "failed": result.failed}


@task()
def refresh_matches(kind: str, object_id: int) -> int:
    """Recompute the stored matches a change to one object affects (its own, and those of the
    sources it ranks for)."""
    return matches_refresh_around(kind=kind, object_id=object_id)


@task()
def refresh_all_matches(after_pk: int = 0) -> int:
    """Recompute the stored matches of every indexed source (after a bulk load), a chunk at a
    time: each run queues the next."""
    rows = IndexedDocument.objects.filter(is_active=True, kind__in=list(PAIRINGS), pk__gt=after_pk)
    last = rows.order_by("pk").values_list("pk", flat=True)[BULK_CHUNK - 1 : BULK_CHUNK].first()
    stored = matches_refresh_all(after_pk=after_pk, limit=BULK_CHUNK)
    if last is not None and rows.filter(pk__gt=last).exists():
        refresh_all_matches.enqueue(after_pk=last)
    return stored


@task()
def embed_pending() -> int:
    """Queue the embedding of rows still without a current vector, a chunk at a time: the rows a
    worker was embedding when it died (its task stays 'running' and never resumes). Skipped while an
    embedding task is waiting anyway; a row embedded meanwhile is skipped by the task itself, so a
    row is never embedded twice. Returns how many rows it queued."""
    if waiting_args(embed_documents):
        return 0
    doc_ids = list(documents_needing_embedding().values_list("doc_id", flat=True)[:BULK_CHUNK])
    if doc_ids:
        embed_documents.enqueue(doc_ids=doc_ids)
    return len(doc_ids)


@task()
def sweep_expired() -> int:
    """Take listings that expired since the last run out of the index, then refresh the matches
    around each (they are no longer anyone's match). Returns how many it removed."""
    removed = index_sweep_expired()
    for doc_id in removed:
        kind, object_id = parse_doc_id(doc_id)
        try:
            matches_refresh_around(kind=kind, object_id=object_id)
        except Exception:
            logger.exception("Refreshing the matches around %s failed", doc_id)
    return len(removed)


# Run by `manage.py scheduler` (notifications app): (name, task, interval in minutes).
PERIODIC_TASKS = [
    ("matching_embed_pending", embed_pending, 10),
    ("matching_sweep_expired", sweep_expired, 60),
]
# Safe to run twice with the same arguments (they recompute from the index): a run a killed worker
# left behind is enqueued again (notifications/scheduling.py sweep_stale_running).
RERUN_AFTER_CRASH = [embed_documents, refresh_matches, refresh_all_matches]
