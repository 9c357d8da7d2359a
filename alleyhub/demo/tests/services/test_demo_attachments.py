"""The demo's listing attachments: small generated PDFs on published listings (one of them
confidential), shown to the personas the listing's rules admit."""

import pytest
from django.urls import reverse

from alleyhub.accounts.models import User
from alleyhub.core.uploads import LISTING_FILES, upload_validate
from alleyhub.directory.demo.attachments import minimal_pdf
from alleyhub.directory.models import ListingAttachment


def test_minimal_pdf_is_a_valid_pdf_with_a_correct_cross_reference_table():
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = minimal_pdf(["Hello (demo)", "Second line"])
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref:].startswith(b"xref\n0 6\n")
    entries = data[xref:].split(b"\n")[3:8]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry[:10])
        assert data[offset:].startswith(f"{number} 0 obj".encode())
    assert b"(Hello \\(demo\\)) Tj" in data
    assert upload_validate(SimpleUploadedFile("a.pdf", data), policy=LISTING_FILES) == "application/pdf"


@pytest.fixture
def district_with_hooks(db):
    from ..conftest import load

    return load(run_hooks=False)


def test_demo_attaches_pdfs_to_published_services_outcomes_and_units(district_with_hooks, client):
    files = list(ListingAttachment.objects.all())
    kinds = {f.content_type.model for f in files}
    assert kinds == {"serviceoffering", "techoutcome", "spaceunit"}
    assert all(f.listing.status == "published" and f.mime_type == "application/pdf" for f in files)
    for f in files:
        with f.file.open("rb") as handle:
            assert handle.read().startswith(b"%PDF-")
    secret = [f for f in files if f.confidential]
    assert {f.content_type.model for f in secret} == {"serviceoffering", "techoutcome"}
    service_secret = next(f for f in secret if f.content_type.model == "serviceoffering")
    assert service_secret.uploaded_by == User.objects.get(username="demo-provider")
    url = reverse(
        "api:listing_attachment_list", kwargs={"kind": "service", "listing_id": service_secret.object_id}
    )
    public_ids = [a["id"] for a in client.get(url).json()]
    assert service_secret.pk not in public_ids and public_ids
    client.force_login(User.objects.get(username="demo-provider"))
    assert service_secret.pk in [a["id"] for a in client.get(url).json()]
