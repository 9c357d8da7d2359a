"""The context handed to every app's demo hook.

Extension hook contract
-----------------------
After the foundation data is loaded, `demo_district` looks at every installed app whose name starts
with ``alleyhub.`` and that has a module ``demo`` with a function ``load(ctx)``, e.g.
``alleyhub/brokerage/demo.py``::

    def load(ctx: DemoContext) -> None:
        broker = ctx.users["broker"]
        demands = TechDemand.objects.filter(status="published").order_by("id")[:40]
        ctx.bulk_create(Case, (Case(...) for d in demands))   # batched, counted in the final table

Each hook runs in its own transaction, in app order (settings.INSTALLED_APPS). If it raises, its
transaction is rolled back, the error is printed and the other hooks still run (with
``--strict-hooks`` the command stops instead). Hooks must be deterministic for a given seed: draw
only from ``ctx.rng``, and use ``ctx.now`` / ``ctx.today`` for dates. Use ``bulk_create`` (or
``ctx.bulk_create``) rather than per-row services where there can be many rows, and do not embed or
call external services synchronously.

What `ctx` holds:

``seed``, ``scale``, ``batch_size``
    The command's options. Scale the number of rows a hook creates by ``ctx.scale``.
``rng``
    A ``random.Random`` seeded from (seed, app label): private to the hook, deterministic.
``now``, ``today``
    One timestamp (aware) and date for the whole load.
``stdout``
    Where to write progress: a Django ``OutputWrapper`` or any text stream; ``ctx.log(message)``.
``users``
    Demo users by persona key: ``operator``, ``task_force``, ``unit_staff``, ``broker``,
    ``enterprise``, ``researcher``, ``investor`` (see ``alleyhub.demo.accounts.DEMO_ACCOUNTS``).
``orgs``
    The real and showcase organisations by slug, e.g. ``simit``, ``siccas``, ``donghua``,
    ``xinwei-group``, ``huatai-innovation``, ``ic-poc-center``, ``task-force``,
    ``changning-stc``, ``changning-samr``, ``huayang-subdistrict``, ... (``real_entities.py``),
    plus ``showcase-enterprise`` and ``showcase-investor``. Generated organisations are not in it.
``government_units``
    The government units (incl. the task force) by slug: a subset of ``orgs``.
``org_ids_by_kind``
    Ids of every organisation (real and generated) by ``OrganizationKind`` value. At large
    scales these lists are long; sample from them with ``ctx.rng``.
``industries``
    ``Industry`` rows by code (``ic``, ``ic-mems``, ``new-materials-ceramics``, ...).
``counts``
    A ``Counter`` of rows created, by label; ``ctx.bulk_create`` adds to it, or call
    ``ctx.count(label, n)``. The command prints it as the final table.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any

from django.db import models


def chunked(iterable: Iterable, size: int) -> Iterator[list]:
    it = iter(iterable)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass
class DemoContext:
    seed: int
    scale: int
    batch_size: int
    rng: random.Random
    now: datetime
    today: date
    stdout: Any
    users: dict[str, Any] = field(default_factory=dict)
    orgs: dict[str, Any] = field(default_factory=dict)
    government_units: dict[str, Any] = field(default_factory=dict)
    org_ids_by_kind: dict[str, list[int]] = field(default_factory=dict)
    industries: dict[str, Any] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    def log(self, message: str) -> None:
        self.stdout.write(message if message.endswith("\n") else message + "\n")

    def rng_for(self, name: str) -> random.Random:
        """A generator of its own for `name`, so each part stays deterministic on its own."""
        return random.Random(f"{self.seed}:{name}")

    def count(self, label: str, n: int) -> None:
        self.counts[label] += n

    def bulk_create(
        self,
        model: type[models.Model],
        objs: Iterable[models.Model],
        *,
        label: str | None = None,
        after_batch: Callable[[list], None] | None = None,
    ) -> int:
        """Insert `objs` (any iterable, consumed lazily) in batches of `batch_size`, call
        `after_batch(created)` after each batch (e.g. to insert M2M rows), count them under `label`
        (default: the model's label). Returns the number of rows created."""
        total = 0
        for chunk in chunked(objs, self.batch_size):
            created = model.objects.bulk_create(chunk, batch_size=self.batch_size)
            if after_batch:
                after_batch(created)
            total += len(created)
        self.count(label or model._meta.label, total)
        return total
