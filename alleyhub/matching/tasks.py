"""Background work of the matching app. Tasks take ids and call one service."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

from . import services
from .documents import parse_doc_id

logger = logging.getLogger(__name__)


@task()
def embed_documents(doc_ids: list[str] | None = None) -> dict:
    """Embed the given index rows (or every row that needs it), then refresh the matches of the
    sources among them. Rows that failed are retried later with a growing delay while they have
    attempts left (when the task backend can defer; otherwise the next rebuild retries them)."""
    result = services.embed_documents_now(doc_ids=doc_ids)
    if result.failed_ids and getattr(default_task_backend, "supports_defer", False):
        from .models import IndexedDocument

        retry = list(
            IndexedDocument.objects.filter(
                doc_id__in=result.failed_ids, attempts__lt=services.MAX_EMBED_ATTEMPTS
            ).values_list("doc_id", "attempts")
        )
        for doc_id, attempts in retry:
            embed_documents.using(run_after=timezone.now() + services.embed_retry_delay(attempts)).enqueue(
                doc_ids=[doc_id]
            )
    if doc_ids is None:
        # A bulk load (the demo, a rebuild): every source's matches are computed once, after.
        refresh_all_matches.enqueue()
    for doc_id in doc_ids or []:
        kind, object_id = parse_doc_id(doc_id)
        if kind in services.PAIRINGS:
            try:
                services.matches_refresh_object(kind=kind, object_id=object_id)
            except Exception:
                logger.exception("Refreshing the matches of %s failed", doc_id)
    return {"embedded": result.embedded, "failed": result.failed}


@task()
def refresh_matches(kind: str, object_id: int) -> int:
    """Recompute and store the top matches of one source."""
    return services.matches_refresh_object(kind=kind, object_id=object_id)


@task()
def refresh_all_matches() -> int:
    """Recompute the stored matches of every indexed source (after a bulk load)."""
    return services.matches_refresh_all()
