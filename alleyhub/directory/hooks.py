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


organization_changed: Hook[Callable[[int], None]] = Hook("directory.organization_changed")
"""`provider(organization_id)`: called inside the transaction that changed an organisation's
profile or approval state (directory.services); providers only schedule work for after the
commit (matching re-indexes the organisation and its listings, whose public visibility follows
the organisation's approval).

`provider(...)` of `directory_notifier` below sends one notification."""


@dataclass(frozen=True)
class DirectoryNotice:
    """A notification the directory asks for: `code` is registered in notifications.messages,
    `context` fills its placeholders (models and lazy strings are rendered in the recipient's
    language), `url` is the link."""

    recipient: Any
    code: str
    context: dict
    url: str = ""
    target: Any = None


directory_notifier: Hook[Callable[[DirectoryNotice], None]] = Hook("directory.notifier")
"""Sends a DirectoryNotice (registered by notifications, which sits above the directory). With
nothing registered nobody is notified; the change itself still happens."""


person_contact_consent: Hook[Callable[[Person], bool | None]] = Hook("directory.person_contact_consent")
"""Whether a person agreed to show their contact details (registered by privacy, which records
the consent their account gave): True / False, or None for no opinion. With nothing registered or
no opinion, the person record's own `contact_consent` flag decides."""


confidential_viewers: Hook[Callable[..., bool]] = Hook("directory.confidential_viewers")
"""`check(*, user, listing) -> bool`: True when `user` may see the confidential part of `listing`
(and its confidential attachments) for a reason the directory does not know about. Listings
registers its `confidential_access` grantors here (brokerage case parties)."""


@dataclass(frozen=True)
class ListingKind:
    """A kind of listing that takes attachments, e.g. "service": `get_for_user(pk=, user=)` is
    the app's selector (raising Http404 / PermissionDenied), `detail_url` the URL name of its page."""

    slug: str
    model: type
    get_for_user: Callable[..., Any]
    detail_url: str


listing_kinds: Hook[ListingKind] = Hook("directory.listing_kinds")
"""The listing kinds the one attachment upload view serves (registered by listings, catalogue
and spaces)."""


def register_listing_kind(kind: ListingKind) -> ListingKind:
    return listing_kinds.register(kind, key=kind.slug)


def listing_kind(slug: str) -> ListingKind | None:
    return next((k for k in listing_kinds.providers() if k.slug == slug), None)


def listing_kind_of(listing: Any) -> ListingKind | None:
    return next((k for k in listing_kinds.providers() if k.model is type(listing)), None)


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
