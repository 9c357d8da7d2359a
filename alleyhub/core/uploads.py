"""The one way files come in and go out: every upload (case files, request attachments, and every
later one) is checked by `upload_validate`, stored under a random name by `random_upload_to`, and
handed out only by `protected_file_view` after the app's own permission check.

- In: a type allow-list where the file's first bytes must agree with its extension (a renamed
  executable is refused), a size limit, no empty files.
- Stored: under MEDIA_ROOT with a random name (the user's file name is kept in the row, never used
  as a path), so names cannot collide, be guessed or traverse directories.
- Out: always as a download (`Content-Disposition: attachment`), `X-Content-Type-Options: nosniff`,
  `Content-Security-Policy: sandbox` and no caching, so an uploaded HTML or SVG file can never
  run in the platform's origin.
"""

from __future__ import annotations

import mimetypes
import os
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .exceptions import ApplicationError

ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc/.xls/.ppt) compound file
# extension -> (content type, accepted leading bytes; () = text: no NUL, decodes as UTF-8 or GB 18030)
FILE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    # A password-protected .xlsx is an OLE2 container (the sheets import then says so clearly).
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP, OLE2)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (ZIP,)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain; charset=utf-8", ()),
    ".doc": ("application/msword", (OLE2,)),
    ".xls": ("application/vnd.ms-excel", (OLE2,)),
    ".ppt": ("application/vnd.ms-powerpoint", (OLE2,)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
    # Spreadsheets for the import (alleyhub/sheets): .xlsm is taken only to tell the user clearly
    # that macros are refused.
    ".xlsm": ("application/vnd.ms-excel.sheet.macroEnabled.12", (ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".csv": ("text/csv; charset=utf-8", ()),
}
# An Office Open XML file is a ZIP; its first bytes say only that. What makes it a Word, Excel or
# PowerPoint file is the package's content: `[Content_Types].xml` and the main part's folder. A ZIP
# renamed to .docx, or a macro-enabled document renamed to .docx (a `vbaProject.bin` inside), is
# refused.
OOXML_PARTS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
MB = 1024 * 1024


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of upload accepts."""

    extensions: frozenset[str] = frozenset(FILE_TYPES)
    max_bytes: int = 10 * MB
    # Check an Office Open XML file's package (see OOXML_PARTS), not only its ZIP magic bytes.
    # On for the Office and listing policies; the older DOCUMENTS policy keeps the magic-byte check
    # (its callers' fixtures are bare ZIP headers), to be switched on there when they are updated.
    office_content: bool = False

    def extensions_display(self) -> str:
        return ", ".join(sorted(ext.lstrip(".").upper() for ext in self.extensions if ext != ".jpeg"))


# The original allow-list (requests, cases): the types added later are opted into per policy.
DOCUMENTS = UploadPolicy(
    extensions=frozenset({".pdf", ".docx", ".xlsx", ".pptx", ".png", ".jpg", ".jpeg", ".txt"})
)
SPREADSHEETS = UploadPolicy(
    extensions=frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv"}), max_bytes=50 * MB
)
IMAGES = UploadPolicy(extensions=frozenset({".png", ".jpg", ".jpeg"}), max_bytes=5 * MB)
OFFICE = UploadPolicy(
    extensions=frozenset({".docx", ".xlsx", ".pptx", ".doc", ".xls", ".ppt"}), office_content=True
)
# Attachments of listings: PDF, images and Office files (checked by content, see OOXML_PARTS).
LISTING_FILES = UploadPolicy(
    extensions=frozenset({".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp"} | OFFICE.extensions),
    max_bytes=20 * MB,
    office_content=True,
)


def upload_validate(uploaded: UploadedFile, *, policy: UploadPolicy = DOCUMENTS) -> str:
    """Check an uploaded file against `policy`; return the content type to store with it.
    Raises ApplicationError: 400 with code "upload_type" / "upload_empty" / "upload_content",
    413 with code "upload_too_large"."""
    name = os.path.basename(uploaded.name or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in policy.extensions or ext not in FILE_TYPES:
        raise ApplicationError(
            _("不支持的文件类型：%(name)s。允许的类型：%(allowed)s。")
            % {"name": name or "-", "allowed": policy.extensions_display()},
            {"code": "upload_type"},
        )
    size = uploaded.size or 0
    if size > policy.max_bytes:
        raise ApplicationError(
            _("文件过大：%(name)s（%(size)s），上限为 %(limit)s。")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(policy.max_bytes)},
            {"code": "upload_too_large"},
            status=413,
        )
    if size == 0:
        raise ApplicationError(_("文件为空：%(name)s。") % {"name": name}, {"code": "upload_empty"})
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    content_type, magics = FILE_TYPES[ext]
    ok = any(head.startswith(m) for m in magics) if magics else _looks_like_text(head)
    if ok and ext == ".webp":
        ok = head[8:12] == b"WEBP"
    if ok and policy.office_content and ext in OOXML_PARTS:
        ok = _is_ooxml(uploaded, OOXML_PARTS[ext])
    if not ok:
        raise ApplicationError(
            _("文件内容与类型不符：%(name)s。") % {"name": name}, {"code": "upload_content"}
        )
    return content_type


def _is_ooxml(uploaded: UploadedFile, main_part: str) -> bool:
    """True when the ZIP is an Office Open XML package of the expected kind without macros."""
    try:
        with zipfile.ZipFile(uploaded) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded.seek(0)
    if "[Content_Types].xml" not in names:
        return False
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return False
    return any(name.startswith(main_part) for name in names)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        # The 2 KB cut may split a multi-byte character: also try without its last 1, 2 or 3 bytes.
        for sample in (head, head[:-1], head[:-2], head[:-3]):
            try:
                sample.decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False


class UploadField(forms.FileField):
    """A form's file field checked with `upload_validate`, so a bad file is a field error."""

    def __init__(self, *, policy: UploadPolicy = DOCUMENTS, **kwargs: Any) -> None:
        self.policy = policy
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if value and isinstance(value, UploadedFile):
            try:
                upload_validate(value, policy=self.policy)
            except ApplicationError as exc:
                raise ValidationError(exc.message, code=exc.extra.get("code")) from exc
        return value


@deconstructible
class RandomUploadTo:
    """An `upload_to` that stores a file as `<prefix>/<yyyy>/<mm>/<random hex><ext>`; migrations
    can serialise it (`RandomUploadTo("cases")`)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, instance: Any, filename: str) -> str:
        return random_file_name(self.prefix, filename)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomUploadTo) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def random_upload_to(prefix: str) -> RandomUploadTo:
    return RandomUploadTo(prefix)


def random_file_name(prefix: str, filename: str) -> str:
    ext = os.path.splitext(filename or "")[1].lower()
    ext = ext if ext in FILE_TYPES else ""
    return f"{prefix}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext}"


@dataclass(frozen=True)
class StoredFile:
    """What the download view needs: the stored file, the name the user sees, its type."""

    file: FieldFile
    filename: str
    content_type: str = ""


class FileGetter(Protocol):
    def __call__(self, *, pk: int, user: Any) -> StoredFile: ...


def file_response(stored: StoredFile) -> FileResponse:
    """The stored file as a download with the protective headers (see module doc)."""
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    content_type = (
        stored.content_type or mimetypes.guess_type(stored.filename)[0] or "application/octet-stream"
    )
    response = FileResponse(handle, as_attachment=True, filename=stored.filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def protected_file_view(getter: FileGetter, *, require_login: bool = True) -> Callable[..., FileResponse]:
    """The one download view: `getter(pk=, user=)` is the app's selector that finds the file and
    raises PermissionDenied / Http404 for those who may not have it. In an app's urls.py::

        path("files/<int:pk>/", protected_file_view(selectors.case_file_for_download), name="file")

    `require_login=False` lets the getter decide for anonymous users too (public files).
    """

    @require_GET
    def download(request: HttpRequest, pk: int) -> FileResponse:
        return file_response(getter(pk=pk, user=request.user))

    # `require_login=False` for files that are public when their object is (a published
    # listing's attachments): the getter still decides, anonymous users included.
    return login_required(download) if require_login else download
