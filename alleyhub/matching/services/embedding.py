"""Embedding index rows: which rows need a vector, computing vectors in batches and storing them.

Called by the embedding task (`tasks.embed_documents`) and the rebuild command; the vectors reach
every process through the `IndexState` version."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import numpy as np
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..engine import passage_text
from ..index import get_embedder, model_version, process_cache, row_document
from ..models import EMBEDDING_DIM, IndexedDocument
from .index_sync import index_bump_version

logger = logging.getLogger(__name__)

MAX_EMBED_ATTEMPTS = 3
# What is embedded of a document: its title and the start of its text. The model reads 512
# tokens at most and its cost grows with length; the first sentences carry the meaning.
EMBED_CHARS = 600
EMBED_BATCH_SIZE = 32


@dataclass
class EmbedResult:
    embedded: int = 0
    failed: int = 0
    skipped: int = 0
    failed_ids: list[str] = field(default_factory=list)


def documents_needing_embedding(
    *, doc_ids: Iterable[str] | None = None, include_exhausted: bool = False
) -> models.QuerySet[IndexedDocument]:
    """Rows whose vector is missing, stale or from another model (the embedding work queue)."""
    mv = model_version()
    qs = IndexedDocument.objects.filter(is_active=True).filter(
        ~models.Q(vector_hash=F("text_hash")) | ~models.Q(model_version=mv) | models.Q(vector__isnull=True)
    )
    if doc_ids is not None:
        qs = qs.filter(doc_id__in=list(doc_ids))
    if not include_exhausted:
        qs = qs.filter(attempts__lt=MAX_EMBED_ATTEMPTS)
    return qs.order_by("pk")


def embed_retry_delay(attempts: int) -> timedelta:
    """How long a failed row waits before its next attempt: 2, 4, 8 … minutes."""
    return timedelta(minutes=2 ** max(attempts, 1))


def _valid(matrix: Any, n: int) -> bool:
    return (
        isinstance(matrix, np.ndarray)
        and matrix.shape == (n, EMBEDDING_DIM)
        and bool(np.isfinite(matrix).all())
    )


def _store_vectors(pairs: list[tuple[IndexedDocument, np.ndarray]], mv: str) -> int:
    """Write vectors for rows whose text has not changed meanwhile; one version bump per batch."""
    if not pairs:
        return 0
    now = timezone.now()
    stored = 0
    with transaction.atomic():
        seq = index_bump_version()
        for row, vec in pairs:
            stored += IndexedDocument.objects.filter(
                pk=row.pk, text_hash=row.text_hash, is_active=True
            ).update(
                vector=np.asarray(vec, dtype=np.float32).tobytes(),
                vector_hash=row.text_hash,
                model_version=mv,
                embedded_at=now,
                attempts=0,
                error="",
                seq=seq,
                updated_at=now,
            )
    return stored


def _record_failure(row: IndexedDocument, exc: BaseException) -> None:
    logger.error("Embedding %s failed: %s", row.doc_id, exc, exc_info=exc)
    IndexedDocument.objects.filter(pk=row.pk).update(
        attempts=F("attempts") + 1, error=f"{type(exc).__name__}: {exc}"[:2000], updated_at=timezone.now()
    )


def embed_documents_now(
    *,
    doc_ids: Iterable[str] | None = None,
    batch_size: int = EMBED_BATCH_SIZE,
    include_exhausted: bool = False,
    progress: Callable[[int], object] | None = None,
    limit: int | None = None,
) -> EmbedResult:
    """Embed the given rows (or all that need it) in batches and store the vectors.

    A batch that fails is retried one row at a time, so a single bad listing only fails itself:
    its error and attempt count are recorded and the other rows are stored."""
    result = EmbedResult()
    embedder = get_embedder()
    if embedder is None:
        return result
    mv = model_version()
    pending = documents_needing_embedding(doc_ids=doc_ids, include_exhausted=include_exhausted)
    all_pks = pending.values_list("pk", flat=True)
    pks = list(all_pks[:limit] if limit else all_pks)
    for start in range(0, len(pks), batch_size):
        rows = list(IndexedDocument.objects.filter(pk__in=pks[start : start + batch_size]).order_by("pk"))
        texts = [passage_text(row_document(r))[:EMBED_CHARS] for r in rows]
        pairs: list[tuple[IndexedDocument, np.ndarray]] = []
        try:
            matrix = embedder.passages(texts)
            if not _valid(matrix, len(rows)):
                raise ValueError("bad embedding batch")
            pairs = list(zip(rows, matrix, strict=True))
        except Exception:
            for row, text in zip(rows, texts, strict=True):
                try:
                    one = embedder.passages([text])
                    if not _valid(one, 1):
                        raise ValueError(_("向量无效"))
                    pairs.append((row, one[0]))
                except Exception as exc:  # noqa: BLE001 - recorded on the row, the rest go on
                    _record_failure(row, exc)
                    result.failed += 1
                    result.failed_ids.append(row.doc_id)
        result.embedded += _store_vectors(pairs, mv)
        if progress:
            progress(len(rows))
    process_cache().mark_stale()
    return result
