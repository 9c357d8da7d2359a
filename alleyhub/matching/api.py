"""Matching API: search (anonymous, public listings only), a source's matches, my matches, and
accept / dismiss. Any query text gets a 200 (possibly empty); an over-long one a 422 problem."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from alleyhub.accounts.selectors import api_actor
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.api_inputs import optional_body, optional_body_openapi
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.transitions import expected_version_from

from . import selectors
from .explain import explanation_view
from .models import Match
from .schemas import DecisionIn, MatchOut, SearchOut
from .services import decisions
from .services.matches import matches_ensure_for

router = Router(tags=["matching"])
search_router = Router(tags=["search"])


def _explanation(data: dict) -> dict:
    view = explanation_view(data)
    out = view.as_dict()
    raw = [c for c in (data or {}).get("constraints") or [] if isinstance(c, dict)]
    # explanation_view skips malformed checks; pair the readable lines with the raw codes.
    out["constraints"] = [
        {
            "code": str(c.get("code", "")),
            "field": str(c.get("field", "")),
            "wanted": c.get("wanted"),
            "actual": c.get("actual"),
            "met": c.get("met"),
            "hard": bool(c.get("hard")),
            "text": line["text"],
        }
        for c, line in zip(raw, out["constraints"], strict=False)
    ]
    return out


def _match_out(m: Match) -> dict:
    return {
        "id": m.pk,
        "source": {"kind": m.source_kind, "id": m.source_id, "title": m.source_title, "url": m.source_url},
        "target": {"kind": m.target_kind, "id": m.target_id, "title": m.target_title, "url": m.target_url},
        "score": m.score,
        "rank": m.rank,
        "status": m.status,
        "version": m.version,
        "is_current": m.is_current,
        "refreshed_at": m.refreshed_at,
        "decided_at": m.decided_at,
        "decided_by": str(m.decided_by) if m.decided_by else None,
        "explanation": _explanation(m.explanation),
    }


class SearchFilters(Schema):
    q: str = Field("", max_length=2000)
    kinds: str = Field("", max_length=200, description="Comma-separated kinds, e.g. outcome,expert")
    limit: int = Field(20, ge=1, le=100)


def _decision(request: HttpRequest) -> DecisionIn:
    """The optional body {"reason": "...", "version": 3} (JSON, form fields or none: one-click use
    needs no body); the version may come as an If-Match header instead."""
    payload = optional_body(request, DecisionIn)
    payload.version = expected_version_from(request, payload.version)
    return payload


@search_router.get("", response=SearchOut, summary="Search listings, experts and organisations")
def search(request: HttpRequest, filters: Query[SearchFilters]):
    results = selectors.search(q=filters.q, kinds=filters.kinds, limit=filters.limit)
    return {
        "query": selectors.clean_query(filters.q),
        "count": len(results),
        "results": [
            {
                "kind": r.kind,
                "id": r.id,
                "title": r.title,
                "url": r.url,
                "score": r.score,
                "explanation": _explanation(r.explanation),
            }
            for r in results
        ],
    }


@router.get("/for/{kind}/{object_id}", response=list[MatchOut], summary="Explained top matches of a source")
def matches_for(request: HttpRequest, kind: str, object_id: int):
    source = selectors.source_get_for_user(kind=kind, object_id=object_id, user=request.user)
    matches_ensure_for(kind=kind, source=source)
    matches = selectors.matches_for_source(kind=kind, object_id=object_id, user=request.user)
    return [_match_out(m) for m in matches]


@router.get("/mine", response=list[MatchOut], auth=api_auth_required, summary="Matches I may act on")
@paginate(BoundedPageNumberPagination)
def matches_mine(request: HttpRequest, status: str = ""):
    return _LazyMatches(selectors.matches_mine(user=request.user, status=status))


class _LazyMatches:
    """A queryset wrapper that pagination can slice; each page gets its objects attached."""

    def __init__(self, qs):
        self.qs = qs

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        page = list(self.qs[item])
        return [_match_out(m) for m in selectors.attach_objects(page)]


@router.post(
    "/{match_id}/accept",
    response=MatchOut,
    auth=api_auth_required,
    summary="Accept a match",
    openapi_extra=optional_body_openapi(DecisionIn),
)
def match_accept(request: HttpRequest, match_id: int):
    decision = _decision(request)
    match = selectors.match_get_for_user(match_id=match_id, user=request.user, for_decision=True)
    match = decisions.match_accept(
        match=match, actor=api_actor(request), reason=decision.reason, expected_version=decision.version
    )
    attached = selectors.attach_objects([match])
    return _match_out(attached[0]) if attached else _bare(match)


@router.post(
    "/{match_id}/dismiss",
    response=MatchOut,
    auth=api_auth_required,
    summary="Dismiss a match",
    openapi_extra=optional_body_openapi(DecisionIn),
)
def match_dismiss(request: HttpRequest, match_id: int):
    decision = _decision(request)
    match = selectors.match_get_for_user(match_id=match_id, user=request.user, for_decision=True)
    match = decisions.match_dismiss(
        match=match, actor=api_actor(request), reason=decision.reason, expected_version=decision.version
    )
    attached = selectors.attach_objects([match])
    return _match_out(attached[0]) if attached else _bare(match)


def _bare(m: Match) -> dict:
    m.source_title = m.target_title = m.source_url = m.target_url = ""
    return _match_out(m)
