"""Reading an uploaded spreadsheet into sheets of rows, refusing bad files with a clear message.

What is checked, in this order, before any row is read (so a 1M-row file is refused in
milliseconds, not after parsing it):
- the content is a spreadsheet (ZIP workbook .xlsx/.ods, OLE2 .xls, or text .csv), whatever the name;
- it is not password-protected (an encrypted .xlsx is an OLE2 container with an EncryptedPackage);
- it has no macros (vbaProject.bin / _VBA_PROJECT) — we refuse rather than strip them;
- each sheet's declared size (the `<dimension>` of an .xlsx sheet, the line count of a CSV) is
  within `SHEETS["MAX_ROWS"]` rows and `SHEETS["MAX_COLUMNS"]` columns.
Then each sheet is read with python-calamine; merged cells in the header row are refused.
Formulas: calamine returns the value Excel last computed and saved (the cached value) — we take
it, the way the user saw it in Excel.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import python_calamine
from django.conf import settings
from django.utils.translation import gettext as _

from alleyhub.core.exceptions import ApplicationError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"

DEFAULTS = {
    "MAX_ROWS": 200_000,  # data rows per sheet
    "MAX_COLUMNS": 100,
    "MAX_BYTES": 50 * 1024 * 1024,
    "MAX_XML_BYTES": 600 * 1024 * 1024,  # uncompressed size of one .xlsx sheet
    "BACKGROUND_ROWS": 2_000,  # files with more rows are checked and written by the task worker
}


def limits() -> dict[str, int]:
    return {**DEFAULTS, **getattr(settings, "SHEETS", {})}


def refuse(message: str, code: str) -> ApplicationError:
    return ApplicationError(message, {"code": code})


@dataclass
class Sheet:
    name: str
    header: list[str]
    rows: Iterator[list[Any]]  # data rows (after the header), as the cells' Python values
    first_row: int = 2  # spreadsheet row number of the first data row
    height: int = 0  # number of data rows (for progress)


def sniff(head: bytes, name: str) -> str:
    """The file's real format: "xlsx", "ods", "xls" or "csv"; raises ApplicationError otherwise."""
    if head.startswith(OLE2):
        return "ole2"
    if head.startswith(ZIP):
        return "zip"
    if b"\x00" in head[:4096]:
        raise refuse(_("这不是电子表格文件（支持 .xlsx、.xls、.ods、.csv）。"), "sheet_not_spreadsheet")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            head[:4093].decode(encoding)
            return "csv"
        except UnicodeDecodeError:
            try:
                head[:-3].decode(encoding)
                return "csv"
            except UnicodeDecodeError:
                continue
    raise refuse(_("这不是电子表格文件（支持 .xlsx、.xls、.ods、.csv）。"), "sheet_not_spreadsheet")


def open_sheets(handle: IO[bytes], *, filename: str = "") -> list[Sheet]:
    """Every non-empty sheet of the workbook in `handle` (a seekable binary file). Raises
    ApplicationError with a code "sheet_*" for every kind of bad file (see the module doc)."""
    lim = limits()
    handle.seek(0)
    head = handle.read(8192)
    handle.seek(0)
    if not head:
        raise refuse(_("文件为空。"), "sheet_empty")
    kind = sniff(head, filename)
    if kind == "csv":
        return [_csv_sheet(handle, lim)]
    if kind == "ole2":
        data = handle.read()
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise refuse(_("文件设有密码保护，请取消密码后再上传。"), "sheet_encrypted")
        if "_VBA_PROJECT".encode("utf-16-le") in data:
            raise refuse(_("文件包含宏，出于安全原因不予导入，请另存为 .xlsx 后再上传。"), "sheet_macros")
        return _calamine_sheets(io.BytesIO(data), lim)
    try:
        archive = zipfile.ZipFile(handle)
        names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise refuse(_("文件已损坏，无法读取。"), "sheet_corrupt") from None
    if any(n.lower().endswith("vbaproject.bin") for n in names) or any("macrosheets/" in n for n in names):
        raise refuse(_("文件包含宏，出于安全原因不予导入，请另存为 .xlsx 后再上传。"), "sheet_macros")
    if "xl/workbook.xml" in names:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                _check_declared_size(archive, info, lim)
    elif "mimetype" in names and b"spreadsheet" in archive.read("mimetype"):
        pass
    else:
        raise refuse(_("这不是电子表格文件（支持 .xlsx、.xls、.ods、.csv）。"), "sheet_not_spreadsheet")
    handle.seek(0)
    return _calamine_sheets(handle, lim)


