"""Hooks that the directory calls and higher apps fill (see `alleyhub.core.registry`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from alleyhub.core.registry import Hook

if TYPE_CHECKING:  # hooks are imported by AppConfig modules, before models may be imported
    from alleyhub.directory.models import Organization, Person


@dataclass(frozen=True)
class OrganizationSection:
    """A list on an organisation's page of what it owns (its outcomes, services, spaces, …).

    `published(organization)` returns the organisation's published items; the page shows the
    first ones and the total, rendering `template` with `section` = {"items": [...], "total": n}.
    A section without items is not shown."""

    key: str
    order: int
    template: str
    published: Callable[[Organization], QuerySet]


organization_sections: Hook[OrganizationSection] = Hook("directory.organization_sections")
"""Lists on the organisation page (registered by listings, catalogue and spaces)."""


def register_organization_section(section: OrganizationSection) -> OrganizationSection:
    return organization_sections.register(section, key=section.key, order=section.order)


person_contact_consent: Hook[Callable[[Person], bool | None]] = Hook("directory.person_contact_consent")
"""Whether a person agreed to show their contact details (registered by privacy, which records
the consent their account gave): True / False, or None for no opinion. With nothing registered or
no opinion, the person record's own `contact_consent` flag decides."""


@dataclass(frozen=True)
class ContactParties:
    """The people and organisations a user deals with: the other sides of their accepted matches
    and of the cases they take part in."""

    person_ids: frozenset[int] = frozenset()
    organization_ids: frozenset[int] = frozenset()


person_contact_parties: Hook[Callable[[Any], ContactParties]] = Hook("directory.person_contact_parties")
"""Who a user is matched with (registered by matching: accepted matches; by brokerage: cases the
user is a party, broker or co-broker of). A person's contact details are shown to a user only when
the person, or an organisation the person is affiliated with, is among them — and the person
consented (`person_contact_consent`). With nothing registered, only operators and the person see them."""
