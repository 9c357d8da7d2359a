"""Named hooks: how a lower app uses behaviour that a higher app provides, without importing it.

Apps import only from apps below them (see `.importlinter`). When a lower app needs something only
a higher app knows — core's site search needs the matching engine, the home page shows counts of
listings, spaces and services — the lower app declares a `Hook` and calls what is registered in
it; the higher app registers a provider from its `AppConfig.ready()`, the way Django's admin
autodiscovers `admin.py` modules:

    # alleyhub/matching/apps.py (higher)
    def ready(self):
        site_search.register(search_object_ids)

    # alleyhub/core/search.py (lower)
    provider = site_search.provider()
    ids = provider(q=q, kind=kind, limit=MAX_RANKED) if provider else []

A hook is declared next to the code that calls it: core's hooks below, `accounts/hooks.py`,
`directory/hooks.py`, `listings/hooks.py`. The caller must work when nothing is registered (an
app left out of INSTALLED_APPS), usually by falling back to what it can do alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

P = TypeVar("P")


class Hook(Generic[P]):
    """An ordered set of providers registered under a name.

    Registering the same provider twice (e.g. `ready()` running again in a test) keeps one entry;
    `key` names an entry so that a second registration with the same key replaces it.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[Any, tuple[int, P]] = {}

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._entries)} provider(s)>"

    def register(self, provider: P, *, key: Any = None, order: int = 0) -> P:
        """Adds `provider` (sorted by `order`, then by registration) and returns it unchanged."""
        self._entries[key if key is not None else provider] = (order, provider)
        return provider

    def providers(self) -> list[P]:
        """Every registered provider, lowest `order` first."""
        return [p for _, p in sorted(self._entries.values(), key=lambda entry: entry[0])]

    def provider(self) -> P | None:
        """The first provider, or None when nothing is registered (for hooks that take one)."""
        found = self.providers()
        return found[0] if found else None

    @contextmanager
    def replaced(self, *providers: P) -> Iterator[Hook[P]]:
        """Within the block only `providers` are registered (for tests); the previous state is
        restored afterwards."""
        saved = dict(self._entries)
        self._entries = {p: (i, p) for i, p in enumerate(providers)}
        try:
            yield self
        finally:
            self._entries = saved


# --- core's own hooks ------------------------------------------------------------------------------

SearchProvider = Callable[..., list[int]]
"""`provider(*, q: str, kind: str, limit: int) -> list[int]`: ids of the objects of `kind` (e.g.
"outcome") that match the text `q`, best first."""

site_search: Hook[SearchProvider] = Hook("core.site_search")
"""The ranking behind every text filter and the site search (registered by matching)."""

TokenAuthenticator = Callable[[str], Any]
"""`authenticator(token) -> User | None`: the active user a personal access token belongs to."""

api_token_authenticators: Hook[TokenAuthenticator] = Hook("core.api_token_authenticators")
"""Bearer tokens accepted by the API (registered by accounts)."""


HOME_SLOTS = ("figures", "glance", "latest", "places")


@dataclass(frozen=True)
class HomeSection:
    """A part of the home page that an app contributes.

    `slot` says where it goes: "figures" (the count cards under 街区概况), "glance" (below the
    cards), "latest" (the grid of latest listings) or "places" (the grid of buildings, platforms and
    sites); within a slot, sections are sorted by `order`. `context()` returns values that are added
    to the page's `overview` dictionary (an app with several sections computes them once, in one of
    them); `template` is included with the page's context, so it reads `overview.<name>`.
    """

    key: str
    slot: str
    order: int
    template: str
    context: Callable[[], dict] | None = None


home_sections: Hook[HomeSection] = Hook("core.home_sections")
"""Sections of the home page (registered by directory, listings, catalogue and spaces)."""


def register_home_section(section: HomeSection) -> HomeSection:
    return home_sections.register(section, key=section.key, order=section.order)


ExportLinks = Callable[..., list[tuple[str, str]]]
"""`provider(*, request, kind: str) -> [(label, url), ...]`: download links for the list page of
`kind` ("outcomes", "demands", "investors", "services", "spaces", "organizations", "people") with
the page's current filters."""

list_exports: Hook[ExportLinks] = Hook("core.list_exports")
"""The Excel / CSV export links of every list page (registered by sheets); none without it."""
