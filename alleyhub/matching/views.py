"""Pages of the matching app: search, a source's matches (an HTMX partial other pages include),
my matches, accept / dismiss, and the operators' index status."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from alleyhub.accounts.models import User

from . import selectors
from .documents import display_title
from .models import DocumentKind, Match, MatchStatus
from .services.decisions import match_accept, match_dismiss, match_mark_viewed
from .services.matches import matches_ensure_for

MINE_PAGE_SIZE = 30
SEARCH_PAGE_LIMIT = 30

SEARCH_KIND_CHOICES = [
    (value, label) for value, label in DocumentKind.choices if value in selectors.SEARCH_KINDS
]


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (for the type checker)."""

    htmx: HtmxDetails


@require_GET
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    q = selectors.clean_query(request.GET.get("q"))
    kinds = selectors.clean_kinds(request.GET.getlist("kinds"))
    results = selectors.search(q=q, kinds=kinds, limit=SEARCH_PAGE_LIMIT)
    context = {"q": q, "kinds": kinds, "results": results, "kind_choices": SEARCH_KIND_CHOICES}
    template = "matching/search.html#results" if request.htmx else "matching/search.html"
    return render(request, template, context)


def _groups(matches: list[Match]) -> list[dict]:
    """Matches grouped by target kind, in the selector's order (a demand's outcomes before its
    experts)."""
    groups: dict[str, dict] = {}
    for m in matches:
        groups.setdefault(m.target_kind, {"label": m.get_target_kind_display(), "matches": []})[
            "matches"
        ].append(m)
    return list(groups.values())


def _mark_viewed(matches: list[Match], user: User | AnonymousUser, *, kind: str, source) -> None:
    """A suggestion becomes 'viewed' when someone who decides it sees it (not a broker)."""
    if not selectors.user_can_decide_match(user=user, kind=kind, source=source):
        return
    assert isinstance(user, User)  # noqa: S101 — user_can_decide_match is False for anonymous
    for m in matches:
        if m.status == MatchStatus.SUGGESTED:
            match_mark_viewed(match=m, actor=user)


@require_GET
def for_object(request: HtmxHttpRequest, kind: str, pk: int) -> HttpResponse:
    """The matches of a source. Embedded with hx-get on the source's page: for a visitor who may
    not see them the fragment is empty (the host page stays clean); a direct visit gets 403.
    A source never matched before is matched now, so the page shows its matches at once."""
    source = selectors.source_get(kind=kind, object_id=pk)
    if not selectors.user_can_see_matches(user=request.user, kind=kind, source=source):
        if request.htmx:
            return HttpResponse("")
        raise PermissionDenied(selectors.NO_RIGHT_TO_SEE_MATCHES)
    matches_ensure_for(kind=kind, source=source)
    matches = selectors.matches_for_source(kind=kind, object_id=pk, user=request.user)
    _mark_viewed(matches, request.user, kind=kind, source=source)
    selectors.mark_decidable(matches, user=request.user)
    context = {
        "kind": kind,
        "object_id": pk,
        "groups": _groups(matches),
        "source_title": display_title(kind, source),
        "source_url": selectors.object_url(kind, source),
    }
    template = "matching/for_object.html#list" if request.htmx else "matching/for_object.html"
    return render(request, template, context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or ""
    qs = selectors.matches_mine(user=request.user, status=status)
    page = Paginator(qs, MINE_PAGE_SIZE).get_page(request.GET.get("page"))
    matches = selectors.mark_decidable(selectors.attach_objects(list(page.object_list)), user=request.user)
    context = {
        "matches": matches,
        "page_obj": page,
        "status": status if status in MatchStatus.values else "",
        "statuses": MatchStatus.choices,
        "show_source": True,
    }
    return render(request, "matching/mine.html", context)


def _decide(request: HtmxHttpRequest, pk: int, service: Callable[..., Match]) -> HttpResponse:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    match = selectors.match_get_for_user(match_id=pk, user=user, for_decision=True)
    # The version the page showed (a hidden field); a stale one is a ConflictError, which the
    # page-error middleware turns into "someone else changed this" and a reload.
    version = request.POST.get("version", "")
    match = service(match=match, actor=user, expected_version=int(version) if version.isdigit() else None)
    if request.htmx:
        attached = selectors.mark_decidable(selectors.attach_objects([match]), user=user)
        if not attached:
            return HttpResponse("")
        show_source = reverse("matching:mine") in request.headers.get("HX-Current-URL", "")
        return render(
            request, "matching/for_object.html#row", {"match": attached[0], "show_source": show_source}
        )
    back = request.POST.get("next") or request.headers.get("Referer") or ""
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("matching:mine")


@require_POST
def accept(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, match_accept)


@require_POST
def dismiss(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, match_dismiss)


@login_required
def index_status(request: HttpRequest) -> HttpResponse:
    status = selectors.index_status_for_user(user=request.user)
    return render(request, "matching/status.html", {"status": status})
