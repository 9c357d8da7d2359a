"""Progress roll-up: a parent's progress is the weighted mean of its children's (equal weights
unless set; dropped children do not count), as Decidim's accountability module computes it. An
owner may override a parent's figure by hand (`progress_overridden`, with a reason); the computed
figure is still kept in `computed_progress` so pages show both."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from alleyhub.core.transitions import lock_for_update, versioned_save

from .models import ItemStatus, PlanItem

ONE_PLACE = Decimal("0.1")


def weighted_mean(rows: list[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Mean of (progress, weight) pairs; all-zero weights count as equal. None without rows."""
    if not rows:
        return None
    total = sum((w for _p, w in rows), Decimal(0))
    if total <= 0:
        value = sum((p for p, _w in rows), Decimal(0)) / len(rows)
    else:
        value = sum((p * w for p, w in rows), Decimal(0)) / total
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def computed_for(item: PlanItem) -> Decimal | None:
    rows = list(item.children.exclude(status=ItemStatus.DROPPED).values_list("progress", "weight"))
    return weighted_mean(rows)


def rollup_from(parent_id: int | None) -> list[PlanItem]:
    """Recompute `parent_id` and each of its ancestors, bottom-up, under row locks. Call inside
    the transaction of the child's change. Returns the items whose figures changed."""
    changed: list[PlanItem] = []
    seen: set[int] = set()
    while parent_id is not None and parent_id not in seen:
        seen.add(parent_id)
        node = lock_for_update(PlanItem.objects, pk=parent_id)
        computed = computed_for(node)
        fields: list[str] = []
        if node.computed_progress != computed:
            node.computed_progress = computed
            fields.append("computed_progress")
        if computed is not None and not node.progress_overridden and node.progress != computed:
            node.progress = computed
            fields.append("progress")
        if fields:
            versioned_save(node, update_fields=fields)
            changed.append(node)
        parent_id = node.parent_id
    return changed
