"""What an attachment may be: at most 10 MB, one of pdf/docx/xlsx/png/jpg/txt, and its first bytes
must agree with its extension (a renamed executable is refused)."""

import os

from django.utils.translation import gettext as _

from alleyhub.core.exceptions import ApplicationError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_REQUEST = 10
ZIP = b"PK\x03\x04"
ALLOWED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain", ()),
}


def attachment_validate(uploaded) -> str:
    """Check an uploaded file; returns the content type to store.
    Raises ApplicationError (status 400; 413 when too large) with a message for the user."""
    name = os.path.basename(getattr(uploaded, "name", "") or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED:
        raise ApplicationError(
            _("不支持的文件类型：%(name)s。允许 PDF、DOCX、XLSX、PNG、JPG、TXT。") % {"name": name},
            {"code": "attachment_type"},
        )
    size = uploaded.size or 0
    if size > MAX_ATTACHMENT_BYTES:
        raise ApplicationError(
            _("文件过大：%(name)s。单个附件不超过 10 MB。") % {"name": name},
            {"code": "attachment_too_large"},
            status=413,
        )
    if size == 0:
        raise ApplicationError(_("文件为空：%(name)s。") % {"name": name}, {"code": "attachment_empty"})
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    content_type, magics = ALLOWED[ext]
    ok = any(head.startswith(m) for m in magics) if magics else _looks_like_text(head)
    if not ok:
        raise ApplicationError(
            _("文件内容与类型不符：%(name)s。") % {"name": name}, {"code": "attachment_content"}
        )
    return content_type


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError:
            # The 2 KB cut may split a multi-byte character: retry without the last 3 bytes.
            try:
                head[:-3].decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
    return False
