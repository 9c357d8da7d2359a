"""Writes of the matching app: keeping the shared index in sync, embedding, storing matches and
recording what people decide about them.

Index writes happen after the listing's transaction commits (`index_schedule_sync`), so lexical
search sees a change as soon as the request that made it returns; the embedding is computed by a
background task (`tasks.embed_documents`) and reaches every process through `IndexState`."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError

from .documents import (
    SOURCE_ONLY,
    SPECS,
    doc_id_for,
    document_for,
    kind_for_model,
    object_for,
    owner_organization_id,
    source_only_query,
)
from .engine import Query, passage_text
from .index import get_embedder, matching_setting, model_version, process_cache, row_document, row_vector
from .models import (
    EMBEDDING_DIM,
    DocumentKind,
    IndexedDocument,
    IndexState,
    Match,
    MatchFeedback,
    MatchStatus,
    _new_generation,
)

logger = logging.getLogger(__name__)

MAX_EMBED_ATTEMPTS = 3
SOURCE_EMBED_CHARS = 400
# What is embedded of a document: its title and the start of its text. The model reads 512
# tokens at most and its cost grows with length; the first sentences carry the meaning.
EMBED_CHARS = 600
EMBED_BATCH_SIZE = 32

# What each kind of source is matched against.
PAIRINGS: dict[str, tuple[str, ...]] = {
    DocumentKind.DEMAND: (DocumentKind.OUTCOME, DocumentKind.EXPERT),
    DocumentKind.OUTCOME: (DocumentKind.DEMAND, DocumentKind.ORGANIZATION),
    DocumentKind.ORGANIZATION: (DocumentKind.INVESTOR, DocumentKind.SERVICE),
    DocumentKind.REQUEST: (DocumentKind.SPACE,),
}
# Organisations take part in matching as enterprises only (a start-up's funding need, an
# outcome's possible buyers); institutes, investors etc. are found through their listings.
MATCHED_ORG_KINDS = ("enterprise",)
# The checks that mean something for a target kind; others (a budget against an expert) are left
# out of stored explanations. Kinds not listed keep every check.
RELEVANT_CHECKS: dict[str, frozenset[str]] = {
    DocumentKind.EXPERT: frozenset({"industry_overlap"}),
    DocumentKind.ORGANIZATION: frozenset({"industry_overlap", "stage_fits", "subdistrict_is"}),
    DocumentKind.INVESTOR: frozenset({"industry_overlap", "stage_fits", "ticket_fits"}),
    DocumentKind.SERVICE: frozenset({"stage_fits", "category_is", "industry_overlap"}),
}


# --- the index ------------------------------------------------------------------------------------


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


def _bump_version() -> int:
    """The next index version; call inside a transaction. The row lock makes writers commit in
    version order, so a reader that has seen version v has seen every change up to v."""
    state = _state_row()
    IndexState.objects.filter(pk=1).update(version=F("version") + 1)
    state.refresh_from_db(fields=["version"])
    return state.version


_FETCH = object()


def index_sync_object(*, kind: str, object_id: int, obj=_FETCH) -> tuple[IndexedDocument | None, bool]:
    """Bring one object's index row in line with the object: add, update or tombstone it.

    Returns the row (None if the object was never indexed) and whether anything changed.
    The embedding is not computed here; a changed text clears the row's error count."""
    with transaction.atomic():
        # Every index writer takes the IndexState row lock first: one lock order, no deadlocks.
        _state_row()
        if obj is _FETCH:
            obj = object_for(kind, object_id)
        doc = document_for(obj) if obj is not None else None
        row = IndexedDocument.objects.select_for_update().filter(kind=kind, object_id=object_id).first()
        if doc is None:
            if row is None or not row.is_active:
                return row, False
            row.is_active = False
            row.seq = _bump_version()
            row.save(update_fields=["is_active", "seq", "updated_at"])
            return row, True
        expires_on = getattr(obj, "expires_on", None)
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
        row.seq = _bump_version()
        row.save()
        return row, True


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
    from .tasks import embed_documents, refresh_matches

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


