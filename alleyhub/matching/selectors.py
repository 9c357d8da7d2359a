"""Reads of the matching app, with their permission checks: search, matches of a source, a
user's matches, and the index status for operators."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alleyhub.accounts.models import User
from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.core.models import PublishableListing
from alleyhub.directory.models import Organization
from alleyhub.directory.ownership import acts_for_every_organization, listing_is_public, public_listing_q

from .documents import SOURCE_ONLY, SPECS, display_title, object_for, objects_for, owner_organization_id
from .engine import Hit, Query
from .index import embeddings_enabled, matching_setting, model_version, process_cache, search_mode
from .models import DocumentKind, IndexedDocument, IndexState, Match, MatchStatus
from .pairing import PAIRINGS

MAX_QUERY_CHARS = 1000
QUERY_EMBED_CHARS = 160
SEARCH_KINDS = tuple(k for k in DocumentKind.values if k != DocumentKind.REQUEST)

# Detail pages of other apps, tried in order; a kind without a page is shown without a link.
DETAIL_URL_NAMES: dict[str, tuple[str, ...]] = {
    DocumentKind.OUTCOME: ("listings:outcome_detail",),
    DocumentKind.DEMAND: ("listings:demand_detail",),
    DocumentKind.INVESTOR: ("listings:investor_detail",),
    DocumentKind.SERVICE: ("catalogue:detail", "catalogue:service_detail"),
    DocumentKind.SPACE: ("spaces:unit_detail", "spaces:detail"),
    DocumentKind.ORGANIZATION: ("directory:organization_detail", "directory:detail"),
    DocumentKind.EXPERT: ("directory:person_detail",),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def object_url(kind: str, obj: models.Model) -> str:
    get = getattr(obj, "get_absolute_url", None)
    if callable(get):
        try:
            return get()
        except NoReverseMatch:
            pass
    for name in DETAIL_URL_NAMES.get(kind, ()):
        for kwargs in ({"pk": obj.pk}, {"slug": getattr(obj, "slug", None)}):
            if kwargs.get("slug", 0) is None:
                continue
            try:
                return reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
    return ""


def clean_query(text: str | None) -> str:
    """Search text as the engine should see it: normalised, without control characters, capped."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _CONTROL.sub(" ", text)
    return text.strip()[:MAX_QUERY_CHARS]


def clean_kinds(kinds: Any) -> tuple[str, ...]:
    if not kinds:
        return ()
    if isinstance(kinds, str):
        kinds = kinds.split(",")
    return tuple(k.strip() for k in kinds if k and k.strip() in SEARCH_KINDS)


@dataclass
class SearchResult:
    kind: str
    id: int
    doc_id: str
    title: str
    score: float
    explanation: dict
    obj: models.Model
    url: str

    @property
    def kind_label(self) -> str:
        return str(DocumentKind(self.kind).label)


def search(*, q: str | None, kinds: Any = None, limit: int = 20) -> list[SearchResult]:
    """Public search over published listings, experts and organisations.

    Any text is accepted: empty or meaningless text gives an empty list. Only public objects are
    indexed; expired ones are dropped here until the index catches up."""
    text = clean_query(q)
    if not text:
        return []
    limit = max(1, min(int(limit or 20), 100))
    query = Query(text=text, kinds=clean_kinds(kinds))
    cache, mode = process_cache(), search_mode()
    # Embedding cost grows with length (a 1,000-character query takes seconds): the meaning of a
    # search is in its first words, the rest still counts lexically.
    qv = cache.embed_query(text[:QUERY_EMBED_CHARS]) if mode != "lexical" else None
    hits = cache.search(query, k=limit + 10, mode=mode, query_vector=qv)
    return _results([h for h in hits if _relevant(h)], limit)


