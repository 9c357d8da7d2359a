"""Demo data for freshness (called by the demo loader through `load(ctx)`).

The foundation hooks insert listings with `bulk_create`, which stamps every row's `updated_at`
with the moment of loading; listings the generator made "not confirmed for a long time" would then
look freshly saved. This hook sets `updated_at` back to when each listing was last confirmed (or
published), so the demo shows stale listings, their badge, the operators' list and the reminders
as a district would have them. Drafts keep their fresh `updated_at`."""

from __future__ import annotations

from django.db.models import F

from alleyhub.core.demo_context import DemoContext

from .kinds import KINDS


def load(ctx: DemoContext) -> None:
    with ctx.phase("freshness"):
        backdated = 0
        for kind in KINDS.values():
            manager = kind.model._default_manager
            # A queryset update: no signal, no index sync, no version bump (nothing was edited).
            n = manager.filter(last_confirmed_at__isnull=False).update(updated_at=F("last_confirmed_at"))
            n += manager.filter(last_confirmed_at__isnull=True, published_at__isnull=False).update(
                updated_at=F("published_at")
            )
            backdated += n
        ctx.count("freshness: listings dated to their last confirmation", backdated)
