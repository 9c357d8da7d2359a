"""Reads for the directory, with the visibility rules pages and API share.

Visibility: published organisations and people are public. Unpublished ones are visible only to
operators and to members of the organisation (for a person: the person's own account and members
of an organisation the person is affiliated with). Contact details are for signed-in users only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from alleyhub.accounts.models import Membership
from alleyhub.core.search import is_ranked, ranked_text_filter
from alleyhub.directory.hooks import (
    ContactParties,
    organization_sections,
    person_contact_consent,
    person_contact_parties,
)
from alleyhub.directory.models import (
    Affiliation,
    Industry,
    Invitation,
    InvitationStatus,
    JoinRequest,
    JoinRequestStatus,
    Organization,
    OrganizationKind,
    OrganizationStatus,
    Person,
)

SEARCH_MAX_LENGTH = 200
ORGANIZATION_TEXT_FIELDS = [
    "name_zh",
    "name_en",
    "short_name",
    "description_zh",
    "description_en",
    "credit_code",
]


def _is_signed_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def _is_operator(user) -> bool:
    return _is_signed_in(user) and user.is_operator


def public_organization_q() -> Q:
    """Organisations everybody sees: published, and approved by the operators."""
    return Q(is_published=True, status=OrganizationStatus.APPROVED)


def organization_visible_q(user) -> Q:
    """The organisations `user` may see: published and approved ones (pending and rejected
    registrations only by their members and operators)."""
    public = public_organization_q()
    if _is_operator(user):
        return Q()
    if _is_signed_in(user):
        return public | Q(memberships__user=user)
    return public


def industry_with_descendant_ids(industry: Industry) -> list[int]:
    """The id of `industry` and of every industry below it in the taxonomy."""
    ids = [industry.pk]
    frontier = [industry.pk]
    while frontier:
        frontier = list(Industry.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier = [pk for pk in frontier if pk not in ids]  # guards against a cycle
        ids.extend(frontier)
    return ids


def organization_search(*, queryset: QuerySet[Organization], q: str) -> QuerySet[Organization]:
    """Narrow `queryset` to organisations matching the free text `q`, best first.

    The matching engine ranks (so "碳化硅" finds an organisation described with "SiC", and English
    finds Chinese); names and descriptions containing every term are kept too (e.g. unpublished
    organisations a member may see, which are not indexed). The result is de-duplicated and
    annotated with `search_rank`, which `organization_ordered` sorts by first.
    """
    q = (q or "").strip()[:SEARCH_MAX_LENGTH]
    if not q:
        return queryset
    base = Organization.objects.filter(pk__in=queryset.values("pk"))
    return ranked_text_filter(base, q=q, kind="organization", fields=ORGANIZATION_TEXT_FIELDS)


def organization_list(
    *,
    user,
    kind: str = "",
    industry: Industry | None = None,
    stage: str = "",
    subdistrict: str = "",
    q: str = "",
) -> QuerySet[Organization]:
    """Organisations `user` may see, filtered; choosing an industry includes its sub-industries."""
    qs = Organization.objects.filter(organization_visible_q(user))
    if kind:
        qs = qs.filter(kind=kind)
    if stage:
        qs = qs.filter(stage=stage)
    if subdistrict:
        qs = qs.filter(subdistrict=subdistrict)
    if industry is not None:
        qs = organization_in_industry(qs, industry)
    return organization_ordered(organization_search(queryset=qs, q=q))


def organization_in_industry(queryset: QuerySet[Organization], industry: Industry) -> QuerySet[Organization]:
    """Organisations in `industry` or any industry below it (a subquery, so rows never repeat)."""
    inside = Organization.objects.filter(industries__in=industry_with_descendant_ids(industry)).values("pk")
    return queryset.filter(pk__in=inside)


def organization_visible(*, user) -> QuerySet[Organization]:
    """Every organisation `user` may see (unfiltered, unordered; may repeat rows)."""
    return Organization.objects.filter(organization_visible_q(user))


def organization_ordered(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    """`queryset` without repeated rows (to-many filters repeat them) in the directory's order:
    by search relevance first when it was searched (see `organization_search`)."""
    order = ("kind", "name_zh", "name_en", "pk")
    if is_ranked(queryset):
        return queryset.prefetch_related("industries").order_by(F("search_rank"), *order)
    return (
        Organization.objects.filter(pk__in=queryset.values("pk"))
        .prefetch_related("industries")
        .order_by(*order)
    )


def organization_get_for_user(*, user, slug: str | None = None, pk: int | None = None) -> Organization:
    """One organisation by slug or id, if `user` may see it; raises Http404 otherwise (an
    unpublished organisation does not reveal that it exists)."""
    if slug is None and pk is None:
        raise Http404
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    org = (
        Organization.objects.filter(organization_visible_q(user), **lookup)
        .prefetch_related("industries")
        .distinct()
        .first()
    )
    if org is None:
        raise Http404
    return org


def organization_people(*, organization: Organization, user) -> list[Affiliation]:
    """Current affiliations of the organisation's people that `user` may see."""
    return list(
        organization.affiliations.filter(person__in=person_list(user=user).values("pk"))
        .filter(end_date__isnull=True)
        .select_related("person")
        .order_by("-is_primary", "person__name_zh", "person__name_en")
    )


