"""Files for the demo's listings: small PDFs written here, so the demo needs no binary blobs and
every attachment opens in a PDF reader. Catalogue, listings and spaces attach them to a few of
their published listings (one of them confidential) through `demo_attach`."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from alleyhub.core.demo_context import DemoContext

from ..models import ListingAttachment


def _pdf_text(line: str) -> str:
    """A line as a PDF string literal (the standard Helvetica font: Latin-1 text only)."""
    text = line.encode("latin-1", "replace").decode("latin-1")
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page A4 PDF showing `lines` in Helvetica: catalog, pages, page, content stream
    and font, with the cross-reference table a reader needs (byte offsets computed here)."""
    shown = "".join(f"{_pdf_text(line)} Tj T* " for line in lines)
    content = f"BT /F1 12 Tf 16 TL 56 780 Td {shown}ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def demo_attach(
    ctx: DemoContext,
    listing: Any,
    *,
    name: str,
    title: str,
    lines: list[str],
    uploaded_by: Any = None,
    confidential: bool = False,
) -> ListingAttachment:
    """Store a generated PDF as an attachment of `listing` (the storage gives it a random name,
    as for any upload: `ListingAttachment.file`'s upload_to)."""
    data = minimal_pdf(lines)
    attachment = ListingAttachment(
        content_type=ContentType.objects.get_for_model(listing),
        object_id=listing.pk,
        original_name=name,
        size=len(data),
        mime_type="application/pdf",
        title=title,
        confidential=confidential,
        uploaded_by=uploaded_by,
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    ctx.count("directory.ListingAttachment", 1)
    return attachment