@dataclass
class RebuildResult:
    indexed: int = 0
    removed: int = 0
    failed: int = 0


def index_rebuild(*, progress: Callable[[Iterable], Iterable] | None = None) -> RebuildResult:
    """Re-derive every index row from the database (no embedding). Rows whose object is gone or
    no longer public become tombstones; a new generation makes every process reload."""
    from .documents import iter_all_objects

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
        if len(batch) >= 200:
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


@dataclass
class EmbedResult:
    embedded: int = 0
    failed: int = 0
    skipped: int = 0
    failed_ids: list[str] | None = None


def documents_needing_embedding(*, doc_ids: Iterable[str] | None = None, include_exhausted: bool = False):
    """Rows whose vector is missing, stale or from another model."""
    mv = model_version()
    qs = IndexedDocument.objects.filter(is_active=True).filter(
        ~models.Q(vector_hash=F("text_hash")) | ~models.Q(model_version=mv) | models.Q(vector__isnull=True)
    )
    if doc_ids is not None:
        qs = qs.filter(doc_id__in=list(doc_ids))
    if not include_exhausted:
        qs = qs.filter(attempts__lt=MAX_EMBED_ATTEMPTS)
    return qs.order_by("pk")


def _valid(matrix, n: int) -> bool:
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
        seq = _bump_version()
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
    progress: Callable[[int], None] | None = None,
    limit: int | None = None,
) -> EmbedResult:
    """Embed the given rows (or all that need it) in batches and store the vectors.

    A batch that fails is retried one row at a time, so a single bad listing only fails itself:
    its error and attempt count are recorded and the other rows are stored."""
    result = EmbedResult(failed_ids=[])
    embedder = get_embedder()
    if embedder is None:
        return result
    mv = model_version()
    pending = documents_needing_embedding(doc_ids=doc_ids, include_exhausted=include_exhausted)
    pks = list(
        pending.values_list("pk", flat=True)[:limit] if limit else pending.values_list("pk", flat=True)
    )
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


# --- matches --------------------------------------------------------------------------------------


def _source_kind(source: models.Model) -> str:
    kind = kind_for_model(type(source))
    if kind is None or kind not in PAIRINGS:
        raise ApplicationError(_("此类对象没有匹配。"))
    return kind


def search_mode() -> str:
    return "hybrid" if get_embedder() is not None else "lexical"


def query_for_row(row: IndexedDocument, *, kinds: tuple[str, ...]) -> Query:
    return Query(
        text=f"{row.title}\n{row.text}".strip(),
        kinds=kinds,
        fields=dict(row.fields or {}),
        exclude_ids=frozenset({row.doc_id}),
    )


def _excluded_targets(kind: str, source: models.Model) -> set[str]:
    """The source's own organisation and its own listings are no match for it."""
    owner_id = owner_organization_id(kind, source)
    if owner_id is None:
        return set()
    excluded = {doc_id_for(DocumentKind.ORGANIZATION, owner_id)}
    for target_kind in PAIRINGS.get(kind, ()):
        spec = SPECS[target_kind]
        if any(f.name == "owner" for f in spec.model._meta.get_fields()):
            excluded |= {
                doc_id_for(target_kind, pk)
                for pk in spec.model._default_manager.filter(owner_id=owner_id).values_list("pk", flat=True)
            }
    return excluded


def _eligible_orgs(doc_ids: list[str]) -> set[str]:
    rows = IndexedDocument.objects.filter(doc_id__in=doc_ids, is_active=True)
    return {r.doc_id for r in rows if (r.fields or {}).get("org_kind") in MATCHED_ORG_KINDS}


