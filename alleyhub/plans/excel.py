"""The plan tree as an Excel sheet, the same columns both ways: export writes them, import reads
them back (matching items by their code within the plan; parents by the "上级编号" column).
An import runs in one transaction through the services: any bad row refuses the whole file,
with the row numbers in the message."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from alleyhub.directory.models import Organization, OrganizationKind

from .models import ActionPlan, ItemKind, ItemStatus, PlanItem
from .selectors import is_plan_owner
from .services import item_create, item_update

COLUMNS = [
    "编号",
    "上级编号",
    "类别",
    "中文名称",
    "英文名称",
    "牵头单位",
    "配合单位",
    "责任人",
    "开始日期",
    "完成时限",
    "权重",
    "进度",
    "状态",
]
SEP = "、"


def _unit_name(unit: Organization | None) -> str:
    return (unit.short_name or unit.name_zh) if unit else ""


def export_plan(*, plan: ActionPlan) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "plan"
    ws.append(COLUMNS)
    items = (
        PlanItem.objects.filter(plan=plan)
        .select_related("parent", "lead_unit")
        .prefetch_related("cooperating_units")
    )
    by_parent: dict[int | None, list[PlanItem]] = {}
    for item in items.order_by("position", "pk"):
        by_parent.setdefault(item.parent_id, []).append(item)

    def walk(parent_id: int | None) -> None:
        for item in by_parent.get(parent_id, []):
            ws.append(
                [
                    item.code,
                    item.parent.code if item.parent else "",
                    item.kind,
                    item.title_zh,
                    item.title_en,
                    _unit_name(item.lead_unit),
                    SEP.join(_unit_name(u) for u in item.cooperating_units.all()),
                    item.lead_person,
                    item.start_date,
                    item.due_date,
                    float(item.weight),
                    float(item.progress),
                    item.status,
                ]
            )
            walk(item.pk)

    walk(None)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _find_unit(name: str) -> Organization | None:
    name = (name or "").strip()
    if not name:
        return None
    return (
        Organization.objects.filter(kind=OrganizationKind.GOVERNMENT_UNIT)
        .filter(Q(short_name=name) | Q(name_zh=name) | Q(slug=name) | Q(name_en=name))
        .first()
    )


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _decimal(value: Any, default: Decimal | None = None) -> Decimal | None:
    if value in (None, ""):
        return default
    return Decimal(str(value))


def import_plan(*, plan: ActionPlan, data: bytes, actor) -> dict[str, int]:
    """Create or update the items of `plan` from a sheet with COLUMNS. Raises ValidationError
    (nothing saved) listing every bad row; PermissionDenied for non-owners."""
    if not is_plan_owner(actor):
        raise PermissionDenied(_("只有街区运营方和工作专班可以导入行动方案。"))
    try:
        ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(_("无法读取 Excel 文件（.xlsx）。")) from exc
    rows = list(ws.iter_rows(values_only=True))
    if not rows or [str(c or "").strip() for c in rows[0][: len(COLUMNS)]] != COLUMNS:
        raise ValidationError(_("表头应为：%(columns)s") % {"columns": "，".join(COLUMNS)})
    counts = {"created": 0, "updated": 0}
    errors: list[str] = []
    with transaction.atomic():
        by_code = {i.code: i for i in PlanItem.objects.filter(plan=plan).exclude(code="")}
        for n, raw in enumerate(rows[1:], start=2):
            row = dict(zip(COLUMNS, [*raw, *[None] * len(COLUMNS)][: len(COLUMNS)], strict=True))
            if not any(v not in (None, "") for v in row.values()):
                continue
            try:
                code = str(row["编号"] or "").strip()
                if not code:
                    raise ValidationError(_("编号不能为空"))
                parent_code = str(row["上级编号"] or "").strip()
                parent = by_code.get(parent_code) if parent_code else None
                if parent_code and parent is None:
                    raise ValidationError(_("找不到上级编号 %(code)s") % {"code": parent_code})
                kind = str(row["类别"] or "").strip()
                if kind not in ItemKind.values:
                    kind = {str(label): value for value, label in ItemKind.choices}.get(kind, "")
                    if not kind:
                        raise ValidationError(_("类别无效"))
                lead = _find_unit(str(row["牵头单位"] or ""))
                if row["牵头单位"] and lead is None:
                    raise ValidationError(_("找不到单位 %(name)s") % {"name": row["牵头单位"]})
                coop = []
                for name in str(row["配合单位"] or "").split(SEP):
                    if name.strip():
                        unit = _find_unit(name)
                        if unit is None:
                            raise ValidationError(_("找不到单位 %(name)s") % {"name": name})
                        coop.append(unit)
                fields: dict[str, Any] = {
                    "code": code,
                    "kind": kind,
                    "title_zh": str(row["中文名称"] or "").strip(),
                    "title_en": str(row["英文名称"] or "").strip(),
                    "lead_unit": lead,
                    "lead_person": str(row["责任人"] or "").strip(),
                    "start_date": _date(row["开始日期"]),
                    "due_date": _date(row["完成时限"]),
                    "weight": _decimal(row["权重"], Decimal(1)),
                }
                progress = _decimal(row["进度"])
                status = str(row["状态"] or "").strip() or ItemStatus.NOT_STARTED
                if status not in ItemStatus.values:
                    raise ValidationError(_("状态无效"))
                existing = by_code.get(code)
                if existing is None:
                    item = item_create(
                        plan=plan,
                        parent=parent,
                        actor=actor,
                        progress=progress,
                        status=status,
                        links={"cooperating_units": coop},
                        position=n,
                        **fields,
                    )
                    counts["created"] += 1
                else:
                    has_children = existing.children.exists()
                    item = item_update(
                        item_id=existing.pk,
                        actor=actor,
                        parent=parent,
                        progress=None if has_children else progress,
                        links={"cooperating_units": coop},
                        **fields,
                    )
                    counts["updated"] += 1
                by_code[code] = item
            except ValidationError as exc:
                errors.append(_("第 %(row)s 行：%(error)s") % {"row": n, "error": "；".join(exc.messages)})
            except (ValueError, InvalidOperation):
                errors.append(_("第 %(row)s 行：日期或数字格式无效") % {"row": n})
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ValidationError(errors)
    return counts
