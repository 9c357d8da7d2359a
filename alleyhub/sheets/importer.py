"""The import engine: every row of every sheet is parsed by its kind's columns (specs.py), resolved
against maps loaded once (organisations, industries, buildings, existing records by natural key),
validated with the model's own rules (`full_clean`: field validators such as the credit-code check,
TRL 1–9, and the model's `clean()`), and compared with the stored record.

`run(sheets, actor=…, write=False)` is the dry run: it writes nothing and returns a `Report`
(counts, every error as sheet + row + column + message, the first changes with a per-field diff).
`run(…, write=True)` does the same checks batch by batch and writes each batch with bulk inserts and
updates; the caller holds one transaction around it and the engine raises `ImportRejected` at the
first error, so a file with any error writes nothing. Records the same file creates are found by the
later sheets (an outcome whose organisation is a new row of the organisations sheet).
"""

from __future__ import annotations

import gc
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alleyhub.accounts.models import Membership
from alleyhub.core.bulk import BulkRow, bulk_create_rows, chunked, m2m_insert
from alleyhub.core.models import ListingStatus
from alleyhub.directory.models import Affiliation, Industry, Organization
from alleyhub.directory.ownership import acts_for_every_organization
from alleyhub.spaces.models import Building

from .reading import Sheet
from .specs import SPECS, Column, KindSpec, Lookups, OrgRef, spec_for_sheet

BATCH = 2000
MAX_ERRORS = 1000
MAX_CHANGES = 300
EXAMPLE_MARKERS = {"示例", "example", "例"}


class ImportRejected(Exception):
    """A write run met an error: the caller's transaction rolls everything back."""

    def __init__(self, report: Report) -> None:
        super().__init__("import rejected")
        self.report = report


@dataclass
class Report:
    sheets: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0
    changes: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: dict[str, list[int]] = field(default_factory=dict)  # kind -> ids created or updated

    def error(self, sheet: str, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"sheet": sheet, "row": row, "column": column, "message": message})

    def totals(self) -> dict[str, int]:
        keys = ("rows", "create", "update", "unchanged", "skipped", "errors")
        return {k: sum(s.get(k, 0) for s in self.sheets) for k in keys}

    def as_json(self) -> dict[str, Any]:
        order = {s["name"]: i for i, s in enumerate(self.sheets)}
        return {
            "sheets": self.sheets,
            # A cell that cannot be read is found before the row's other checks: sort by row.
            "errors": sorted(self.errors, key=lambda e: (order.get(e["sheet"], -1), e["row"])),
            "error_count": self.error_count,
            "changes": self.changes,
            "warnings": self.warnings,
            "totals": self.totals(),
        }


@dataclass
class _Row:
    number: int
    values: dict[str, Any]  # column key -> parsed value (only columns of the file)
    pk: int | None = None
    key: tuple | None = None
    failed: bool = False  # a cell could not be read: the row's other cells are still checked


def is_operator_import(actor: Any) -> bool:
    return acts_for_every_organization(actor)


