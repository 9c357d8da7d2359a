"""For `directory.hooks.person_contact_parties`: the people and organisations on the other side of
a user's accepted matches. Both sides of an accepted match are its parties: the members of the
organisation owning the source (who accepted it) and of the organisation owning the target, and
the expert's own account when a side is a person record."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.directory.hooks import ContactParties
from alleyhub.directory.models import Person

from .documents import SOURCE_ONLY, SPECS, objects_for, owner_organization_id
from .kinds import DocumentKind
from .models import Match, MatchStatus


def _sides_q(side: str, org_ids: frozenset[int], person_id: int | None) -> Q:
    """Match rows whose `side` ("source" / "target") belongs to the user."""
    q = Q(pk__in=[])
    kinds = {kind: spec.model for kind, spec in SPECS.items()} | dict(SOURCE_ONLY)
    for kind, model in kinds.items():
        if kind == DocumentKind.EXPERT:
            if person_id is not None:
                q |= Q(**{f"{side}_kind": kind, f"{side}_id": person_id})
        elif org_ids:
            ids: Any
            if kind == DocumentKind.ORGANIZATION:
                ids = list(org_ids)
            else:
                owner = "organization_id" if kind == DocumentKind.REQUEST else "owner_id"
                ids = model._default_manager.filter(**{f"{owner}__in": org_ids}).values("pk")
            q |= Q(**{f"{side}_kind": kind, f"{side}_id__in": ids})
    return q


def accepted_match_parties(user) -> ContactParties:
    if not getattr(user, "is_authenticated", False):
        return ContactParties()
    org_ids = user_organization_ids(user)
    person_id = Person.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
    if not org_ids and person_id is None:
        return ContactParties()
    rows = list(
        Match.objects.filter(status=MatchStatus.ACCEPTED)
        .filter(_sides_q("source", org_ids, person_id) | _sides_q("target", org_ids, person_id))
        .values_list("source_kind", "source_id", "target_kind", "target_id")
    )
    objects = objects_for([(k, i) for sk, si, tk, ti in rows for k, i in ((sk, si), (tk, ti))])
    persons: set[int] = set()
    organizations: set[int] = set()

    def entity(kind: str, pk: int) -> tuple[str, int] | None:
        if kind == DocumentKind.EXPERT:
            return ("person", pk)
        obj = objects.get((kind, pk))
        org = owner_organization_id(kind, obj) if obj is not None else None
        return ("org", org) if org is not None else None

    def mine(e: tuple[str, int] | None) -> bool:
        return e is not None and (e == ("person", person_id) or (e[0] == "org" and e[1] in org_ids))

    for sk, si, tk, ti in rows:
        source, target = entity(sk, si), entity(tk, ti)
        for own, other in ((source, target), (target, source)):
            if mine(own) and other is not None:
                (persons if other[0] == "person" else organizations).add(other[1])
    return ContactParties(person_ids=frozenset(persons), organization_ids=frozenset(organizations))
