"""The demo hook contract: the context every app's `demo.load(ctx)` receives, and the helpers the
hooks share to make records that look like the ones users write.

It lives in core so that every app can write its own demo data without importing the demo app
(which sits above them all): `alleyhub.demo.loader` builds one `DemoContext` and hands it to the
hooks; the hooks read what the hooks before them left in it and add their own part.

Extension hook contract
-----------------------
`manage.py demo_district` calls ``load(ctx)`` of the module ``demo`` of every installed app under
``alleyhub.`` that has one, e.g. ``alleyhub/brokerage/demo.py``::

    def load(ctx: DemoContext) -> None:
        broker = ctx.users["broker"]
        demands = TechDemand.objects.filter(status="published").order_by("id")[:40]
        ctx.bulk_create(Case, (Case(...) for d in demands))   # batched, counted in the final table

The foundation (accounts, directory, listings, catalogue, spaces: `alleyhub.demo.loader.FOUNDATION`)
runs first, in that order, always, and a failure stops the load. The other hooks follow in app order
(settings.INSTALLED_APPS); each runs in its own transaction. If one raises, its transaction is rolled
back, the error is printed and the other hooks still run (with ``--strict-hooks`` the command stops
instead). Hooks must be deterministic for a given seed: draw only from ``ctx.rng`` (or
``ctx.rng_for(name)``), and use ``ctx.now`` / ``ctx.today`` for dates. Use ``ctx.bulk_create``
rather than per-row services where there can be many rows, and do not embed or call external
services synchronously.

What `ctx` holds:

``seed``, ``scale``, ``batch_size``
    The command's options. Scale the number of rows a hook creates by ``ctx.scale``.
``rng``
    A ``random.Random`` seeded from (seed, app label): private to the hook, deterministic.
``now``, ``today``
    One timestamp (aware) and date for the whole load.
``stdout``
    Where to write progress: a Django ``OutputWrapper`` or any text stream; ``ctx.log(message)``,
    ``with ctx.phase(name):`` (prints how long the part took).
``users``
    Demo users by persona key: ``operator``, ``task_force``, ``unit_staff``, ``broker``,
    ``enterprise``, ``researcher``, ``investor`` (see ``alleyhub.accounts.demo.DEMO_ACCOUNTS``).
``orgs``
    The real and showcase organisations by slug, e.g. ``simit``, ``siccas``, ``donghua``,
    ``xinwei-group``, ``huatai-innovation``, ``ic-poc-center``, ``task-force``,
    ``changning-stc``, ``changning-samr``, ``huayang-subdistrict``, ...
    (``alleyhub/directory/demo/data/real_orgs.py``), plus ``showcase-enterprise`` and
    ``showcase-investor``. Generated organisations are not in it.
``government_units``
    The government units (incl. the task force) by slug: a subset of ``orgs``.
``org_ids_by_kind``
    Ids of every organisation (real and generated) by ``OrganizationKind`` value. At large
    scales these lists are long; sample from them with ``ctx.rng``.
``enterprises_by_sector``, ``institutes_by_sector``, ``service_providers_by_category``
    Ids of enterprises and institutes by the industry code of their sector, of service providers
    by service category (filled by the directory hook, read by the listings and catalogue hooks).
``people_by_org``, ``expert_ids``
    Ids of researchers and entrepreneurs by their organisation's id, and of experts (inventors).
``industries``
    ``Industry`` rows by code (``ic``, ``ic-mems``, ``new-materials-ceramics``, ...).
``counts``
    A ``Counter`` of rows created, by label; ``ctx.bulk_create`` adds to it, or call
    ``ctx.count(label, n)``. The command prints it as the final table.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol, TypeVar

from django.db import models

from .bulk import BulkRow, bulk_create_rows
from .models import ListingStatus

M = TypeVar("M", bound=models.Model)

ENGLISH_SHARE = 0.22  # listings written in English originally
BILINGUAL_SHARE = 0.3  # of the others, also filled in the other language


class _HasTitle(Protocol):
    @property
    def title(self) -> tuple[str, ...]: ...


Titled = TypeVar("Titled", bound=_HasTitle)


class TextStream(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass
class DemoContext:
    seed: int
    scale: int
    batch_size: int
    rng: random.Random
    now: datetime
    today: date
    stdout: TextStream
    users: dict[str, Any] = field(default_factory=dict)
    orgs: dict[str, Any] = field(default_factory=dict)
    government_units: dict[str, Any] = field(default_factory=dict)
    org_ids_by_kind: dict[str, list[int]] = field(default_factory=dict)
    enterprises_by_sector: dict[str, list[int]] = field(default_factory=dict)
    institutes_by_sector: dict[str, list[int]] = field(default_factory=dict)
    service_providers_by_category: dict[str, list[int]] = field(default_factory=dict)
    people_by_org: dict[int, list[int]] = field(default_factory=dict)
    expert_ids: list[int] = field(default_factory=list)
    industries: dict[str, Any] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def log(self, message: str) -> None:
        self.stdout.write(message if message.endswith("\n") else message + "\n")

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Prints how long the enclosed part of a hook took, as `  <name>  1.2 s`."""
        t0 = time.monotonic()
        yield
        self.log(f"  {name:<14} {time.monotonic() - t0:6.1f} s")

    def rng_for(self, name: str) -> random.Random:
        """A generator of its own for `name`, so each part stays deterministic on its own."""
        return random.Random(f"{self.seed}:{name}")

    def count(self, label: str, n: int) -> None:
        self.counts[label] += n

    def industry_ids(self, codes: Iterable[str]) -> list[int]:
        """Ids of the industries of `codes` that exist, each once, in the order given."""
        return [self.industries[c].pk for c in dict.fromkeys(codes) if c in self.industries]

    def bulk_create(
        self,
        model: type[M],
        rows: Iterable[BulkRow[M] | M],
        *,
        label: str | None = None,
        m2m: Sequence[str] = (),
        after_batch: Callable[[list[BulkRow[M]]], None] | None = None,
    ) -> int:
        """`alleyhub.core.bulk.bulk_create_rows` in batches of `batch_size`, counted: the rows under
        `label` (default: the model's label), their M2M links under ``<model label>.<field>``.
        Returns the number of rows created."""
        counts = bulk_create_rows(model, rows, batch_size=self.batch_size, m2m=m2m, after_batch=after_batch)
        total = counts.pop(model._meta.label)
        self.count(label or model._meta.label, total)
        self.counts.update(counts)
        return total

    def listing_state(self, rng: random.Random) -> dict[str, Any]:
        """Status and dates of a listing: most published and fresh, some stale, drafts and archived."""
        now, today = self.now, self.today
        r = rng.random()
        if r < 0.08:
            return {
                "status": ListingStatus.DRAFT,
                "published_at": None,
                "expires_on": today + timedelta(days=rng.randint(90, 365)),
                "last_confirmed_at": None,
            }
        if r < 0.15:
            published = now - timedelta(days=rng.randint(300, 900), hours=rng.randint(0, 23))
            return {
                "status": ListingStatus.ARCHIVED,
                "published_at": published,
                "expires_on": today - timedelta(days=rng.randint(10, 200)),
                "last_confirmed_at": published + timedelta(days=rng.randint(0, 90)),
            }
        published = now - timedelta(
            days=rng.randint(1, 600), hours=rng.randint(0, 23), minutes=rng.randint(0, 59)
        )
        stale = rng.random()
        if stale < 0.08:  # expired but still published
            expires = today - timedelta(days=rng.randint(1, 120))
            confirmed = published + timedelta(days=rng.randint(0, 30))
        elif stale < 0.16:  # not confirmed for a long time
            expires = today + timedelta(days=rng.randint(30, 365))
            confirmed = now - timedelta(days=rng.randint(200, 500))
        else:
            expires = today + timedelta(days=rng.randint(30, 540))
            confirmed = now - timedelta(days=rng.randint(0, 150), hours=rng.randint(0, 23))
        confirmed = max(confirmed, published)
        return {
            "status": ListingStatus.PUBLISHED,
            "published_at": published,
            "expires_on": expires,
            "last_confirmed_at": min(confirmed, now),
        }