@dataclass(frozen=True)
class OrganizationListing:
    key: str
    template: str
    items: list
    total: int


def organization_listings(*, organization: Organization, limit: int = 24) -> dict[str, OrganizationListing]:
    """What the organisation owns and has published, by section (outcomes, demands, investor
    profiles, services, spaces — whatever the apps registered in `directory.hooks`): for each, the
    first `limit` items and the total count, in the sections' order."""
    out = {}
    for section in organization_sections.providers():
        qs = section.published(organization)
        items = list(qs[: limit + 1])
        total = len(items) if len(items) <= limit else qs.count()
        out[section.key] = OrganizationListing(
            key=section.key, template=section.template, items=items[:limit], total=total
        )
    return out


def person_visible_q(user) -> Q:
    if _is_operator(user):
        return Q()
    if _is_signed_in(user):
        return Q(is_published=True) | Q(user=user) | Q(affiliations__organization__memberships__user=user)
    return Q(is_published=True)


def person_list(
    *, user, kind: str = "", q: str = "", organization: Organization | None = None
) -> QuerySet[Person]:
    qs = Person.objects.filter(person_visible_q(user))
    if kind:
        qs = qs.filter(kind=kind)
    if organization is not None:
        qs = qs.filter(affiliations__organization=organization)
    q = (q or "").strip()[:SEARCH_MAX_LENGTH]
    for term in q.split():
        qs = qs.filter(
            Q(name_zh__icontains=term)
            | Q(name_en__icontains=term)
            | Q(expertise__icontains=term)
            | Q(title_zh__icontains=term)
            | Q(title_en__icontains=term)
        )
    return Person.objects.filter(pk__in=qs.values("pk")).order_by("name_zh", "name_en", "pk")


def person_get_for_user(*, user, pk: int) -> Person:
    """One person, if `user` may see them; raises Http404 otherwise."""
    person = (
        Person.objects.filter(person_visible_q(user), pk=pk)
        .prefetch_related(
            "industries",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.filter(
                    organization__in=Organization.objects.filter(organization_visible_q(user)).values("pk")
                ).select_related("organization"),
                to_attr="visible_affiliations",
            ),
        )
        .distinct()
        .first()
    )
    if person is None:
        raise Http404
    return person


def person_contact_visible(*, person: Person, user) -> bool:
    """A person's contact details are shown to operators, to the person, and to users they deal
    with (the other side of an accepted match or a case: `person_contact_parties`, filled by the
    higher apps) — to the latter only when the person agreed. Whether they agreed is asked of
    `person_contact_consent` (privacy's record of the consent their account gave) before the
    record's own flag."""
    if not _is_signed_in(user):
        return False
    if _is_operator(user) or (person.user_id is not None and person.user_id == user.pk):
        return True
    if not _person_consents(person):
        return False
    parties = contact_parties_of(user)
    if person.pk in parties.person_ids:
        return True
    if not parties.organization_ids:
        return False
    # Their organisation: an affiliation that has not ended.
    return (
        Affiliation.objects.filter(person=person, organization_id__in=parties.organization_ids)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()))
        .exists()
    )


def _person_consents(person: Person) -> bool:
    for provider in person_contact_consent.providers():
        if (consent := provider(person)) is not None:
            return consent
    return person.contact_consent


def contact_parties_of(user) -> ContactParties:
    """Who `user` deals with (union over `person_contact_parties`), computed once per request:
    memoised on the user object, which lives as long as the request."""
    cached = getattr(user, "_alleyhub_contact_parties", None)
    if cached is None:
        persons: set[int] = set()
        organizations: set[int] = set()
        for provider in person_contact_parties.providers():
            found = provider(user)
            persons |= found.person_ids
            organizations |= found.organization_ids
        cached = ContactParties(person_ids=frozenset(persons), organization_ids=frozenset(organizations))
        user._alleyhub_contact_parties = cached
    return cached


def organization_contact_visible(*, user) -> bool:
    return _is_signed_in(user)


def industry_choices() -> list[tuple[Industry, int]]:
    """Every industry with its depth in the tree, parents before their children."""
    all_industries = list(Industry.objects.all())
    by_parent: dict[int | None, list[Industry]] = {}
    for ind in all_industries:
        by_parent.setdefault(ind.parent_id, []).append(ind)
    out: list[tuple[Industry, int]] = []
    seen: set[int] = set()

    def walk(parent_id, depth):
        for ind in sorted(by_parent.get(parent_id, []), key=lambda i: i.code):
            if ind.pk in seen:
                continue
            seen.add(ind.pk)
            out.append((ind, depth))
            walk(ind.pk, depth + 1)

    walk(None, 0)
    return out


def subdistrict_choices() -> list[str]:
    return list(
        Organization.objects.filter(public_organization_q())
        .exclude(subdistrict="")
        .order_by("subdistrict")
        .values_list("subdistrict", flat=True)
        .distinct()
    )


