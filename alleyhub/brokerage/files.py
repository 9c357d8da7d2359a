"""Limits for files attached to cases: size, extension and the file's first bytes must agree."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_FILE_SIZE = 10 * 1024 * 1024

ZIP = b"PK\x03\x04"
# extension -> (content type, accepted leading bytes; None = plain text)
ALLOWED_FILES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (ZIP,)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain; charset=utf-8", None),
}


def allowed_extensions_display() -> str:
    return ", ".join(sorted({ext.lstrip(".") for ext in ALLOWED_FILES}))


def validate_case_upload(upload) -> str:
    """Check an uploaded file; return its content type. Raises ValidationError with a message
    naming the limit that was broken."""
    name = getattr(upload, "name", "") or ""
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED_FILES:
        raise ValidationError(
            _("不支持的文件类型：%(ext)s。允许的类型：%(allowed)s。")
            % {"ext": ext or "-", "allowed": allowed_extensions_display()},
            code="file_type",
        )
    if upload.size > MAX_FILE_SIZE:
        raise ValidationError(
            _("文件过大（%(size)s），上限为 %(limit)s。")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_FILE_SIZE)},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("文件是空的。"), code="file_empty")
    content_type, magics = ALLOWED_FILES[ext]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if magics is None:
        if b"\x00" in head:
            raise ValidationError(_("文件内容与扩展名 %(ext)s 不符。") % {"ext": ext}, code="file_content")
    elif not any(head.startswith(m) for m in magics):
        raise ValidationError(_("文件内容与扩展名 %(ext)s 不符。") % {"ext": ext}, code="file_content")
    return content_type
