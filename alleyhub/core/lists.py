"""Helpers every list (page and API) shares: pagination, HTMX partial rendering, and the query
pieces list selectors are built from (JSON-list membership, range overlap, staleness, relevance)."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from alleyhub.core.search import is_ranked, ranked_text_filter

PER_PAGE = 20

OWNER_SEARCH = ["owner__name_zh", "owner__name_en", "owner__short_name"]
"""Fields of a listing's owner organisation that its text filter searches too."""


def paginate(request: HttpRequest, queryset, per_page: int = PER_PAGE) -> Page:
    """The requested page; bad or out-of-range page numbers fall back to the first / last page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def render_list(
    request: HttpRequest, template: str, context: dict, *, partial: str = "results"
) -> HttpResponse:
    """Render a list page, or only its `partial` for an HTMX request that targets #<partial>."""
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted and not htmx.history_restore_request and htmx.target == partial:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def json_list_contains(field: str, value: str) -> Q:
    """`value` is one of the strings in a JSON list field. Works on SQLite and PostgreSQL alike
    (JSON containment is not available on SQLite); values are plain identifiers, so matching the
    quoted value in the JSON text is exact."""
    return Q(**{f"{field}__icontains": f'"{value}"'})


def ordered_by_relevance(
    qs: QuerySet, *, q: str | None, kind: str, fields: list[str], default_order=("-published_at", "-id")
) -> QuerySet:
    """With a text query: what the matching engine finds (best first) or what contains the text;
    without one: `qs` in its default order."""
    if not q:
        return qs.order_by(*default_order)
    qs = ranked_text_filter(qs, q=q, kind=kind, fields=fields)
    return qs.order_by("search_rank", *default_order) if is_ranked(qs) else qs.order_by(*default_order)


def range_overlaps_q(field_min: str, field_max: str, low, high) -> Q:
    """Rows whose [field_min, field_max] range (either end may be open) overlaps [low, high]."""
    condition = Q()
    if low is not None:
        condition &= Q(**{f"{field_max}__isnull": True}) | Q(**{f"{field_max}__gte": low})
    if high is not None:
        condition &= Q(**{f"{field_min}__isnull": True}) | Q(**{f"{field_min}__lte": high})
    return condition


def stale_q(*, today: date, confirmed_before) -> Q:
    """Listings that need their owner's attention: expired, or neither confirmed nor saved since
    `confirmed_before` (a draft saved a minute ago is not stale, although never confirmed)."""
    return Q(expires_on__lt=today) | (
        (Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=confirmed_before))
        & Q(updated_at__lt=confirmed_before)
    )