def search_object_ids(*, q: str | None, kind: str, limit: int = 200) -> list[int]:
    """Primary keys of the objects of one kind that the engine finds for `q`, best first — for
    other apps' text filters (e.g. the directory):

        ids = search_object_ids(q=q, kind="organization")
        qs = qs.filter(pk__in=ids).order_by(Case(*[When(pk=pk, then=i) for i, pk in enumerate(ids)]))

    Uses the same ranking and relevance rule as the site search (so "碳化硅" finds "SiC")."""
    text = clean_query(q)
    if not text or kind not in SEARCH_KINDS:
        return []
    limit = max(1, min(int(limit), 1000))
    cache, mode = process_cache(), search_mode()
    qv = cache.embed_query(text[:QUERY_EMBED_CHARS]) if mode != "lexical" else None
    hits = cache.search(Query(text=text, kinds=(kind,)), k=limit, mode=mode, query_vector=qv)
    return [int(h.id.partition(":")[2]) for h in hits if _relevant(h)]


def _relevant(hit: Hit) -> bool:
    """A search hit must share a term with the query (across languages and abbreviations, via
    the engine's synonym table) or be semantically close in absolute terms: the engine always
    ranks *something* first semantically, even for a query unrelated to every listing."""
    ex = hit.explanation
    if ex.lexical > 0:
        return True
    threshold = float(matching_setting("SEARCH_MIN_SEMANTIC", 0.86))
    return ex.semantic is not None and ex.semantic >= threshold


def _results(hits: list[Hit], limit: int) -> list[SearchResult]:
    if not hits:
        return []
    today = timezone.localdate()
    rows = {
        r.doc_id: r
        for r in IndexedDocument.objects.filter(doc_id__in=[h.id for h in hits], is_active=True).exclude(
            expires_on__lt=today
        )
    }
    objects = objects_for((rows[h.id].kind, rows[h.id].object_id) for h in hits if h.id in rows)
    out: list[SearchResult] = []
    for hit in hits:
        row = rows.get(hit.id)
        obj = objects.get((row.kind, row.object_id)) if row is not None else None
        if row is None or obj is None:
            continue
        out.append(
            SearchResult(
                kind=row.kind,
                id=row.object_id,
                doc_id=row.doc_id,
                title=display_title(row.kind, obj),
                score=round(float(hit.score), 4),
                explanation=hit.explanation.to_dict(),
                obj=obj,
                url=object_url(row.kind, obj),
            )
        )
        if len(out) >= limit:
            break
    return out


# --- matches --------------------------------------------------------------------------------------


AnyUser = User | AnonymousUser | None


def _member_of_owner(user: User, kind: str, source: models.Model | None) -> bool:
    if source is None:
        return False
    owner_id = owner_organization_id(kind, source)
    # The user's organisations are read once per request (a list asks this for every match).
    return owner_id is not None and owner_id in user_organization_ids(user)


def source_is_public(*, kind: str, source: models.Model | None) -> bool:
    """Whether anybody may know the source exists: published listings and organisations' public
    profiles. Drafts, archived listings and enterprise requests are private."""
    if source is None or kind in SOURCE_ONLY:
        return False
    if isinstance(source, PublishableListing):
        return listing_is_public(source)
    if isinstance(source, Organization):
        return source.is_approved
    return True


def user_can_see_matches(*, user: AnyUser, kind: str, source: models.Model | None) -> bool:
    """Who sees a source's matches (docs/permissions.md): members of the source's organisation;
    operators and the task force (everything); brokers only for public sources (published
    listings, organisations) — never another organisation's draft or an enterprise's request."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.is_operator or _member_of_owner(user, kind, source):
        return True
    return user.is_broker and source_is_public(kind=kind, source=source)


def user_can_decide_match(*, user: AnyUser, kind: str, source: models.Model | None) -> bool:
    """Who accepts or dismisses a source's matches: members of the source's organisation and the
    platform's operators — not brokers, the task force or government-unit staff."""
    if not isinstance(user, User) or not user.is_active:
        return False
    return acts_for_every_organization(user) or _member_of_owner(user, kind, source)


def source_get(*, kind: str, object_id: int) -> models.Model:
    """A source of matches (of a kind that has matches). Raises Http404."""
    if kind not in PAIRINGS:
        raise Http404
    obj = object_for(kind, object_id)
    if obj is None:
        raise Http404
    return obj