def home_overview() -> dict:
    """The home page's organisation figures: published organisations in total and by kind, and
    the functional platforms."""
    by_kind = dict(
        Organization.objects.filter(public_organization_q())
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return {
        "organizations_total": sum(by_kind.values()),
        "organizations_by_kind": [
            (value, label, by_kind.get(value, 0)) for value, label in OrganizationKind.choices
        ],
        "platforms": list(
            Organization.objects.filter(public_organization_q(), kind=OrganizationKind.PLATFORM).order_by(
                "name_zh"
            )[:12]
        ),
    }


# --- organisations running themselves (directory.services) ------------------------------------------


def organization_get_for_manage(*, user, slug: str) -> Organization:
    """An organisation `user` may manage (its admins, operators): Http404 when they may not see
    it, PermissionDenied when they see it but do not manage it."""
    from .services import can_manage_organization

    org = organization_get_for_user(user=user, slug=slug)
    if not can_manage_organization(user=user, organization=org):
        raise PermissionDenied
    return org


def organization_members(*, organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("role", "user__display_name", "user__username")
    )


def membership_get_for_manage(*, user, slug: str, pk: int) -> Membership:
    org = organization_get_for_manage(user=user, slug=slug)
    membership = (
        Membership.objects.select_related("organization", "user").filter(organization=org, pk=pk).first()
    )
    if membership is None:
        raise Http404
    return membership


def organization_invitations(*, organization: Organization) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organization=organization, status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def invitation_get_for_manage(*, user, slug: str, pk: int) -> Invitation:
    org = organization_get_for_manage(user=user, slug=slug)
    invitation = Invitation.objects.select_related("organization").filter(organization=org, pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def organization_join_candidates(*, q: str, limit: int = 20) -> list[Organization]:
    """Approved organisations one may ask to join, found by name, short name or credit code."""
    q = (q or "").strip()[:SEARCH_MAX_LENGTH]
    if not q:
        return []
    qs = Organization.objects.filter(status=OrganizationStatus.APPROVED)
    code = q.upper()
    return list(
        qs.filter(
            Q(name_zh__icontains=q)
            | Q(name_en__icontains=q)
            | Q(short_name__icontains=q)
            | Q(credit_code=code)
        ).order_by("name_zh", "name_en", "pk")[:limit]
    )


def join_requests_for_user(*, user) -> QuerySet[JoinRequest]:
    """The user's own requests to join, newest first."""
    return JoinRequest.objects.filter(user=user).select_related("organization")


def join_requests_to_decide(*, user, organization: Organization | None = None) -> QuerySet[JoinRequest]:
    """Pending requests `user` may decide: those to organisations they are an admin of; for
    operators every pending request (`organization` narrows to one)."""
    from .ownership import acts_for_every_organization

    qs = JoinRequest.objects.filter(status=JoinRequestStatus.PENDING).select_related("organization", "user")
    if organization is not None:
        qs = qs.filter(organization=organization)
    if acts_for_every_organization(user):
        return qs
    if not _is_signed_in(user):
        return qs.none()
    admin_of = Membership.objects.filter(user=user, role=Membership.MemberRole.ADMIN).values(
        "organization_id"
    )
    return qs.filter(organization_id__in=admin_of)


def join_requests_without_admin() -> QuerySet[JoinRequest]:
    """Pending requests to organisations that have no admin: the operators' to decide."""
    with_admin = Membership.objects.filter(role=Membership.MemberRole.ADMIN).values("organization_id")
    return (
        JoinRequest.objects.filter(status=JoinRequestStatus.PENDING)
        .exclude(organization_id__in=with_admin)
        .select_related("organization", "user")
    )


def join_request_get_for_user(*, user, pk: int) -> JoinRequest:
    """One join request, for its requester, the organisation's admins and operators; Http404 for
    everybody else."""
    from .services import join_request_roles

    join = JoinRequest.objects.select_related("organization", "user").filter(pk=pk).first()
    if join is None or not join_request_roles(join=join, user=user):
        raise Http404
    return join


def organization_review_queue(*, user) -> QuerySet[Organization]:
    """Registered organisations waiting for an operator (operators only)."""
    from .ownership import acts_for_every_organization

    if not acts_for_every_organization(user):
        raise PermissionDenied
    return (
        Organization.objects.filter(status=OrganizationStatus.PENDING)
        .select_related("registered_by")
        .prefetch_related("industries")
        .order_by("created_at", "pk")
    )


def account_section(request) -> dict:
    """The account page's part about organisations (accounts.hooks.account_sections): the join
    page, the organisations the user administers with their pending join requests, and for
    operators the review queue."""
    from .ownership import acts_for_every_organization

    user = request.user
    managed = list(
        Organization.objects.filter(
            memberships__user=user, memberships__role=Membership.MemberRole.ADMIN
        ).annotate(
            pending_requests=Count("join_requests", filter=Q(join_requests__status=JoinRequestStatus.PENDING))
        )
    )
    operator = acts_for_every_organization(user)
    return {
        "managed": managed,
        "is_operator": operator,
        "review_count": Organization.objects.filter(status=OrganizationStatus.PENDING).count()
        if operator
        else 0,
    }
