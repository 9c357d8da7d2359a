"""The text filter of every list page and list endpoint: the matching engine's ranking (so "碳化硅"
finds "SiC" listings and an English query finds Chinese ones) plus plain substring matches (so a
credit code, a patent number or a draft that is not indexed is still found).

The ranking comes from the provider registered in `core.registry.site_search` (matching registers
it); without one, the text filter is the substring match alone."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from alleyhub.core.registry import site_search

MAX_RANKED = 500
MAX_TERMS = 8


def substring_q(q: str, fields: list[str]) -> Q:
    """Every whitespace-separated term appears in one of `fields`."""
    condition = Q()
    for term in q.split()[:MAX_TERMS]:
        term_q = Q()
        for name in fields:
            term_q |= Q(**{f"{name}__icontains": term})
        condition &= term_q
    return condition


def ranked_ids(*, q: str, kind: str, limit: int) -> list[int]:
    """Ids of the objects of `kind` the registered search provider finds for `q`, best first;
    [] when no provider is registered."""
    provider = site_search.provider()
    return list(provider(q=q, kind=kind, limit=limit)) if provider is not None else []


def ranked_text_filter(queryset: QuerySet, *, q: str, kind: str, fields: list[str]) -> QuerySet:
    """`queryset` narrowed to what the engine finds for `q` in documents of `kind` or what contains
    every term of `q`. When the engine found something, rows are annotated with `search_rank`
    (engine rank; substring-only rows after); callers sort by it when it is there."""
    q = (q or "").strip()
    if not q:
        return queryset
    ids = ranked_ids(q=q, kind=kind, limit=MAX_RANKED)
    if not ids:
        # No annotation: a constant ORDER BY would read as a column position on PostgreSQL.
        return queryset.filter(substring_q(q, fields))
    rank = Case(
        *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)],
        default=Value(len(ids)),
        output_field=IntegerField(),
    )
    return queryset.filter(Q(pk__in=ids) | substring_q(q, fields)).annotate(search_rank=rank)


def is_ranked(queryset: QuerySet) -> bool:
    return "search_rank" in queryset.query.annotations