NO_RIGHT_TO_SEE_MATCHES = gettext_lazy("您无权查看这些匹配。")


def source_get_for_user(*, kind: str, object_id: int, user: AnyUser) -> models.Model:
    """The source object if the user may see its matches. Raises Http404 / PermissionDenied."""
    obj = source_get(kind=kind, object_id=object_id)
    if not user_can_see_matches(user=user, kind=kind, source=obj):
        raise PermissionDenied(NO_RIGHT_TO_SEE_MATCHES)
    return obj


def attach_objects(matches: list[Match]) -> list[Match]:
    """Load sources and targets in one query per kind; matches whose target is gone or no longer
    public are left out. Sets `match.source`, `match.target`, `match.target_url`, titles."""
    today = timezone.localdate()
    live = set(
        IndexedDocument.objects.filter(
            is_active=True, doc_id__in=[f"{m.target_kind}:{m.target_id}" for m in matches]
        )
        .exclude(expires_on__lt=today)
        .values_list("doc_id", flat=True)
    )
    objects = objects_for(
        [(m.source_kind, m.source_id) for m in matches] + [(m.target_kind, m.target_id) for m in matches]
    )
    out = []
    for m in matches:
        target = objects.get((m.target_kind, m.target_id))
        if target is None or f"{m.target_kind}:{m.target_id}" not in live:
            continue
        m.source = objects.get((m.source_kind, m.source_id))
        m.target = target
        m.target_title = display_title(m.target_kind, target)
        m.target_url = object_url(m.target_kind, target)
        m.source_title = display_title(m.source_kind, m.source) if m.source is not None else ""
        m.source_url = object_url(m.source_kind, m.source) if m.source is not None else ""
        out.append(m)
    return out


def matches_for_source(*, kind: str, object_id: int, user: AnyUser) -> list[Match]:
    """The stored matches of a source the user may see, grouped by target kind in pairing
    order, current ones first, then by rank, with their objects attached. Raises Http404 / PermissionDenied. Reads only: a page or endpoint
    that wants a never-matched source matched first calls `services.matches.matches_ensure_for`."""
    source_get_for_user(kind=kind, object_id=object_id, user=user)
    matches = list(
        Match.objects.filter(source_kind=kind, source_id=object_id)
        .select_related("decided_by")
        .order_by("target_kind", "-is_current", "rank")
    )
    # Target kinds in the order the pairing lists them (a demand's outcomes before its experts).
    order = {target: i for i, target in enumerate(PAIRINGS.get(kind, ()))}
    matches.sort(key=lambda m: order.get(m.target_kind, len(order)))
    return attach_objects(matches)


def _member_org_ids(user: User) -> list[int]:
    return list(user.memberships.values_list("organization_id", flat=True))


def _source_ids_q(kind: str, **lookup: Any) -> Q:
    """Matches whose source, of `kind`, is among the objects `lookup` selects."""
    model = SOURCE_ONLY[kind] if kind in SOURCE_ONLY else SPECS[kind].model
    return Q(source_kind=kind, source_id__in=model._default_manager.filter(**lookup).values("pk"))


def matches_visible_q(user: User) -> Q:
    """The matches `user` may see (as `user_can_see_matches` decides one by one): operators and
    the task force every match; members those of their organisations' sources; brokers also
    those of public sources (organisations, published listings)."""
    if user.is_operator:
        return Q()
    orgs = _member_org_ids(user)
    q = Q(source_kind=DocumentKind.ORGANIZATION, source_id__in=orgs)
    for kind in PAIRINGS:
        if kind == DocumentKind.ORGANIZATION:
            continue
        owner_field = "organization_id" if kind in SOURCE_ONLY else "owner_id"
        q |= _source_ids_q(kind, **{f"{owner_field}__in": orgs})
    if user.is_broker:
        q |= Q(source_kind=DocumentKind.ORGANIZATION)
        for kind in PAIRINGS:
            if kind != DocumentKind.ORGANIZATION and kind not in SOURCE_ONLY:
                q |= Q(
                    source_kind=kind,
                    source_id__in=SPECS[kind].model._default_manager.filter(public_listing_q()).values("pk"),
                )
    return q