def matches_compute_for(*, source: models.Model, top_k: int | None = None) -> list[tuple[str, int, object]]:
    """The ranked (target_kind, target_id, hit) of a source, `top_k` per target kind."""
    kind = _source_kind(source)
    top_k = top_k or int(matching_setting("TOP_K", 10))
    cache = process_cache()
    mode = search_mode()
    if kind in SOURCE_ONLY:
        spec = source_only_query(kind, source)
        if spec is None:
            return []
        text, fields = spec
        row = IndexedDocument(
            doc_id=doc_id_for(kind, source.pk), kind=kind, object_id=source.pk, text=text, fields=fields
        )
    else:
        row = IndexedDocument.objects.filter(kind=kind, object_id=source.pk, is_active=True).first()
    if row is None:
        return []
    if kind == DocumentKind.ORGANIZATION and (row.fields or {}).get("org_kind") not in MATCHED_ORG_KINDS:
        return []
    excluded = _excluded_targets(kind, source)
    out: list[tuple[str, int, object]] = []
    # The source's own stored vector is the query vector (document-to-document similarity, no
    # model call); a source not embedded yet gets a query embedding of its beginning.
    qv = None
    if mode != "lexical":
        qv = row_vector(row, model_version())
        if qv is None:
            qv = cache.embed_query(f"{row.title}\n{row.text}"[:SOURCE_EMBED_CHARS])
    for target_kind in PAIRINGS[kind]:
        query = query_for_row(row, kinds=(target_kind,))
        query = Query(
            text=query.text,
            kinds=query.kinds,
            fields=query.fields,
            exclude_ids=frozenset(excluded | {row.doc_id}),
        )
        k = top_k * 3 if target_kind == DocumentKind.ORGANIZATION else top_k
        hits = cache.search(query, k=k, mode=mode, query_vector=qv)
        if target_kind == DocumentKind.ORGANIZATION:
            eligible = _eligible_orgs([h.id for h in hits])
            hits = [h for h in hits if h.id in eligible]
        relevant = RELEVANT_CHECKS.get(target_kind)
        for hit in hits[:top_k]:
            if relevant is not None:
                hit.explanation.constraints = [c for c in hit.explanation.constraints if c.code in relevant]
            t_kind, _sep, t_id = hit.id.partition(":")
            out.append((t_kind, int(t_id), hit))
    return out


def matches_refresh_for(*, source: models.Model, top_k: int | None = None) -> list[Match]:
    """Recompute and store the top matches of a source (a published demand, an outcome, an
    enterprise). Decided matches (viewed, accepted, dismissed) keep their status and history;
    suggestions that fell out of the top are deleted, decided ones are kept as not current.
    A source that is no longer public loses its undecided suggestions."""
    kind = _source_kind(source)
    ranked = matches_compute_for(source=source, top_k=top_k)
    now = timezone.now()
    kept: list[Match] = []
    with transaction.atomic():
        existing = {
            (m.target_kind, m.target_id): m
            for m in Match.objects.select_for_update().filter(source_kind=kind, source_id=source.pk)
        }
        ranks: dict[str, int] = {}
        for target_kind, target_id, hit in ranked:
            ranks[target_kind] = ranks.get(target_kind, 0) + 1
            values = {
                "score": float(hit.score),
                "rank": ranks[target_kind],
                "explanation": hit.explanation.to_dict(),
                "is_current": True,
                "refreshed_at": now,
            }
            match = existing.pop((target_kind, target_id), None)
            if match is None:
                match = Match(
                    source_kind=kind, source_id=source.pk, target_kind=target_kind, target_id=target_id
                )
            for name, value in values.items():
                setattr(match, name, value)
            match.save()
            kept.append(match)
        stale_suggested = [m.pk for m in existing.values() if m.status == MatchStatus.SUGGESTED]
        Match.objects.filter(pk__in=stale_suggested).delete()
        Match.objects.filter(pk__in=[m.pk for m in existing.values() if m.pk not in stale_suggested]).update(
            is_current=False
        )
    return kept


def matches_refresh_object(*, kind: str, object_id: int) -> int:
    """Task entry point: refresh by kind and id; a missing object clears its suggestions."""
    if kind not in PAIRINGS:
        return 0
    source = object_for(kind, object_id)
    if source is None:
        Match.objects.filter(source_kind=kind, source_id=object_id, status=MatchStatus.SUGGESTED).delete()
        return 0
    return len(matches_refresh_for(source=source))


# Which sources a document of each kind can be a match for (the reverse of PAIRINGS).
REVERSE_PAIRINGS: dict[str, tuple[str, ...]] = {
    target: tuple(source for source, targets in PAIRINGS.items() if target in targets)
    for target in {t for targets in PAIRINGS.values() for t in targets}
}
REVERSE_REFRESH_LIMIT = 10


