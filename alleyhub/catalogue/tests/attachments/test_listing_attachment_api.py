"""The attachments API (/api/listings/{kind}/{id}/attachments, /api/attachments/{id}): one set of
endpoints for every listing kind, with the pages' rules — what each role may list, upload,
download and delete, and problem JSON for bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alleyhub.accounts.models import Role
from alleyhub.core.models import ListingStatus
from alleyhub.core.uploads import MB
from alleyhub.directory.listing_services import attachment_add
from alleyhub.directory.models import ListingAttachment
from alleyhub.listings.tests.factories import (
    InvestorProfileFactory,
    TechDemandFactory,
    TechOutcomeFactory,
    UserFactory,
)
from alleyhub.spaces.tests.factories import SpaceUnitFactory

from ..factories import ServiceOfferingFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf(name="服务指南.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def list_url(kind, pk):
    return reverse("api:listing_attachment_list", kwargs={"kind": kind, "listing_id": pk})


def file_url(attachment):
    return reverse("api:listing_attachment_download", kwargs={"attachment_id": attachment.pk})


def delete_url(attachment):
    return reverse("api:listing_attachment_delete", kwargs={"attachment_id": attachment.pk})


def download_status(client, url) -> int:
    """Read a file to the end, so the test client closes it without the request_finished signal
    (which would close PostgreSQL's test connection)."""
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response.status_code


@pytest.fixture
def service_with_files(provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    public = attachment_add(listing=service, actor=provider_member, uploaded=pdf(), title="服务指南")
    secret = attachment_add(
        listing=service, actor=provider_member, uploaded=pdf("报价.pdf"), confidential=True
    )
    return service, public, secret


def test_list_shows_confidential_files_only_to_those_who_see_the_confidential_part(
    client, client_as, service_with_files, provider_member, other_member, operator
):
    service, public, secret = service_with_files
    url = list_url("service", service.pk)
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert [a["id"] for a in anonymous.json()] == [public.pk]
    assert anonymous.json()[0]["title"] == "服务指南"
    assert anonymous.json()[0]["download_url"] == file_url(public)
    assert [a["id"] for a in client_as(other_member).get(url).json()] == [public.pk]
    assert [a["id"] for a in client_as(provider_member).get(url).json()] == [public.pk, secret.pk]
    assert [a["id"] for a in client_as(operator).get(url).json()] == [public.pk, secret.pk]
    task_force = UserFactory(role=Role.TASK_FORCE)
    assert [a["id"] for a in client_as(task_force).get(url).json()] == [public.pk, secret.pk]


def test_a_draft_listings_files_are_404_for_outsiders(
    client, client_as, provider_org, provider_member, other_member
):
    draft = ServiceOfferingFactory(owner=provider_org, status=ListingStatus.DRAFT)
    file = attachment_add(listing=draft, actor=provider_member, uploaded=pdf())
    assert client.get(list_url("service", draft.pk)).status_code == 404
    assert client_as(other_member).get(list_url("service", draft.pk)).status_code == 404
    assert download_status(client_as(other_member), file_url(file)) == 404
    assert client_as(provider_member).get(list_url("service", draft.pk)).status_code == 200
    assert download_status(client_as(provider_member), file_url(file)) == 200


@pytest.mark.parametrize("kind", ["nope", "service"])
def test_unknown_kind_or_listing_is_404_problem(client, kind):
    response = client.get(list_url(kind, 999_999))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_download_is_a_protected_attachment(client, client_as, service_with_files, other_member):
    _service, public, secret = service_with_files
    response = client.get(file_url(public))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert download_status(client, file_url(secret)) == 404
    assert download_status(client_as(other_member), file_url(secret)) == 404


def test_member_uploads_through_the_api(client_as, provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    response = client_as(provider_member).post(
        list_url("service", service.pk), {"file": pdf(), "title": "服务指南", "confidential": "true"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["original_name"] == "服务指南.pdf"
    assert body["confidential"] is True
    assert body["mime_type"] == "application/pdf"
    assert body["size"] == len(PDF)
    stored = ListingAttachment.objects.get()
    assert stored.listing == service
    assert stored.uploaded_by == provider_member


def test_one_set_of_endpoints_serves_every_listing_kind(client, client_as, operator):
    for kind, listing in (
        ("outcome", TechOutcomeFactory()),
        ("demand", TechDemandFactory()),
        ("investor", InvestorProfileFactory()),
        ("service", ServiceOfferingFactory()),
        ("unit", SpaceUnitFactory()),
    ):
        response = client_as(operator).post(list_url(kind, listing.pk), {"file": pdf(f"{kind}.pdf")})
        assert response.status_code == 201, (kind, response.content)
        attachment = ListingAttachment.objects.get(pk=response.json()["id"])
        assert attachment.listing == listing
        client.logout()
        if listing.status == ListingStatus.PUBLISHED:
            assert [a["id"] for a in client.get(list_url(kind, listing.pk)).json()] == [attachment.pk]


def test_anonymous_upload_is_401(client, provider_org):
    service = ServiceOfferingFactory(owner=provider_org)
    assert client.post(list_url("service", service.pk), {"file": pdf()}).status_code == 401


def test_who_sees_but_may_not_edit_gets_403(client_as, provider_org, other_member):
    service = ServiceOfferingFactory(owner=provider_org)
    response = client_as(other_member).post(list_url("service", service.pk), {"file": pdf()})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert not ListingAttachment.objects.exists()


def test_upload_to_an_invisible_draft_is_404(client_as, provider_org, other_member):
    draft = ServiceOfferingFactory(owner=provider_org, status=ListingStatus.DRAFT)
    assert client_as(other_member).post(list_url("service", draft.pk), {"file": pdf()}).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("run.exe", b"MZ\x90\x00", "upload_type"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "upload_content"),
        ("empty.pdf", b"", "upload_empty"),
    ],
)
def test_wrong_files_are_400_problems(client_as, provider_org, provider_member, name, content, code):
    service = ServiceOfferingFactory(owner=provider_org)
    response = client_as(provider_member).post(list_url("service", service.pk), {"file": pdf(name, content)})
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == code
    assert not ListingAttachment.objects.exists()


def test_a_too_large_file_is_413(client_as, provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    big = pdf("big.pdf", PDF + b"0" * (20 * MB))
    response = client_as(provider_member).post(list_url("service", service.pk), {"file": big})
    assert response.status_code == 413
    assert response.json()["code"] == "upload_too_large"


def test_missing_file_or_too_long_title_is_422(client_as, provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    client = client_as(provider_member)
    assert client.post(list_url("service", service.pk), {"title": "x"}).status_code == 422
    response = client.post(list_url("service", service.pk), {"file": pdf(), "title": "长" * 201})
    assert response.status_code == 422
    assert not ListingAttachment.objects.exists()


def test_delete_only_by_those_who_may_edit(
    client, client_as, service_with_files, provider_member, other_member
):
    _service, public, secret = service_with_files
    assert client.delete(delete_url(public)).status_code == 401
    assert client_as(other_member).delete(delete_url(public)).status_code == 403
    assert client_as(other_member).delete(delete_url(secret)).status_code == 404  # not even seen
    assert client_as(provider_member).delete(delete_url(public)).status_code == 204
    assert list(ListingAttachment.objects.all()) == [secret]
    assert client_as(provider_member).delete(delete_url(public)).status_code == 404


def test_the_operations_are_in_the_openapi_document(client):
    paths = client.get(reverse("api:openapi-json")).json()["paths"]
    upload = paths["/api/listings/{kind}/{listing_id}/attachments"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"201", "400", "403", "404", "413"} <= set(upload["responses"])
    assert "get" in paths["/api/attachments/{attachment_id}/file"]
    assert "delete" in paths["/api/attachments/{attachment_id}"]


def test_the_21st_file_is_a_400_problem(client_as, provider_org, provider_member):
    from alleyhub.directory.listing_services import MAX_ATTACHMENTS_PER_LISTING

    service = ServiceOfferingFactory(owner=provider_org)
    for i in range(MAX_ATTACHMENTS_PER_LISTING):
        attachment_add(listing=service, actor=provider_member, uploaded=pdf(f"{i}.pdf"))
    response = client_as(provider_member).post(list_url("service", service.pk), {"file": pdf()})
    assert response.status_code == 400
    assert response.json()["code"] == "too_many_attachments"
    assert ListingAttachment.objects.count() == MAX_ATTACHMENTS_PER_LISTING


def test_a_session_upload_without_the_csrf_token_is_refused(provider_org, provider_member):
    from django.test import Client

    service = ServiceOfferingFactory(owner=provider_org)
    client = Client(enforce_csrf_checks=True)
    client.force_login(provider_member)
    assert client.post(list_url("service", service.pk), {"file": pdf()}).status_code == 403
    assert not ListingAttachment.objects.exists()