def matches_mine(*, user: AnyUser, status: str | None = None) -> models.QuerySet[Match]:
    """Matches the user may act on, newest refresh first; `status` one of MatchStatus (anything
    else: every status but dismissed). Raises PermissionDenied for anonymous."""
    if not isinstance(user, User):
        raise PermissionDenied(_("请先登录。"))
    qs = Match.objects.filter(matches_visible_q(user)).select_related("decided_by")
    if status in MatchStatus.values:
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(status=MatchStatus.DISMISSED)
    return qs.order_by("-is_current", "source_kind", "source_id", "target_kind", "rank")


def match_get_for_user(*, match_id: int, user: AnyUser, for_decision: bool = False) -> Match:
    """A match the user may see (with `for_decision`: accept or dismiss). Raises Http404 when it
    does not exist, PermissionDenied when the user may not see it (or not decide it)."""
    match = Match.objects.select_related("decided_by").filter(pk=match_id).first()
    if match is None:
        raise Http404
    source = match.source_object
    if not user_can_see_matches(user=user, kind=match.source_kind, source=source):
        raise PermissionDenied(_("您无权处理这条匹配。"))
    if for_decision and not user_can_decide_match(user=user, kind=match.source_kind, source=source):
        raise PermissionDenied(_("只有来源所属机构的成员或运营方可以处理这条匹配。"))
    return match


def mark_decidable(matches: list[Match], *, user: AnyUser) -> list[Match]:
    """Set `match.can_decide` (may the user accept or dismiss it) for the pages' buttons."""
    for m in matches:
        source = getattr(m, "source", None) or m.source_object
        m.can_decide = user_can_decide_match(user=user, kind=m.source_kind, source=source)
    return matches


def match_owner_org_id(match: Match) -> int | None:
    source = match.source_object
    return owner_organization_id(match.source_kind, source) if source is not None else None


# --- operators ------------------------------------------------------------------------------------


@dataclass
class KindStatus:
    kind: str
    label: str
    active: int
    embedded: int
    failed: int

    @property
    def share(self) -> int:
        return round(100 * self.embedded / self.active) if self.active else 100


@dataclass
class IndexStatus:
    kinds: list[KindStatus]
    active: int
    embedded: int
    failed: int
    pending: int
    version: int
    embeddings_enabled: bool
    model_version: str
    errors: list[IndexedDocument]
    matches: int
    matches_by_status: dict[str, int]

    @property
    def share(self) -> int:
        return round(100 * self.embedded / self.active) if self.active else 100


def index_status_for_user(*, user: AnyUser) -> IndexStatus:
    """Counts for the operators' status page. Raises PermissionDenied for everyone else."""
    if not isinstance(user, User) or not user.is_operator:
        raise PermissionDenied(_("仅运营方可查看索引状态。"))
    mv = model_version()
    active = IndexedDocument.objects.filter(is_active=True)
    embedded_q = Q(vector__isnull=False, vector_hash=models.F("text_hash"), model_version=mv)
    failed_q = Q(attempts__gt=0) & ~embedded_q
    rows = (
        active.values("kind")
        .annotate(n=Count("pk"), e=Count("pk", filter=embedded_q), f=Count("pk", filter=failed_q))
        .order_by("kind")
    )
    kinds = [KindStatus(r["kind"], str(DocumentKind(r["kind"]).label), r["n"], r["e"], r["f"]) for r in rows]
    total = sum(k.active for k in kinds)
    embedded = sum(k.embedded for k in kinds)
    failed = sum(k.failed for k in kinds)
    state = IndexState.objects.filter(pk=1).first()
    by_status = dict(Match.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return IndexStatus(
        kinds=kinds,
        active=total,
        embedded=embedded,
        failed=failed,
        pending=total - embedded if embeddings_enabled() else 0,
        version=state.version if state else 0,
        embeddings_enabled=embeddings_enabled(),
        model_version=mv,
        errors=list(active.filter(failed_q).order_by("-updated_at")[:20]),
        matches=sum(by_status.values()),
        matches_by_status=by_status,
    )
