"""Computing and storing matches: a source's ranked targets (`matches_compute_for`), storing them
(`matches_refresh_for`) and refreshing what a change affects (`matches_refresh_around`).

Decided matches keep their status and history across refreshes; what people decide lives in
`services.decisions`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.core.exceptions import ApplicationError

from ..documents import (
    SOURCE_ONLY,
    SPECS,
    doc_id_for,
    kind_for_model,
    object_for,
    owner_organization_id,
    source_only_query,
)
from ..engine import Hit, Query
from ..index import matching_setting, model_version, process_cache, row_vector, search_mode
from ..models import DocumentKind, IndexedDocument, Match, MatchStatus
from ..opt_out import opted_out_targets
from ..pairing import MATCHED_ORG_KINDS, PAIRINGS, RELEVANT_CHECKS, REVERSE_PAIRINGS

logger = logging.getLogger(__name__)

# A source not embedded yet is queried with an embedding of its beginning.
SOURCE_EMBED_CHARS = 400
# How many sources of each kind a changed target is checked against (matches_refresh_around).
REVERSE_REFRESH_LIMIT = 10


def _source_kind(source: models.Model) -> str:
    kind = kind_for_model(type(source))
    if kind is None or kind not in PAIRINGS:
        raise ApplicationError(_("此类对象没有匹配。"))
    return kind


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


def _source_row(kind: str, source: models.Model) -> IndexedDocument | None:
    """The index row a source is queried with (built on the fly for sources never indexed)."""
    if kind in SOURCE_ONLY:
        spec = source_only_query(kind, source)
        if spec is None:
            return None
        text, fields = spec
        return IndexedDocument(
            doc_id=doc_id_for(kind, source.pk), kind=kind, object_id=source.pk, text=text, fields=fields
        )
    return IndexedDocument.objects.filter(kind=kind, object_id=source.pk, is_active=True).first()


def matches_compute_for(*, source: models.Model, top_k: int | None = None) -> list[tuple[str, int, Hit]]:
    """The ranked (target_kind, target_id, hit) of a source, `top_k` per target kind. Reads only."""
    kind = _source_kind(source)
    top_k = top_k or int(matching_setting("TOP_K", 10))
    cache = process_cache()
    mode = search_mode()
    row = _source_row(kind, source)
    if row is None:
        return []
    if kind == DocumentKind.ORGANIZATION and (row.fields or {}).get("org_kind") not in MATCHED_ORG_KINDS:
        return []
    source_opted_out, opted_out = opted_out_targets(source=source, target_kinds=PAIRINGS[kind])
    if source_opted_out:
        return []
    excluded = _excluded_targets(kind, source) | opted_out
    out: list[tuple[str, int, Hit]] = []
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
    A source that is no longer public loses its undecided suggestions.
    Raises ApplicationError for an object of a kind that has no matches."""
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
            match = existing.pop((target_kind, target_id), None)
            if match is None:
                match = Match(
                    source_kind=kind, source_id=source.pk, target_kind=target_kind, target_id=target_id
                )
            match.score = float(hit.score)
            match.rank = ranks[target_kind]
            match.explanation = hit.explanation.to_dict()
            match.is_current = True
            match.refreshed_at = now
            match.save()
            kept.append(match)
        stale_suggested = [m.pk for m in existing.values() if m.status == MatchStatus.SUGGESTED]
        Match.objects.filter(pk__in=stale_suggested).delete()
        Match.objects.filter(pk__in=[m.pk for m in existing.values() if m.pk not in stale_suggested]).update(
            is_current=False
        )
    return kept


def matches_ensure_for(*, kind: str, source: models.Model) -> None:
    """Compute and store the matches of an indexed source that has never been matched (a page or
    API call about a source then shows its matches at once, lexical and stored vectors only)."""
    if Match.objects.filter(source_kind=kind, source_id=source.pk).exists():
        return
    if IndexedDocument.objects.filter(kind=kind, object_id=source.pk, is_active=True).exists():
        matches_refresh_for(source=source)


def matches_refresh_object(*, kind: str, object_id: int) -> int:
    """Task entry point: refresh by kind and id; a missing object clears its suggestions."""
    if kind not in PAIRINGS:
        return 0
    source = object_for(kind, object_id)
    if source is None:
        Match.objects.filter(source_kind=kind, source_id=object_id, status=MatchStatus.SUGGESTED).delete()
        return 0
    return len(matches_refresh_for(source=source))


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
    pairs = rows.values_list("kind", "object_id")
    sources = list(pairs[:limit] if limit else pairs)
    total = 0
    for kind, object_id in progress(sources) if progress else sources:
        try:
            total += matches_refresh_object(kind=kind, object_id=object_id)
        except Exception:
            logger.exception("Refreshing the matches of %s:%s failed", kind, object_id)
    return total
