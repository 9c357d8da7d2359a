"""Loads the demo district: every app's own demo data, through one hook per app.

Each app that has demo data has a module `alleyhub/<app>/demo.py` (or a package `demo/`) with a
function `load(ctx)`; the contract and the context are in `alleyhub.core.demo_context`. This module
only orchestrates: it builds the context (seed, scale, batch size, one `now`), refuses to load over
existing data, calls the hooks in order, each in its own transaction, and returns the counts the
command prints.

- The foundation (`FOUNDATION`) is the district itself: demo users, organisations and people,
  listings, the service list and spaces, in that order (each needs what the ones before made).
  It always runs; a failure stops the load (the hooks done before it stay).
- Then the hooks of the other installed apps (brokerage, requests, ...) in app order. They can be
  skipped (`--no-hooks`) or limited (`hook_apps`); one that fails is rolled back and reported
  while the others still run, unless `strict_hooks`.

Generated rows are inserted with `bulk_create` in batches (`alleyhub.core.bulk`), so memory stays
bounded at any `scale`, and nothing is embedded or indexed during the load: the matching index is
rebuilt once at the end (see `_rebuild_matching_index`). Every hook draws from random generators
seeded from the seed, so one seed gives the same names, texts and numbers every time; dates are
relative to the moment of loading.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from alleyhub.core.demo_context import DemoContext, TextStream
from alleyhub.directory.models import Organization
from alleyhub.matching.services import index_rebuild
from alleyhub.matching.tasks import embed_documents, refresh_all_matches

# App labels whose hooks make the district, in the order they run.
FOUNDATION = ("accounts", "directory", "listings", "catalogue", "spaces")

Hook = Callable[[DemoContext], None]


class DemoDataExists(Exception):
    """The database already has organisations: the demo is never loaded over them."""


@dataclass
class LoadReport:
    counts: dict[str, int]
    seconds: float
    skipped: bool = False
    hook_errors: list[str] = field(default_factory=list)


def load_district(
    *,
    seed: int = 2026,
    scale: int = 1,
    batch_size: int = 5000,
    stdout: TextStream | None = None,
    run_hooks: bool = True,
    strict_hooks: bool = False,
    hook_apps: set[str] | None = None,
    rebuild_index: bool = True,
    schedule_embedding: bool = True,
) -> LoadReport:
    """Load the demo district into an empty database.

    Raises DemoDataExists when any organisation exists (nothing is changed then). Each hook is
    atomic; if a foundation hook fails, the earlier ones stay and the error propagates.
    `run_hooks=False` loads the foundation only; `hook_apps` limits the other apps' hooks to those
    app labels (None: every app that has one).
    """
    if scale < 1 or batch_size < 1:
        raise ValueError("scale and batch_size must be positive")
    if Organization.objects.exists():
        raise DemoDataExists(Organization.objects.count())
    started = time.monotonic()
    now = timezone.now().replace(microsecond=0)
    ctx = DemoContext(
        seed=seed,
        scale=scale,
        batch_size=batch_size,
        rng=random.Random(seed),
        now=now,
        today=timezone.localdate(now),
        stdout=stdout or sys.stdout,
    )
    hooks = discover_hooks()
    for label in FOUNDATION:
        _run_hook(ctx, label, hooks[label])  # their phases print their own times
    errors = run_app_hooks(ctx, strict=strict_hooks, only=hook_apps, hooks=hooks) if run_hooks else []
    if rebuild_index:
        _rebuild_matching_index(ctx, schedule_embedding=schedule_embedding)
    return LoadReport(dict(ctx.counts), time.monotonic() - started, hook_errors=errors)


def discover_hooks() -> dict[str, Hook]:
    """`load` of `alleyhub.<app>.demo` by app label, for every installed app that has one, in app
    order (settings.INSTALLED_APPS)."""
    hooks: dict[str, Hook] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("alleyhub.") or config.name == "alleyhub.demo":
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        hook = getattr(importlib.import_module(module_name), "load", None)
        if callable(hook):
            hooks[config.label] = hook
    return hooks


def run_app_hooks(
    ctx: DemoContext,
    *,
    strict: bool = False,
    only: set[str] | None = None,
    hooks: dict[str, Hook] | None = None,
) -> list[str]:
    """Call the demo hook of every installed app outside the foundation (see
    `alleyhub.core.demo_context`). Returns the errors of the hooks that failed (and were rolled
    back); with `strict` the first failure is raised instead."""
    errors = []
    for label, hook in (discover_hooks() if hooks is None else hooks).items():
        if label in FOUNDATION or (only is not None and label not in only):
            continue
        t0 = time.monotonic()
        try:
            _run_hook(ctx, label, hook)
        except Exception as exc:
            if strict:
                raise
            module_name = f"{apps.get_app_config(label).name}.demo"
            errors.append(f"{module_name}: {exc!r}")
            ctx.log(f"  ! {module_name}.load failed and was rolled back:\n{traceback.format_exc()}")
            continue
        ctx.log(f"  {label + '.demo':<14} {time.monotonic() - t0:6.1f} s")
    return errors


def _run_hook(ctx: DemoContext, label: str, hook: Hook) -> None:
    """One hook, in its own transaction, with a random generator of its own."""
    ctx.rng = ctx.rng_for(f"hook:{label}")
    with transaction.atomic():
        hook(ctx)


def _rebuild_matching_index(ctx: DemoContext, *, schedule_embedding: bool = True) -> None:
    """bulk_create sent no post_save, so the matching index does not know the demo rows yet:
    re-derive the (lexical) index rows now, and queue the embeddings as background work."""
    t0 = time.monotonic()
    result = index_rebuild()
    ctx.log(f"  {'matching index':<14} {time.monotonic() - t0:6.1f} s  ({result.indexed} documents)")
    if not schedule_embedding:
        return
    # Lexical matches first, so "my matches" and the demand pages have something at once; the
    # embedding task recomputes every match with semantics when its last chunk is done.
    refresh_all_matches.enqueue(after_pk=0)
    embed_documents.enqueue(doc_ids=None)
    ctx.log("  matching: matches and embeddings queued as background tasks")