def language(rng: random.Random) -> tuple[str, bool]:
    """(original language, also filled in the other language?) of a generated record."""
    if rng.random() < ENGLISH_SHARE:
        return "en", rng.random() < 0.4
    return "zh", rng.random() < BILINGUAL_SHARE


def bilingual(lang: str, both: bool, pair: tuple[str, str]) -> tuple[str, str]:
    """(zh, en) values of a text field for a record written in `lang`."""
    zh, en = pair
    if lang == "zh":
        return zh, en if both else ""
    return zh if both else "", en


def money(rng: random.Random, lows: tuple[int, ...], factors: tuple[float, ...]) -> tuple[int, int]:
    """A (low, high) amount in yuan: a low of `lows` × 10,000 and a high `factors` times it."""
    low = rng.choice(lows) * 10_000
    return low, int(low * rng.choice(factors))


def existing_titles(model: type[models.Model]) -> list[str]:
    """Titles already in the table (e.g. the showcase listings), so generated ones differ from them."""
    return [
        t for pair in model._default_manager.values_list("title_zh", "title_en")[:10_000] for t in pair if t
    ]


class TitleRegistry:
    """The titles (zh and en) already given, so a generator can draw again when a title is taken.

    Memory stays bounded at any --scale: after `limit` titles it forgets them all and starts a new
    window (titles are then distinct within each window; at scale 1 everything fits in one). When the
    templates run out of new titles (benchmark scales), `draw` notices and stops retrying, so a big
    load costs one draw per row, as before.
    """

    def __init__(self, initial: Iterable[str] = (), limit: int = 100_000):
        self.limit = limit
        self.seen: set[str] = {t for t in initial if t}
        self.exhaustion = 0.0  # moving share of draws that found no free title

    def claim(self, *titles: str) -> bool:
        """Take `titles` if none is taken yet (empty ones are ignored); False if one is."""
        titles = tuple(t for t in titles if t)
        if any(t in self.seen for t in titles):
            return False
        if len(self.seen) + len(titles) > self.limit:
            self.seen.clear()
            self.exhaustion = 0.0
        self.seen.update(titles)
        return True

    def draw(self, make: Callable[[], Titled], attempts: int = 30) -> Titled:
        """`make()` (returning something with a `.title` pair) until its title is free, at most
        `attempts` times, once when recent draws kept failing; returns the last one made."""
        tries = 1 if self.exhaustion > 0.3 else attempts
        for _ in range(tries):
            made = make()
            if self.claim(*made.title):
                self.exhaustion *= 0.98
                return made
        self.exhaustion = self.exhaustion * 0.98 + 0.02
        return made