def matches_refresh_around(*, kind: str, object_id: int) -> int:
    """Refresh what a change to one object affects: its own matches if it is a source, and the
    matches of the sources it now ranks for (a new outcome appears in the fitting demands'
    lists) or used to rank for (an archived one leaves them). Returns the matches stored."""
    total = matches_refresh_object(kind=kind, object_id=object_id) if kind in PAIRINGS else 0
    sources: set[tuple[str, int]] = set(
        Match.objects.filter(target_kind=kind, target_id=object_id).values_list("source_kind", "source_id")
    )
    row = IndexedDocument.objects.filter(kind=kind, object_id=object_id, is_active=True).first()
    if row is not None and REVERSE_PAIRINGS.get(kind):
        cache, mode = process_cache(), search_mode()
        qv = row_vector(row, model_version()) if mode != "lexical" else None
        for source_kind in REVERSE_PAIRINGS[kind]:
            hits = cache.search(
                query_for_row(row, kinds=(source_kind,)), k=REVERSE_REFRESH_LIMIT, mode=mode, query_vector=qv
            )
            sources |= {(source_kind, int(h.id.partition(":")[2])) for h in hits}
    for source_kind, source_id in sorted(sources):
        if (source_kind, source_id) == (kind, object_id):
            continue
        try:
            total += matches_refresh_object(kind=source_kind, object_id=source_id)
        except Exception:
            logger.exception("Refreshing the matches of %s:%s failed", source_kind, source_id)
    return total


def matches_refresh_all(
    *, progress: Callable[[Iterable], Iterable] | None = None, after_pk: int = 0, limit: int | None = None
) -> int:
    """Refresh every indexed source (those after index row `after_pk`, at most `limit` of them);
    one failing source is logged and the rest go on. Returns the matches stored."""
    rows = IndexedDocument.objects.filter(is_active=True, kind__in=list(PAIRINGS), pk__gt=after_pk).order_by(
        "pk"
    )
    sources = list(
        rows.values_list("kind", "object_id")[:limit] if limit else rows.values_list("kind", "object_id")
    )
    total = 0
    for kind, object_id in progress(sources) if progress else sources:
        try:
            total += matches_refresh_object(kind=kind, object_id=object_id)
        except Exception:
            logger.exception("Refreshing the matches of %s:%s failed", kind, object_id)
    return total


# --- decisions ------------------------------------------------------------------------------------


def user_can_act_for_source(*, user, kind: str, source: models.Model | None) -> bool:
    """Members of the source's owner organisation, brokers and operators."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_operator or user.is_broker:
        return True
    if source is None:
        return False
    owner_id = owner_organization_id(kind, source)
    return owner_id is not None and user.memberships.filter(organization_id=owner_id).exists()


def _check(match: Match, actor) -> None:
    from django.core.exceptions import PermissionDenied

    if not user_can_act_for_source(user=actor, kind=match.source_kind, source=match.source_object):
        raise PermissionDenied(_("您无权处理这条匹配。"))


def _decide(*, match: Match, actor, status: str, action: str, reason: str = "") -> Match:
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


def match_accept(*, match: Match, actor, reason: str = "") -> Match:
    """Accept a match (also after a dismissal: people change their minds). Raises PermissionDenied."""
    if match.status == MatchStatus.ACCEPTED:
        return match
    return _decide(match=match, actor=actor, status=MatchStatus.ACCEPTED, action="accepted", reason=reason)


def match_dismiss(*, match: Match, actor, reason: str = "") -> Match:
    """Dismiss a match. Raises PermissionDenied."""
    if match.status == MatchStatus.DISMISSED:
        return match
    return _decide(match=match, actor=actor, status=MatchStatus.DISMISSED, action="dismissed", reason=reason)


def match_mark_viewed(*, match: Match, actor) -> Match:
    """The first time someone who may act on it sees a suggestion, it becomes 'viewed'."""
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


def embed_retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** max(attempts, 1))
