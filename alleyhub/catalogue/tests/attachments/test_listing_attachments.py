"""Attachments of listings (one mechanism for services, units, outcomes, demands, investor
profiles): files checked by content, downloads only for those who may see the listing and, for a
confidential file, its confidential part."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.directory.listing_services import attachment_add
from alleyhub.directory.models import ListingAttachment
from alleyhub.listings.tests.factories import TechOutcomeFactory
from alleyhub.spaces.tests.factories import SpaceUnitFactory

from ..factories import ServiceOfferingFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ooxml(main_part: str, *, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{main_part}document.xml", "<x/>")
        if macro:
            z.writestr(f"{main_part}vbaProject.bin", b"\x00")
    return buffer.getvalue()


def _plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "hello")
    return buffer.getvalue()


def status(client, url) -> int:
    """The status of a download. A file is read to the end, so the test client closes it without
    the request_finished signal (which would close PostgreSQL's test connection)."""
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response.status_code


def pdf(name="服务指南.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_member_attaches_pdf_image_and_office_files(provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    attachment_add(listing=service, actor=provider_member, uploaded=pdf())
    attachment_add(
        listing=service,
        actor=provider_member,
        uploaded=SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20),
    )
    attachment_add(
        listing=service, actor=provider_member, uploaded=SimpleUploadedFile("价目表.xlsx", _ooxml("xl/"))
    )
    attachment_add(
        listing=service,
        actor=provider_member,
        uploaded=SimpleUploadedFile("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 50),
    )
    assert ListingAttachment.objects.count() == 4
    assert AuditEntry.objects.filter(code="catalogue.serviceoffering.attachment_added").count() == 4


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00 executable"),  # an executable renamed
        ("archive.docx", _plain_zip()),  # a ZIP renamed: not an Office package
        ("macro.docx", _ooxml("word/", macro=True)),  # macros inside
        ("sheet.docx", _ooxml("xl/")),  # an Excel package renamed to .docx
        ("page.html", b"<html><script>alert(1)</script>"),  # not an allowed type
        ("empty.pdf", b""),
    ],
)
def test_wrong_files_are_refused(provider_org, provider_member, name, content):
    service = ServiceOfferingFactory(owner=provider_org)
    with pytest.raises(ApplicationError):
        attachment_add(listing=service, actor=provider_member, uploaded=SimpleUploadedFile(name, content))
    assert not ListingAttachment.objects.exists()


def test_upload_page_shows_the_refusal_and_others_cannot_upload(
    client_as, provider_org, provider_member, other_member
):
    service = ServiceOfferingFactory(owner=provider_org)
    url = reverse("directory:attachment_add", args=["service", service.pk])
    response = client_as(provider_member).post(
        url, {"file": SimpleUploadedFile("x.pdf", b"MZ not a pdf")}, follow=True
    )
    assert "文件内容与类型不符" in response.content.decode()
    assert client_as(other_member).post(url, {"file": pdf()}).status_code == 403
    assert (
        client_as(provider_member).post(reverse("directory:attachment_add", args=["nope", 1]), {}).status_code
        == 404
    )
    assert not ListingAttachment.objects.exists()
    response = client_as(provider_member).post(url, {"file": pdf(), "title": "服务指南"})
    assert response.status_code == 302 and ListingAttachment.objects.count() == 1


def test_public_file_of_a_published_listing_is_downloadable_by_anyone(client, provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    public = attachment_add(listing=service, actor=provider_member, uploaded=pdf())
    response = client.get(reverse("directory:attachment", args=[public.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        reverse("directory:attachment", args=[public.pk])
        in client.get(reverse("catalogue:detail", args=[service.pk])).content.decode()
    )


def test_draft_attachments_are_hidden_from_outsiders(
    client, client_as, provider_org, provider_member, other_member
):
    draft = ServiceOfferingFactory(owner=provider_org, status=ListingStatus.DRAFT)
    file = attachment_add(listing=draft, actor=provider_member, uploaded=pdf())
    url = reverse("directory:attachment", args=[file.pk])
    assert status(client, url) == 404
    assert status(client_as(other_member), url) == 404
    assert status(client_as(provider_member), url) == 200


def test_confidential_files_only_for_those_who_see_the_confidential_part(
    client, client_as, provider_org, provider_member, other_member, operator
):
    service = ServiceOfferingFactory(owner=provider_org)
    secret = attachment_add(
        listing=service, actor=provider_member, uploaded=pdf("报价.pdf"), confidential=True
    )
    url = reverse("directory:attachment", args=[secret.pk])
    assert status(client, url) == 404
    assert status(client_as(other_member), url) == 404
    assert (
        "报价.pdf"
        not in client_as(other_member).get(reverse("catalogue:detail", args=[service.pk])).content.decode()
    )
    assert status(client_as(provider_member), url) == 200
    assert status(client_as(operator), url) == 200


def test_archiving_the_listing_hides_its_files(client, provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    file = attachment_add(listing=service, actor=provider_member, uploaded=pdf())
    ServiceOffering.objects.filter(pk=service.pk).update(status=ListingStatus.ARCHIVED)
    assert status(client, reverse("directory:attachment", args=[file.pk])) == 404


def test_same_mechanism_for_units_and_outcomes(client, client_as, operator):
    unit = SpaceUnitFactory()
    outcome = TechOutcomeFactory()
    for kind, listing in (("unit", unit), ("outcome", outcome)):
        response = client_as(operator).post(
            reverse("directory:attachment_add", args=[kind, listing.pk]), {"file": pdf(f"{kind}.pdf")}
        )
        assert response.status_code == 302
    files = ListingAttachment.objects.order_by("pk")
    assert [f.listing for f in files] == [unit, outcome]
    assert status(client, reverse("directory:attachment", args=[files[0].pk])) == 200


def test_remove_only_by_those_who_may_edit(client_as, provider_org, provider_member, other_member):
    service = ServiceOfferingFactory(owner=provider_org)
    file = attachment_add(listing=service, actor=provider_member, uploaded=pdf())
    url = reverse("directory:attachment_remove", args=[file.pk])
    assert client_as(other_member).post(url).status_code == 403
    assert client_as(provider_member).post(url).status_code == 302
    assert not ListingAttachment.objects.exists()


def test_attachments_are_in_the_uploaders_data_export(provider_org, provider_member):
    from alleyhub.privacy.personal_data import directory_data

    service = ServiceOfferingFactory(owner=provider_org)
    attachment_add(listing=service, actor=provider_member, uploaded=pdf())
    part = directory_data(provider_member)
    assert len(part.records["listing_attachments"]) == 1
    assert len(part.files) == 1


def test_erasing_the_uploader_keeps_the_organisations_file(provider_org, provider_member):
    from alleyhub.privacy.erasure import deleted_user, reassign_references

    service = ServiceOfferingFactory(owner=provider_org)
    file = attachment_add(listing=service, actor=provider_member, uploaded=pdf())
    placeholder = deleted_user()
    reassign_references(provider_member, placeholder)
    provider_member.delete()
    file.refresh_from_db()
    assert file.uploaded_by == placeholder


def test_deleting_a_listing_deletes_its_attachments(provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    other = ServiceOfferingFactory(owner=provider_org)
    attachment_add(listing=service, actor=provider_member, uploaded=pdf())
    kept = attachment_add(listing=other, actor=provider_member, uploaded=pdf())
    service.delete()
    assert list(ListingAttachment.objects.all()) == [kept]