_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:([A-Z]+)(\d+)"')


def _column_number(letters: bytes) -> int:
    n = 0
    for c in letters:
        n = n * 26 + (c - 64)
    return n


def _too_many_rows(rows: int, lim: dict[str, int]) -> ApplicationError:
    return refuse(
        _("文件行数过多（%(rows)s 行），每个工作表最多 %(limit)s 行，请拆分后上传。")
        % {"rows": f"{rows:,}", "limit": f"{lim['MAX_ROWS']:,}"},
        "sheet_too_many_rows",
    )


def _too_many_columns(columns: int, lim: dict[str, int]) -> ApplicationError:
    return refuse(
        _("文件列数过多（%(columns)s 列），最多 %(limit)s 列。")
        % {"columns": f"{columns:,}", "limit": lim["MAX_COLUMNS"]},
        "sheet_too_many_columns",
    )


def _check_declared_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, lim: dict[str, int]) -> None:
    """Refuse a sheet by the size it declares, reading only the first bytes of its XML."""
    if info.file_size > lim["MAX_XML_BYTES"]:
        raise _too_many_rows(info.file_size // 50, lim)
    with archive.open(info) as xml:
        start = xml.read(4096)
    found = _DIMENSION.search(start)
    if not found:
        return
    columns, rows = _column_number(found.group(1)), int(found.group(2))
    if columns > lim["MAX_COLUMNS"]:
        raise _too_many_columns(columns, lim)
    if rows - 1 > lim["MAX_ROWS"]:
        raise _too_many_rows(rows - 1, lim)


def _calamine_sheets(handle: IO[bytes], lim: dict[str, int]) -> list[Sheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
    except python_calamine.PasswordError:
        raise refuse(_("文件设有密码保护，请取消密码后再上传。"), "sheet_encrypted") from None
    except Exception:
        raise refuse(_("文件已损坏，无法读取。"), "sheet_corrupt") from None
    sheets = []
    for name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(name)
        except Exception:
            raise refuse(_("文件已损坏，无法读取。"), "sheet_corrupt") from None
        if sheet.total_width > lim["MAX_COLUMNS"]:
            raise _too_many_columns(sheet.total_width, lim)
        if sheet.total_height - 1 > lim["MAX_ROWS"]:
            raise _too_many_rows(sheet.total_height - 1, lim)
        if not sheet.height:
            continue
        rows = sheet.iter_rows()
        header_row = next(rows, [])
        start_row = sheet.start[0] if sheet.start else 0
        for merged in sheet.merged_cell_ranges or []:
            (r0, _c0), (r1, _c1) = merged
            if r0 <= start_row <= r1:
                raise refuse(
                    _("工作表“%(sheet)s”的表头含有合并单元格，请取消合并，每列一个表头。") % {"sheet": name},
                    "sheet_merged_header",
                )
        header = [_header_text(v) for v in header_row]
        sheets.append(
            Sheet(name=name, header=header, rows=rows, first_row=start_row + 2, height=sheet.height - 1)
        )
    return sheets


def _header_text(value: Any) -> str:
    return re.sub(r"\s+", "", str(value or "")).replace("*", "").replace("＊", "")


def _csv_sheet(handle: IO[bytes], lim: dict[str, int]) -> Sheet:
    raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise refuse(_("CSV 文件的编码无法识别，请保存为 UTF-8。"), "sheet_encoding") from None
    lines = text.count("\n")
    if lines - 1 > lim["MAX_ROWS"] + 1:
        raise _too_many_rows(lines - 1, lim)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header_row = next(reader, [])
    if len(header_row) > lim["MAX_COLUMNS"]:
        raise _too_many_columns(len(header_row), lim)
    header = [_header_text(v) for v in header_row]
    return Sheet(name="", header=header, rows=reader, height=max(lines - 1, 0))
