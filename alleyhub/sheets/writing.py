"""Writing sheets: exports (.xlsx and .csv, in the columns the import takes) and the templates.

- CSV is streamed row by row (UTF-8 with a BOM, so Excel opens Chinese text correctly).
- XLSX is written by xlsxwriter in constant-memory mode to a temporary file (each row is flushed
  as it is written), then streamed from that file.
- Text that starts with `=`, `+`, `-` or `@` is written with a leading `'` so that no spreadsheet
  program runs it as a formula (CSV/formula injection); the import removes that `'` again.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

from .specs import ESCAPED, SPECS, Choice, KindSpec, Lookups

BATCH = 2000


def escape(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(ESCAPED):
        return "'" + value
    return value


def export_rows(spec: KindSpec, objects: Iterable[Any], lookups: Lookups) -> Iterator[list[Any]]:
    for obj in objects:
        yield [escape(col.export(obj, lookups)) for col in spec.columns]


def headers(spec: KindSpec) -> list[str]:
    return [col.header() for col in spec.columns]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(spec: KindSpec, rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(headers(spec))
    buffer: list[str] = []
    for row in rows:
        buffer.append(writer.writerow(["" if v is None else v for v in row]))
        if len(buffer) >= 500:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def _formats(book: Any) -> dict[str, Any]:
    return {
        "header": book.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1}),
        "required": book.add_format({"bold": True, "bg_color": "#FCE8D5", "border": 1}),
        "example": book.add_format({"italic": True, "font_color": "#666666"}),
    }


def _write_header(sheet: Any, spec: KindSpec, fmt: dict[str, Any]) -> None:
    for c, col in enumerate(spec.columns):
        sheet.write_string(0, c, col.header(), fmt["required" if col.required else "header"])
        sheet.set_column(c, c, max(10, min(40, len(col.header()) * 2 + 2)))
    sheet.freeze_panes(1, 0)


def xlsx_file(sheets: Iterable[tuple[KindSpec, Iterable[list[Any]]]]) -> Any:
    """The workbook with one sheet per (kind, rows), written to a temporary file (rewound)."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to the response
    book = xlsxwriter.Workbook(
        handle,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    fmt = _formats(book)
    for spec, rows in sheets:
        sheet = book.add_worksheet(spec.sheet_name()[:31])
        _write_header(sheet, spec, fmt)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, bool):
                    sheet.write_string(r, c, str(value))
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value))
    book.close()
    handle.seek(0)
    return handle


def template_file() -> io.BytesIO:
    """The import template: one sheet per kind (Chinese or English headers, as the user's
    language), a marked example row each, and a sheet of the allowed values of every coded column."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    fmt = _formats(book)
    for spec in SPECS.values():
        sheet = book.add_worksheet(spec.sheet_name()[:31])
        _write_header(sheet, spec, fmt)
        for c, col in enumerate(spec.columns):
            value = _("示例") if col.key == "id" else col.example
            if value in (None, ""):
                continue
            if isinstance(value, int | float):
                sheet.write_number(1, c, value, fmt["example"])
            else:
                sheet.write_string(1, c, str(value), fmt["example"])
            if isinstance(col, Choice):
                sheet.data_validation(
                    1,
                    c,
                    5000,
                    c,
                    {
                        "validate": "any",
                        "input_title": col.header()[:32],
                        "input_message": "、".join(col.allowed() or [])[:255],
                    },
                )
    values = book.add_worksheet(_("可选值")[:31])
    values.write_row(0, 0, [_("工作表"), _("列"), _("可选值")], fmt["header"])
    values.set_column(0, 1, 18)
    values.set_column(2, 2, 80)
    r = 1
    for spec in SPECS.values():
        for col in spec.columns:
            allowed = col.allowed()
            if allowed:
                values.write_row(r, 0, [spec.sheet_name(), col.header(), "、".join(allowed)])
                r += 1
    notes = [
        _("第一行是表头（中文或英文均可）；“编号”为“示例”的行不会导入。"),
        _("机构按统一社会信用代码（或全称）对应；产业领域填代码或名称，多个用“；”分隔。"),
        _("日期可写 2026-11-30、2026/11/30 或 2026年11月30日；金额单位为元，可写 50万。"),
        _("已有记录按编号、统一社会信用代码或“所属机构 + 标题”更新，重复导入不会产生重复记录。"),
    ]
    for note in notes:
        r += 1
        values.write_string(r, 0, note)
    book.close()
    out.seek(0)
    return out
