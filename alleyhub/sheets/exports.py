"""Exports of the list pages: the same filter form and the same list selector the page uses, so the
file holds exactly the rows the user sees (published ones, plus the drafts they may see; never
confidential details, and contact details only where the page would show them)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from alleyhub.catalogue.forms import ServiceFilterForm
from alleyhub.catalogue.selectors import service_list_for_user
from alleyhub.core.bulk import chunked
from alleyhub.directory import selectors as directory_selectors
from alleyhub.directory.filters import OrganizationFilter
from alleyhub.directory.models import Organization, Person
from alleyhub.listings import selectors as listing_selectors
from alleyhub.listings.forms import DemandFilterForm, InvestorFilterForm, OutcomeFilterForm
from alleyhub.spaces.forms import UnitFilterForm
from alleyhub.spaces.selectors import unit_list_for_user

from .importer import _affiliations, _fewer_gc_passes, _m2m_current
from .specs import SPECS, KindSpec, Lookups

FORMATS = ("xlsx", "csv")
CHUNK = 2000
CONTACT_FIELDS = {"contact_name", "contact_email", "contact_phone"}


def export_links(*, request: HttpRequest, kind: str) -> list[tuple[str, str]]:
    """The page's download links (the `core.registry.list_exports` provider)."""
    if kind not in SPECS:
        return []
    query = urlencode([(k, v) for k, values in request.GET.lists() for v in values if k != "page"])
    links = []
    for fmt, label in (("xlsx", _("Excel")), ("csv", "CSV")):
        url = reverse("sheets:export", kwargs={"kind": kind, "fmt": fmt})
        links.append((label, f"{url}?{query}" if query else url))
    return links


def export_queryset(*, kind: str, user: Any, params: Any) -> QuerySet:
    """The rows of the list page of `kind` for `user` with the page's filter values `params`."""
    data = params or None
    if kind == "outcomes":
        return listing_selectors.outcome_list(user=user, params=OutcomeFilterForm(data).params())
    if kind == "demands":
        return listing_selectors.demand_list(user=user, params=DemandFilterForm(data).params())
    if kind == "investors":
        return listing_selectors.investor_list(user=user, params=InvestorFilterForm(data).params())
    if kind == "services":
        return service_list_for_user(user=user, **ServiceFilterForm(data).service_filters())
    if kind == "spaces":
        return unit_list_for_user(user=user, **UnitFilterForm(data).filters())
    if kind == "organizations":
        return OrganizationFilter(data, queryset=Organization.objects.none()).results_for(user)
    if kind == "people":
        person_kind = (params or {}).get("kind", "")
        return directory_selectors.person_list(
            user=user,
            kind=person_kind if person_kind in Person.Kind.values else "",
            q=(params or {}).get("q", "")[: directory_selectors.SEARCH_MAX_LENGTH],
        )
    raise Http404


def export_objects(spec: KindSpec, queryset: QuerySet, *, user: Any) -> Iterator[Any]:
    """The objects of `queryset` with what the columns need attached (many-to-many ids, a
    person's primary affiliation), a chunk at a time so memory stays bounded; contact details
    blanked where the user may not see them."""
    org_contacts = directory_selectors.organization_contact_visible(user=user)
    with _fewer_gc_passes():
        yield from _objects(spec, queryset, user=user, org_contacts=org_contacts)


def _objects(spec: KindSpec, queryset: QuerySet, *, user: Any, org_contacts: bool) -> Iterator[Any]:
    # The many-to-many ids come in one query per chunk below; the page's prefetches are not needed.
    for chunk in chunked(queryset.prefetch_related(None).iterator(chunk_size=CHUNK), CHUNK):
        pks = [obj.pk for obj in chunk]
        m2m = _m2m_current(spec, pks)
        affiliations = _affiliations(pks) if spec.key == "people" else {}
        for obj in chunk:
            obj._sheets_m2m = m2m.get(obj.pk, {})
            if spec.key == "people":
                link = affiliations.get(obj.pk, {})
                obj.organization_id = link.get("organization")
                obj.position = link.get("position", "")
                if not directory_selectors.person_contact_visible(person=obj, user=user):
                    obj.email = ""
            if spec.key == "organizations" and not org_contacts:
                for name in CONTACT_FIELDS:
                    setattr(obj, name, "")
            yield obj


def export_lookups() -> Lookups:
    return Lookups().load()