def allowed_org_ids(actor: Any) -> set[int] | None:
    """None: the actor imports for any organisation (operators); else the organisations whose
    admin the actor is."""
    if is_operator_import(actor):
        return None
    return set(
        Membership.objects.filter(user=actor, role=Membership.MemberRole.ADMIN).values_list(
            "organization_id", flat=True
        )
    )


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """Tens of thousands of short-lived model instances make Python's cyclic collector run
    thousands of times over the whole heap; raising its first threshold for the import (and
    putting it back) cuts that without holding on to more than a batch."""
    old = gc.get_threshold()
    gc.set_threshold(100_000, old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def run(
    sheets: Iterable[Sheet],
    *,
    actor: Any,
    write: bool,
    kind_hint: str = "",
    progress: Callable[[int], None] | None = None,
    values_checked: bool = False,
) -> Report:
    """Check (and with `write`, write) every row of `sheets` as `actor`; see the module doc.
    `values_checked`: a dry run of the same file on the same data passed, so each row's field
    validation is skipped (everything that depends on the database is checked all the same)."""
    with _fewer_gc_passes():
        return _run(
            sheets,
            actor=actor,
            write=write,
            kind_hint=kind_hint,
            progress=progress,
            values_checked=values_checked,
        )


def _run(
    sheets: Iterable[Sheet],
    *,
    actor: Any,
    write: bool,
    kind_hint: str,
    progress: Callable[[int], None] | None,
    values_checked: bool,
) -> Report:
    report = Report()
    lookups = Lookups().load()
    lookups.values_checked = values_checked
    lookups.allowed_org_ids = allowed_org_ids(actor)
    placeholder = [0]
    ordered: list[tuple[KindSpec, Sheet]] = []
    for sheet in sheets:
        spec = spec_for_sheet(sheet.name, sheet.header, kind_hint)
        if spec is None:
            report.warnings.append(
                _("工作表“%(sheet)s”无法识别，已跳过（请使用模板中的工作表名称和表头）。")
                % {"sheet": sheet.name or "CSV"}
            )
            continue
        ordered.append((spec, sheet))
    ordered.sort(key=lambda item: item[0].order)
    if not ordered:
        report.error("", 1, "", _("文件中没有可导入的工作表。"))
    done = [0]
    for spec, sheet in ordered:
        _run_sheet(
            spec,
            sheet,
            actor=actor,
            write=write,
            lookups=lookups,
            report=report,
            placeholder=placeholder,
            progress=progress,
            done=done,
        )
        if write and report.error_count:
            raise ImportRejected(report)
    if write and report.error_count:
        raise ImportRejected(report)
    return report


def _run_sheet(
    spec: KindSpec,
    sheet: Sheet,
    *,
    actor: Any,
    write: bool,
    lookups: Lookups,
    report: Report,
    placeholder: list[int],
    progress: Callable[[int], None] | None,
    done: list[int],
) -> None:
    name = sheet.name or str(spec.label)
    stats: dict[str, Any] = {
        "kind": spec.key,
        "name": name,
        "label": str(spec.label),
        "rows": 0,
        "create": 0,
        "update": 0,
        "unchanged": 0,
        "skipped": 0,
        "errors": 0,
    }
    report.sheets.append(stats)
    errors_before = report.error_count

    def error(row: int, column: str, message: str) -> None:
        report.error(name, row, column, message)

    if lookups.allowed_org_ids is not None and spec.operators_only:
        error(1, "", _("只有平台运营方可以导入%(kind)s。") % {"kind": spec.label})
        stats["errors"] = 1
        return
    by_header = spec.column_for_header()
    columns: list[Column | None] = []
    seen_cols: set[str] = set()
    for header in sheet.header:
        col = by_header.get(header.lower()) if header else None
        if header and col is None:
            report.warnings.append(
                _("工作表“%(sheet)s”的列“%(column)s”无法识别，已忽略。") % {"sheet": name, "column": header}
            )
        if col is not None and col.key in seen_cols:
            error(1, header, _("表头重复：%(column)s。") % {"column": header})
            col = None
        if col is not None:
            seen_cols.add(col.key)
        columns.append(col)
    missing = [c for c in spec.columns if c.required and c.key not in seen_cols]
    if missing:
        for col in missing:
            error(1, col.header(), _("缺少必填列“%(column)s”。") % {"column": col.header()})
        stats["errors"] = report.error_count - errors_before
        return
    existing = _existing_keys(spec)
    file_keys: dict[tuple, int] = {}
    file_ids: dict[int, int] = {}

    def parsed_rows():
        for index, cells in enumerate(sheet.rows):
            number = sheet.first_row + index
            if not any(c not in (None, "") for c in cells):
                continue
            stats["rows"] += 1
            first = str(cells[0]).strip().lower() if cells and cells[0] is not None else ""
            if first in EXAMPLE_MARKERS:
                stats["skipped"] += 1
                continue
            values: dict[str, Any] = {}
            ok = True
            for col, cell in zip(columns, cells, strict=False):
                if col is None:
                    continue
                raw = cell.strip() if isinstance(cell, str) else cell
                try:
                    values[col.key] = col.parse(raw if raw != "" else None, lookups)
                except ValidationError as exc:
                    ok = False
                    error(number, col.header(), " ".join(exc.messages))
            yield _Row(number=number, values=values, failed=not ok)

    for batch in chunked(parsed_rows(), BATCH):
        _run_batch(
            spec,
            batch,
            name=name,
            actor=actor,
            write=write,
            lookups=lookups,
            report=report,
            stats=stats,
            existing=existing,
            file_keys=file_keys,
            file_ids=file_ids,
            placeholder=placeholder,
            error=error,
        )
        done[0] += len(batch)
        if progress is not None:
            progress(done[0])
        if write and report.error_count:
            break
    stats["errors"] = report.error_count - errors_before


def _existing_keys(spec: KindSpec) -> dict[tuple, int]:
    found: dict[tuple, int] = {}
    for pk, *values in spec.model._default_manager.values_list("pk", *spec.stored_key).iterator(
        chunk_size=5000
    ):
        for key in _stored_keys(spec, tuple(values)):
            found[key] = pk if found.get(key, pk) == pk else 0
    return found


def _stored_keys(spec: KindSpec, values: tuple) -> list[tuple]:
    """A stored record's natural keys: organisations by code and by each name, listings by each title."""
    data = dict(zip(spec.stored_key, values, strict=True))
    data = {k.removesuffix("_id"): v for k, v in data.items()}
    keys = []
    for variant in _variants(data):
        key = spec.natural_key(variant)
        if key is not None:
            keys.append(_norm_key(key))
    return keys


def _variants(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = [data]
    if data.get("name_en") and data.get("name_zh"):
        out.append({**data, "name_zh": ""})
    if data.get("title_en") and data.get("title_zh"):
        out.append({**data, "title_zh": ""})
    if "credit_code" in data and data.get("credit_code"):
        out.append({**data, "credit_code": ""})
        if data.get("name_en") and data.get("name_zh"):
            out.append({**data, "credit_code": "", "name_zh": ""})
    return out


def _norm_key(key: tuple) -> tuple:
    return tuple(v.strip().lower() if isinstance(v, str) else v for v in key)


def _run_batch(
    spec,
    batch,
    *,
    name,
    actor,
    write,
    lookups,
    report,
    stats,
    existing,
    file_keys,
    file_ids,
    placeholder,
    error,
):
    model = spec.model
    # Which stored record each row is (by its id, else its natural key); duplicates inside the file.
    for row in batch:
        row.key = spec.natural_key(row.values)
        if row.values.get("id"):
            row.pk = row.values["id"]
            if row.pk in file_ids:
                error(
                    row.number,
                    str(spec.columns[0].header()),
                    _("与第 %(row)s 行重复（同一编号）。") % {"row": file_ids[row.pk]},
                )
                row.pk = -1
                continue
            file_ids[row.pk] = row.number
        if row.key is not None:
            norm = _norm_key(row.key)
            if norm in file_keys:
                error(
                    row.number,
                    _key_header(spec),
                    _("与第 %(row)s 行重复（%(key)s）。")
                    % {"row": file_keys[norm], "key": _key_text(row.key)},
                )
                row.pk = -1
                continue
            file_keys[norm] = row.number
            if row.pk is None:
                pk = existing.get(norm)
                if pk == 0:
                    error(
                        row.number,
                        _key_header(spec),
                        _("已有多条记录与“%(key)s”相同，请填写编号。") % {"key": _key_text(row.key)},
                    )
                    row.pk = -1
                    continue
                row.pk = pk
    pks = [r.pk for r in batch if r.pk and r.pk > 0]
    stored = model._default_manager.in_bulk(pks) if pks else {}
    m2m_now = _m2m_current(spec, list(stored))
    affiliations = _affiliations(list(stored)) if spec.key == "people" else {}
    now = timezone.now()
    creates: list[BulkRow] = []
    updates: list[Any] = []
    update_fields: set[str] = set()
    m2m_updates: dict[str, list[tuple[int, list[int]]]] = {}
    person_links: list[tuple[Any, dict[str, Any]]] = []
    for row in batch:
        if row.pk == -1:
            continue
        obj: Any = stored.get(row.pk) if row.pk else None
        if row.pk and obj is None:
            error(
                row.number,
                spec.columns[0].header(),
                _("没有编号为 %(id)s 的您可修改的记录。") % {"id": row.pk},
            )
            continue
        if (
            obj is not None
            and spec.is_listing
            and lookups.allowed_org_ids is not None
            and obj.owner_id not in lookups.allowed_org_ids
        ):
            error(
                row.number,
                spec.columns[0].header(),
                _("没有编号为 %(id)s 的您可修改的记录。") % {"id": row.pk},
            )
            continue
        is_new = obj is None
        if is_new:
            obj = model()
        else:
            obj._sheets_m2m = m2m_now.get(obj.pk, {})
        diff = []
        changed_fields = []
        m2m_values: dict[str, list[int]] = {}
        for col in spec.columns:
            if col.key not in row.values or col.key == "id":
                continue
            new = row.values[col.key]
            if col.virtual:
                old = affiliations.get(obj.pk, {}).get(col.key) if not is_new else None
                if (old or None) != (new or None):
                    diff.append(
                        [
                            col.header(),
                            col.display(old, lookups) if old else "",
                            _display(col, new, row, lookups),
                        ]
                    )
                continue
            if col.m2m:
                old = col.current(obj) if not is_new else []
                if list(old) != list(new):
                    m2m_values[col.field_name] = new
                    if not is_new:
                        diff.append([col.header(), col.display(old, lookups), col.display(new, lookups)])
                elif is_new:
                    m2m_values[col.field_name] = new
                continue
            attr = (
                f"{col.field_name}_id" if isinstance(col, OrgRef) or col.key == "building" else col.field_name
            )
            old = col.current(obj) if not is_new else None
            field_obj = model._meta.get_field(col.field_name)
            if new is None and not field_obj.null and not isinstance(field_obj, models.ForeignKey):
                # An empty cell: "" for optional text; the default for a new record; for a stored
                # record of a field that cannot be empty (e.g. its status), the stored value.
                if field_obj.blank and not field_obj.has_default():
                    new = ""
                elif is_new and field_obj.has_default():
                    new = field_obj.get_default()
                elif is_new:
                    new = ""
                else:
                    continue
            if is_new or old != new:
                if not is_new:
                    diff.append(
                        [col.header(), _display(col, old, row, lookups), _display(col, new, row, lookups)]
                    )
                elif new not in (None, "", [], False) and len(report.changes) < MAX_CHANGES:
                    diff.append([col.header(), "", _display(col, new, row, lookups)])
                setattr(obj, attr, new)
                changed_fields.append(attr)
        if spec.key == "people":
            person_links.append(
                (obj, {k: row.values[k] for k in ("organization", "position") if k in row.values})
            )
        if (
            spec.is_listing
            and "status" in changed_fields
            and obj.status == ListingStatus.PUBLISHED
            and not obj.published_at
        ):
            obj.published_at = now
            changed_fields.append("published_at")
        if is_new:
            if spec.is_listing:
                obj.created_by = actor if getattr(actor, "is_authenticated", False) else None
                obj.last_confirmed_at = now
            if spec.key == "organizations":
                obj.slug = _new_slug(obj)
        # The model's own rules, as the forms apply them (uniqueness is checked above and by the DB).
        # A commit of a file whose dry run passed on the same data need not check the rows' own
        # values again (services.import_job_run_commit decides; keys, organisations, permissions
        # and duplicates are still checked above).
        problems = {} if lookups.values_checked else _validate(obj, changed_fields)
        if problems:
            for field_name, messages in problems.items():
                error(row.number, _column_header(spec, field_name, model), " ".join(messages))
            continue
        if row.failed:
            continue
        if spec.key == "organizations" and obj.credit_code and not is_new:
            pass
        if is_new:
            stats["create"] += 1
            action = "create"
        elif diff:
            stats["update"] += 1
            action = "update"
        else:
            stats["unchanged"] += 1
            continue
        if len(report.changes) < MAX_CHANGES:
            report.changes.append(
                {
                    "sheet": name,
                    "row": row.number,
                    "action": action,
                    "key": _key_text(row.key or (obj.pk,)),
                    "diff": diff,
                }
            )
        if is_new:
            if not write:
                placeholder[0] -= 1
                obj.pk = placeholder[0]
                if spec.key == "organizations":
                    _remember_org(lookups, obj)
            creates.append(BulkRow(obj, m2m=m2m_values))
        else:
            if spec.key == "people" and not changed_fields and not m2m_values:
                pass
            updates.append(obj)
            update_fields.update(changed_fields)
            for fname, ids in m2m_values.items():
                m2m_updates.setdefault(fname, []).append((obj.pk, ids))
    if not write or report.error_count:
        return
    written = report.written.setdefault(spec.key, [])
    if creates:
        bulk_create_rows(model, creates, batch_size=BATCH, m2m=spec.m2m_fields)
        written.extend(r.obj.pk for r in creates)
        if spec.key == "organizations":
            for r in creates:
                _remember_org(lookups, r.obj)
    if updates and update_fields:
        versioned = hasattr(model, "version")
        for obj in updates:
            obj.updated_at = now
            if versioned:
                obj.version += 1
        fields = sorted(update_fields | {"updated_at"} | ({"version"} if versioned else set()))
        model._default_manager.bulk_update(updates, fields, batch_size=500)
    written.extend(obj.pk for obj in updates)
    for fname, pairs in m2m_updates.items():
        m2m_field: Any = model._meta.get_field(fname)
        through = m2m_field.remote_field.through
        left = m2m_field.m2m_field_name()
        through.objects.filter(**{f"{left}_id__in": [pk for pk, _ids in pairs]}).delete()
        m2m_insert(model, fname, [(pk, other) for pk, ids in pairs for other in ids], batch_size=BATCH)
    for person, link in person_links:
        org_id = link.get("organization")
        if not org_id:
            continue
        Affiliation.objects.update_or_create(
            person=person,
            organization_id=org_id,
            defaults={"position": link.get("position") or "", "is_primary": True},
        )


def data_fingerprint(actor: Any) -> list[Any]:
    """What the checks of a row depend on besides the row itself: each involved table's size,
    newest id and newest change, today's date (a deadline may not be past) and the actor's rights.
    Equal before the dry run's end and at the commit → the rows' values need no second check."""
    parts: list[Any] = [
        timezone.localdate().isoformat(),
        sorted(allowed_org_ids(actor) or []),
        is_operator_import(actor),
    ]
    for spec in SPECS.values():
        parts.append(_table_state(spec.model))
    for model in (Industry, Building, Affiliation):
        parts.append(_table_state(model))
    return parts


def _table_state(model: type[models.Model]) -> list[Any]:
    state = model._default_manager.aggregate(
        n=models.Count("pk"), last=models.Max("pk"), changed=models.Max("updated_at")
    )
    return [
        model._meta.label,
        state["n"],
        state["last"],
        state["changed"].isoformat() if state["changed"] else None,
    ]


def _validate(obj: models.Model, changed: list[str]) -> dict[str, list[str]]:
    """The model's own rules for what the row set, as `full_clean` applies them: each field's
    `clean` (type, choices, blank, validators such as the credit-code check and TRL 1–9), then the
    model's `clean()`. Fields the row did not touch keep their stored (valid) values; foreign keys
    were resolved from the maps (no query per row); uniqueness is checked by natural key above and
    by the database's constraints."""
    errors: dict[str, list[str]] = {}
    for attname in changed:
        f: Any = (
            obj._meta.get_field(attname.removesuffix("_id"))
            if attname.endswith("_id")
            else obj._meta.get_field(attname)
        )
        if isinstance(f, models.ForeignKey) or attname == "published_at":
            continue
        try:
            setattr(obj, f.attname, f.clean(getattr(obj, f.attname), obj))
        except ValidationError as exc:
            errors.setdefault(f.name, []).extend(exc.messages)
    if errors:
        return errors
    try:
        obj.clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    return errors


def _display(col: Column, value: Any, row: _Row, lookups: Lookups) -> str:
    if isinstance(col, OrgRef):
        return lookups.org_labels.get(value, "") if value else ""
    return col.display(value, lookups)


def _remember_org(lookups: Lookups, org: Organization) -> None:
    for key in (org.credit_code, org.name_zh, org.name_en):
        if key:
            lookups.add_org(key, org.pk)
    lookups.org_labels[org.pk] = org.credit_code or org.name_zh or org.name_en


def _new_slug(org: Organization) -> str:
    base = slugify(org.name_en or org.short_name or "")[:60] or "org"
    return f"{base}-{uuid.uuid4().hex[:8]}"


def _m2m_current(spec: KindSpec, pks: list[int]) -> dict[int, dict[str, list[int]]]:
    found: dict[int, dict[str, list[int]]] = {}
    if not pks:
        return found
    for fname in spec.m2m_fields:
        f: Any = spec.model._meta.get_field(fname)
        through = f.remote_field.through
        left, right = f.m2m_field_name(), f.m2m_reverse_field_name()
        for a, b in through.objects.filter(**{f"{left}_id__in": pks}).values_list(
            f"{left}_id", f"{right}_id"
        ):
            found.setdefault(a, {}).setdefault(fname, []).append(b)
        for pk in pks:
            found.setdefault(pk, {}).setdefault(fname, [])
            found[pk][fname].sort()
    return found


def _affiliations(pks: list[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for a in Affiliation.objects.filter(person_id__in=pks, is_primary=True).order_by("pk"):
        found.setdefault(a.person_id, {"organization": a.organization_id, "position": a.position})
    return found


def _key_header(spec: KindSpec) -> str:
    if spec.key == "organizations":
        return SPECS["organizations"].columns[1].header()
    for col in spec.columns:
        if col.key in ("title_zh", "name_zh"):
            return col.header()
    return ""


def _key_text(key: tuple) -> str:
    return " / ".join(str(v) for v in key if v not in (None, "") and v != "code" and v != "name")


def _column_header(spec: KindSpec, field_name: str, model: type[models.Model]) -> str:
    for col in spec.columns:
        if col.field_name == field_name:
            return col.header()
    if field_name == "__all__":
        return ""
    try:
        return str(getattr(model._meta.get_field(field_name), "verbose_name", field_name))
    except Exception:
        return field_name
