"""Writes for the plan and its KPIs. Every function checks who acts (PermissionDenied), validates
(ValidationError / ApplicationError, nothing half-saved: each runs in one transaction), records an
audit entry and a timeline event in that transaction, and notifies after commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import Role, User
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.transitions import lock_for_update, version_check, versioned_save
from alleyhub.core.uploads import upload_validate
from alleyhub.directory.models import Organization, OrganizationKind
from alleyhub.notifications.models import Notification
from alleyhub.notifications.services import notify

from .models import (
    CLOSED_STATUSES,
    ActionPlan,
    EventKind,
    ItemStatus,
    Kpi,
    KpiSource,
    KpiValue,
    PlanItem,
    PlanItemEvent,
    ProgressUpdate,
    UpdateEvidence,
    UpdateStatus,
)
from .rollup import rollup_from
from .selectors import is_plan_owner, item_roles, kpi_roles, user_unit_ids
from .transitions import ITEM_MOVES, OWNER, REVIEW_MOVES, UNIT

STALE_DAYS = 30
MAX_EVIDENCE_FILES = 5

# Fields an owner edits on the item form / API (links are set with `links`).
EDITABLE = (
    "code",
    "kind",
    "title_zh",
    "title_en",
    "description",
    "lead_unit",
    "lead_person",
    "start_date",
    "due_date",
    "weight",
    "position",
    "other_link",
)
LINKS = (
    "cooperating_units",
    "organizations",
    "buildings",
    "space_units",
    "renewal_sites",
    "cases",
    "services",
)


def _event(item: PlanItem, kind: str, actor, note: str = "", **data: Any) -> PlanItemEvent:
    return PlanItemEvent.objects.create(
        item=item,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        data={k: str(v) if isinstance(v, (Decimal, date)) else v for k, v in data.items()},
        at=timezone.now(),
    )


def _require_owner(actor) -> None:
    if not is_plan_owner(actor):
        raise PermissionDenied(_("只有街区运营方和工作专班可以编辑行动方案。"))


def _task_force() -> list[User]:
    return list(User.objects.filter(is_active=True, role=Role.TASK_FORCE).order_by("pk"))


def _unit_staff(unit_ids: Iterable[int | None]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, role=Role.UNIT_STAFF, memberships__organization_id__in=list(unit_ids)
        )
        .distinct()
        .order_by("pk")
    )


def _check_dates(item: PlanItem, parent: PlanItem | None) -> None:
    """A child is due no later than its parent and starts no earlier; a parent is due no earlier
    than any of its children."""
    errors: dict[str, list[str]] = {}
    if parent is not None:
        if item.due_date and parent.due_date and item.due_date > parent.due_date:
            errors.setdefault("due_date", []).append(
                _("完成时限不能晚于上级事项「%(parent)s」的完成时限 %(due)s。")
                % {"parent": parent, "due": parent.due_date.isoformat()}
            )
        if item.start_date and parent.start_date and item.start_date < parent.start_date:
            errors.setdefault("start_date", []).append(
                _("开始日期不能早于上级事项「%(parent)s」的开始日期 %(start)s。")
                % {"parent": parent, "start": parent.start_date.isoformat()}
            )
    if item.pk and item.due_date:
        later = item.children.filter(due_date__gt=item.due_date).order_by("-due_date").first()
        if later is not None:
            errors.setdefault("due_date", []).append(
                _("完成时限不能早于下级事项「%(child)s」的完成时限 %(due)s。")
                % {"child": later, "due": str(later.due_date)}
            )
    if errors:
        raise ValidationError(errors)


def _check_parent(item: PlanItem, parent: PlanItem | None) -> None:
    if parent is None:
        return
    if parent.plan_id != item.plan_id:
        raise ValidationError({"parent": [_("上级事项必须属于同一行动方案。")]})
    node: PlanItem | None = parent
    while node is not None:
        if item.pk and node.pk == item.pk:
            raise ValidationError({"parent": [_("不能把事项移到它自己或它的下级事项之下（会形成循环）。")]})
        node = node.parent


def _check_unit(unit: Organization | None, field: str = "lead_unit") -> None:
    if unit is not None and unit.kind != OrganizationKind.GOVERNMENT_UNIT:
        raise ValidationError({field: [_("责任单位必须是政府部门。")]})


def plan_create(
    *,
    slug: str,
    title_zh: str,
    year_start: int,
    year_end: int,
    actor,
    title_en: str = "",
    description: str = "",
) -> ActionPlan:
    _require_owner(actor)
    plan = ActionPlan(
        slug=slug,
        title_zh=title_zh,
        title_en=title_en,
        description=description,
        year_start=year_start,
        year_end=year_end,
    )
    with transaction.atomic():
        plan.full_clean()
        plan.save()
        audit_record(actor=actor, target=plan, code="plans.plan.created")
    return plan


def _set_links(item: PlanItem, links: dict[str, Iterable[Any]] | None) -> None:
    for name, values in (links or {}).items():
        if name not in LINKS:
            raise ApplicationError(_("未知的关联：%(name)s") % {"name": name})
        values = list(values)
        if name == "cooperating_units":
            for unit in values:
                _check_unit(unit, "cooperating_units")
        getattr(item, name).set(values)


def item_create(
    *,
    plan: ActionPlan,
    actor,
    parent: PlanItem | None = None,
    progress: Decimal | int | None = None,
    status: str = ItemStatus.NOT_STARTED,
    links: dict[str, Iterable[Any]] | None = None,
    **fields: Any,
) -> PlanItem:
    """A new item under `parent` (None: top level). Raises ValidationError for bad figures or a
    due date after the parent's; rolls the parent up."""
    _require_owner(actor)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ApplicationError(_("未知的字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    item = PlanItem(plan=plan, parent=parent, status=status, **fields)
    if progress is not None:
        item.progress = Decimal(progress)
    with transaction.atomic():
        _check_parent(item, parent)
        _check_unit(item.lead_unit)
        _check_dates(item, parent)
        item.full_clean()
        item.save()
        _set_links(item, links)
        _event(item, EventKind.CREATED, actor)
        audit_record(
            actor=actor,
            target=item,
            code="plans.item.created",
            data={"parent": parent.pk if parent else None},
        )
        rollup_from(item.parent_id)
    return item


def item_update(
    *,
    item_id: int,
    actor,
    expected_version: int | None = None,
    parent: PlanItem | None | str = "unchanged",
    progress: Decimal | int | None = None,
    links: dict[str, Iterable[Any]] | None = None,
    **fields: Any,
) -> PlanItem:
    """Edit an item; `parent` moves it (None: to the top level). A leaf's `progress` may be set
    here; a parent's figure is rolled up (override it with `item_progress_override`). Raises
    ValidationError for a cycle, dates that do not fit, progress outside 0–100; ConflictError
    for a stale version. Rolls up both the old and the new parent."""
    _require_owner(actor)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ApplicationError(_("未知的字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    with transaction.atomic():
        item = lock_for_update(PlanItem.objects, pk=item_id)
        version_check(item, expected_version)
        old_parent_id = item.parent_id
        before = {name: getattr(item, name) for name in fields}
        for name, value in fields.items():
            setattr(item, name, value)
        if parent != "unchanged":
            assert parent is None or isinstance(parent, PlanItem)
            _check_parent(item, parent)
            item.parent = parent
        if progress is not None:
            if item.children.exists():
                raise ValidationError(
                    {"progress": [_("有下级事项的进度由下级汇总；如需手动设定，请填写理由进行覆盖。")]}
                )
            item.progress = Decimal(progress)
        _check_unit(item.lead_unit)
        _check_dates(item, item.parent)
        item.full_clean()
        versioned_save(item)
        _set_links(item, links)
        changes = {k: str(getattr(item, k)) for k in fields if before.get(k) != getattr(item, k)}
        if progress is not None:
            changes["progress"] = str(item.progress)
        if item.parent_id != old_parent_id:
            _event(item, EventKind.MOVED, actor, old_parent=old_parent_id, new_parent=item.parent_id)
            rollup_from(old_parent_id)
        if changes:
            _event(item, EventKind.EDITED, actor, **changes)
        audit_record(
            actor=actor, target=item, code="plans.item.updated", data={**changes, "parent": item.parent_id}
        )
        rollup_from(item.parent_id)
        item.refresh_from_db()
    return item


def item_progress_override(
    *,
    item_id: int,
    actor,
    progress: Decimal | int | None,
    reason: str = "",
    expected_version: int | None = None,
) -> PlanItem:
    """Set a parent's figure by hand (a reason is required), or with `progress=None` go back to
    the rolled-up figure. The computed figure stays in `computed_progress`."""
    _require_owner(actor)
    with transaction.atomic():
        item = lock_for_update(PlanItem.objects, pk=item_id)
        version_check(item, expected_version)
        if progress is None:
            item.progress_overridden = False
            item.override_reason = ""
            if item.computed_progress is not None:
                item.progress = item.computed_progress
            kind = EventKind.OVERRIDE_CLEARED
        else:
            if not (reason or "").strip():
                raise ValidationError({"override_reason": [_("手动设定进度须填写理由。")]})
            item.progress = Decimal(progress)
            item.progress_overridden = True
            item.override_reason = reason.strip()
            kind = EventKind.OVERRIDE
        item.full_clean()
        versioned_save(item, update_fields=["progress", "progress_overridden", "override_reason"])
        _event(item, kind, actor, reason or "", progress=item.progress, computed=item.computed_progress)
        audit_record(
            actor=actor,
            target=item,
            code=f"plans.item.{kind}",
            data={"progress": str(item.progress), "reason": reason},
        )
        rollup_from(item.parent_id)
    return item


def item_move_status(
    *, item_id: int, action: str, actor, note: str = "", expected_version: int | None = None
) -> PlanItem:
    """Change an item's status through ITEM_MOVES (who may: OWNER / UNIT per move). Dropping or
    reopening rolls the parent up (dropped children do not count)."""
    with transaction.atomic():
        item = lock_for_update(PlanItem.objects, pk=item_id)
        roles = item_roles(item=item, user=actor)
        if not roles:
            raise PermissionDenied(_("您无权修改此事项。"))
        version_check(item, expected_version)
        move = ITEM_MOVES.check(item, action, roles=roles, note=note)
        old = item.status
        item.status = move.target
        fields = ["status"]
        if move.target == ItemStatus.DONE and not item.children.exists():
            item.progress = Decimal(100)
            fields.append("progress")
        versioned_save(item, update_fields=fields)
        _event(item, EventKind.STATUS, actor, note, old=old, new=item.status)
        audit_record(
            actor=actor,
            target=item,
            code="plans.item.status_changed",
            data={"from": old, "to": item.status, "note": note},
        )
        rollup_from(item.parent_id)
    return item


def item_delete(*, item_id: int, actor) -> None:
    _require_owner(actor)
    with transaction.atomic():
        item = lock_for_update(PlanItem.objects, pk=item_id)
        if item.updates.exists() or item.children.exists():
            raise ApplicationError(_("已有下级事项或进展报送的事项不能删除，可改为“取消”。"), status=409)
        parent_id = item.parent_id
        audit_record(actor=actor, target=item, code="plans.item.deleted", data={"title": item.title_zh})
        item.delete()
        rollup_from(parent_id)


# --- progress updates -------------------------------------------------------------------------


def update_post(
    *,
    item: PlanItem,
    actor,
    text: str,
    progress: Decimal | int,
    files: Iterable[UploadedFile] = (),
    unit: Organization | None = None,
) -> ProgressUpdate:
    """A responsible unit reports progress on `item`. Only staff of the item's lead or
    cooperating unit may (PermissionDenied otherwise, also for the task force: it reviews). The
    figure must be 0–100, the text not empty, the files pass `core.uploads`. Notifies the task
    force after commit."""
    owning = {item.lead_unit_id, *item.cooperating_units.values_list("pk", flat=True)} - {None}
    mine = user_unit_ids(actor) & owning
    if getattr(actor, "role", None) != Role.UNIT_STAFF or not mine:
        raise PermissionDenied(_("只有该事项的责任单位可以报送进展。"))
    if unit is None:
        unit_id = item.lead_unit_id if item.lead_unit_id in mine else min(mine)
    elif unit.pk in mine:
        unit_id = unit.pk
    else:
        raise PermissionDenied(_("只有该事项的责任单位可以报送进展。"))
    files = list(files)
    if len(files) > MAX_EVIDENCE_FILES:
        raise ValidationError({"files": [_("最多上传 %(n)s 个佐证材料。") % {"n": MAX_EVIDENCE_FILES}]})
    types = [upload_validate(f) for f in files]
    update = ProgressUpdate(
        item=item, unit_id=unit_id, author=actor, text=(text or "").strip(), progress=progress
    )
    with transaction.atomic():
        # The item as it is now (the caller's copy may be older).
        current = lock_for_update(PlanItem.objects, pk=item.pk)
        if current.status in CLOSED_STATUSES:
            raise ApplicationError(
                _("事项已%(status)s，不能再报送进展。") % {"status": current.get_status_display()}, status=409
            )
        update.full_clean()
        update.save()
        for f, content_type in zip(files, types, strict=True):
            UpdateEvidence.objects.create(
                update=update,
                file=f,
                original_name=(f.name or "file")[:200],
                size=f.size or 0,
                content_type=content_type,
            )
        PlanItem.objects.filter(pk=item.pk).update(last_update_at=update.created_at)
        _event(item, EventKind.UPDATE_POSTED, actor, update.text, update=update.pk, progress=update.progress)
        audit_record(
            actor=actor,
            target=update,
            code="plans.update.posted",
            data={"item": item.pk, "progress": str(update.progress)},
        )
        for user in _task_force():
            notify(
                recipient=user,
                code="plans.update.posted",
                context={"item": item, "unit": update.unit, "progress": update.progress},
                target=update,
                dedup_key=f"plan-update:{update.pk}",
            )
    return update


def update_review(
    *, update_id: int, action: str, actor, note: str = "", expected_version: int | None = None
) -> ProgressUpdate:
    """The task force accepts (the figure becomes the item's progress and rolls up; on an item
    with children it becomes a hand-set figure with the update as the reason) or sends back (a
    reason is required) a submitted update."""
    with transaction.atomic():
        update = lock_for_update(ProgressUpdate.objects, pk=update_id)
        roles = {OWNER} if is_plan_owner(actor) else set()
        if not roles:
            raise PermissionDenied(_("只有工作专班可以审核进展报送。"))
        version_check(update, expected_version)
        move = REVIEW_MOVES.check(update, action, roles=roles, note=note)
        update.status = move.target
        update.reviewed_by = actor
        update.reviewed_at = timezone.now()
        update.review_note = (note or "").strip()
        versioned_save(update, update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        item = lock_for_update(PlanItem.objects, pk=update.item_id)
        if move.target == UpdateStatus.ACCEPTED:
            item.progress = update.progress
            fields = ["progress"]
            if item.children.exists():
                item.progress_overridden = True
                item.override_reason = _("采纳 %(unit)s 的进展报送（%(date)s）") % {
                    "unit": update.unit,
                    "date": timezone.localdate(update.created_at).isoformat(),
                }
                fields += ["progress_overridden", "override_reason"]
            if item.status == ItemStatus.NOT_STARTED and update.progress > 0:
                item.status = ItemStatus.ON_TRACK
                fields.append("status")
            versioned_save(item, update_fields=fields)
            _event(
                item,
                EventKind.UPDATE_ACCEPTED,
                actor,
                update.review_note,
                update=update.pk,
                progress=update.progress,
            )
            rollup_from(item.parent_id)
            code = "plans.update.accepted"
        else:
            _event(item, EventKind.UPDATE_RETURNED, actor, update.review_note, update=update.pk)
            code = "plans.update.returned"
        audit_record(
            actor=actor,
            target=update,
            code=f"plans.update.{update.status}",
            data={"note": update.review_note},
        )
        notify(
            recipient=update.author,
            code=code,
            context={"item": item, "progress": update.progress, "note": update.review_note},
            target=update,
            dedup_key=f"plan-review:{update.pk}",
        )
    return update


# --- flags and reminders ----------------------------------------------------------------------


def _notify_once(*, recipient, dedup_key: str, **kwargs: Any) -> int:
    """1 if this reminder is new for `recipient`, 0 if it was sent before (notify keeps one)."""
    if Notification.objects.filter(recipient=recipient, dedup_key=dedup_key).exists():
        return 0
    return 1 if notify(recipient=recipient, dedup_key=dedup_key, **kwargs) is not None else 0


def plan_flag_and_remind(*, now: datetime | None = None) -> dict[str, int]:
    """Mark items past their due date and not done as late, and remind their units about late
    items and items without an update for STALE_DAYS days. Idempotent: an item is marked late
    once, and each reminder has a key (the due date / the last update's day), so a rerun sends
    nothing new. Returns counts."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"marked_late": 0, "late_reminders": 0, "stale_reminders": 0}
    open_items = PlanItem.objects.exclude(status__in=CLOSED_STATUSES).exclude(lead_unit=None)
    for item in open_items.filter(due_date__lt=today).select_related("lead_unit"):
        with transaction.atomic():
            if item.status != ItemStatus.LATE:
                locked = lock_for_update(PlanItem.objects, pk=item.pk)
                if locked.status not in (ItemStatus.LATE, *CLOSED_STATUSES):
                    old = locked.status
                    locked.status = ItemStatus.LATE
                    versioned_save(locked, update_fields=["status"])
                    _event(
                        locked,
                        EventKind.STATUS,
                        None,
                        _("超过完成时限，系统自动标记为滞后"),
                        old=old,
                        new=locked.status,
                    )
                    audit_record(actor=None, target=locked, code="plans.item.marked_late", data={"from": old})
                    counts["marked_late"] += 1
            for user in _unit_staff([item.lead_unit_id]):
                sent = _notify_once(
                    recipient=user,
                    code="plans.item.late",
                    context={"item": item, "due": item.due_date.isoformat() if item.due_date else ""},
                    target=item,
                    dedup_key=f"plan-late:{item.pk}:{item.due_date}",
                )
                counts["late_reminders"] += sent
    cutoff = now - timedelta(days=STALE_DAYS)
    stale = (
        open_items.filter(created_at__lt=cutoff)
        .exclude(last_update_at__gte=cutoff)
        .select_related("lead_unit")
    )
    for item in stale.filter(children=None):
        last = timezone.localdate(item.last_update_at).isoformat() if item.last_update_at else "never"
        with transaction.atomic():
            for user in _unit_staff([item.lead_unit_id]):
                sent = _notify_once(
                    recipient=user,
                    code="plans.item.stale",
                    context={"item": item, "days": STALE_DAYS},
                    target=item,
                    dedup_key=f"plan-stale:{item.pk}:{last}",
                )
                counts["stale_reminders"] += sent
    return counts


# --- KPIs -------------------------------------------------------------------------------------


def _period_start(year: int, month: int | None) -> date:
    return date(year, month or 1, 1)


def kpi_value_enter(
    *,
    kpi: Kpi,
    actor,
    year: int,
    value: Decimal | int | float,
    month: int | None = None,
    note: str = "",
    evidence: UploadedFile | None = None,
    today: date | None = None,
) -> KpiValue:
    """A responsible unit enters the figure of an entered KPI for a year or a month, with
    evidence; it waits for the task force's approval. Refused: a computed KPI, a unit that is not
    the KPI's, a period that has not begun yet."""
    roles = kpi_roles(kpi=kpi, user=actor)
    if UNIT not in roles and OWNER not in roles:
        raise PermissionDenied(_("只有该指标的填报单位可以填报。"))
    if kpi.source != KpiSource.ENTERED:
        raise ApplicationError(_("此指标由平台实时计算，无需填报。"), {"code": "kpi_computed"})
    today = today or timezone.localdate()
    if month is not None and not 1 <= int(month) <= 12:
        raise ValidationError({"month": [_("月份应为 1–12。")]})
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": [_("年份无效。")]})
    if _period_start(int(year), month) > today:
        raise ValidationError(
            {
                "year": [
                    _("不能填报未来期间（%(period)s）的数值。") % {"period": period_label(int(year), month)}
                ]
            }
        )
    unit = kpi.responsible_unit
    if unit is None:
        raise ApplicationError(_("此指标尚未指定填报单位。"))
    content_type = upload_validate(evidence) if evidence else ""
    row = KpiValue(
        kpi=kpi,
        year=year,
        month=month,
        value=value,
        unit=unit,
        entered_by=actor,
        note=(note or "").strip(),
        evidence_name=(evidence.name or "")[:200] if evidence else "",
        evidence_type=content_type,
    )
    if evidence:
        row.evidence = evidence
    with transaction.atomic():
        row.full_clean()
        row.save()
        audit_record(
            actor=actor, target=row, code="plans.kpi.entered", data={"kpi": kpi.code, "value": str(value)}
        )
        for user in _task_force():
            notify(
                recipient=user,
                code="plans.kpi.entered",
                context={"kpi": kpi, "unit": unit, "period": period_label(year, month), "value": row.value},
                target=kpi,
                dedup_key=f"plan-kpi-value:{row.pk}",
            )
    return row


def kpi_value_review(
    *, value_id: int, action: str, actor, note: str = "", expected_version: int | None = None
) -> KpiValue:
    """The task force approves ("accept") or sends back ("return", with a reason) an entered
    figure. An approved figure replaces earlier approved ones for the same period."""
    if not is_plan_owner(actor):
        raise PermissionDenied(_("只有工作专班可以审核指标填报。"))
    with transaction.atomic():
        row = lock_for_update(KpiValue.objects, pk=value_id)
        version_check(row, expected_version)
        move = REVIEW_MOVES.check(row, action, roles={OWNER}, note=note)
        row.status = move.target
        row.reviewed_by = actor
        row.reviewed_at = timezone.now()
        row.review_note = (note or "").strip()
        versioned_save(row, update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        audit_record(actor=actor, target=row, code=f"plans.kpi.{row.status}", data={"note": row.review_note})
        notify(
            recipient=row.entered_by,
            code="plans.kpi.reviewed",
            context={
                "kpi": row.kpi,
                "period": period_label(row.year, row.month),
                # The (lazy) label, not get_status_display(): stored as a msgid, shown in the reader's language.
                "outcome": UpdateStatus(row.status).label,
                "note": row.review_note,
            },
            target=row.kpi,
            dedup_key=f"plan-kpi-review:{row.pk}",
        )
    return row


def period_label(year: int, month: int | None) -> str:
    return f"{year}-{month:02d}" if month else str(year)
