""" "Download my data": the account page starts a background export, its page shows the progress,
and the ZIP (JSON from every app plus the user's files) is downloadable once, by the user only,
within 7 days."""

import io
import json
import os
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.core.models import AuditEntry
from alleyhub.notifications.tests.factories import NotificationFactory
from alleyhub.privacy import services
from alleyhub.privacy.hooks import PersonalData, personal_data_exporters
from alleyhub.privacy.models import DataExport, ExportStatus
from alleyhub.requests.tests.factories import OrganizationFactory, member, submit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"1" * 200


@pytest.fixture
def author():
    user = member(OrganizationFactory(name_zh="新微传感", slug="xinwei"), username="xinwei-ceo")
    user.display_name = "王小明"
    user.save()
    submit(
        org=user.memberships.get().organization,
        user=user,
        title="融资对接需求",
        files=[SimpleUploadedFile("商业计划书.pdf", PDF)],
    )
    NotificationFactory(recipient=user, title="您的诉求已受理")
    services.consent_give(user=user, kind="contact_sharing", actor=user)
    return user


def _start(client, commit, user) -> DataExport:
    client.force_login(user)
    assert 'data-testid="export-start"' in client.get("/accounts/me/").content.decode()
    with commit():
        response = client.post("/privacy/export/")
    export = DataExport.objects.get(user=user)
    assert response.status_code == 302 and response["Location"] == f"/privacy/export/{export.pk}/"
    return export


def test_the_export_is_built_in_the_background_and_downloaded_once(client, commit, author):
    export = _start(client, commit, author)
    export.refresh_from_db()
    assert export.status == ExportStatus.READY and export.progress == 100
    assert timedelta(days=6, hours=23) < export.expires_at - timezone.now() <= timedelta(days=7)

    page = client.get(f"/privacy/export/{export.pk}/")
    assert 'data-status="ready"' in page.content.decode()
    download = client.get(f"/privacy/export/{export.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip" and download["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = set(archive.namelist())
    assert {"account.json", "person.json", "privacy.json", "notifications.json", "requests.json"} <= names
    assert {"listings.json", "services.json", "spaces.json", "cases.json"} <= names
    account = json.loads(archive.read("account.json"))
    assert account["user"][0]["fields"]["display_name"] == "王小明"
    assert "password" not in account["user"][0]["fields"]
    assert (
        json.loads(archive.read("notifications.json"))["notifications"][0]["fields"]["title"]
        == "您的诉求已受理"
    )
    assert json.loads(archive.read("requests.json"))["requests"][0]["fields"]["title"] == "融资对接需求"
    assert json.loads(archive.read("privacy.json"))["consents"][0]["fields"]["kind"] == "contact_sharing"
    [stored] = [n for n in names if n.startswith("files/requests/")]
    assert stored.endswith("商业计划书.pdf") and archive.read(stored) == PDF

    # Once only.
    assert client.get(f"/privacy/export/{export.pk}/download/").status_code == 404
    assert 'data-status="downloaded"' in client.get(f"/privacy/export/{export.pk}/").content.decode()
    codes = set(AuditEntry.objects.filter(target_type="privacy.dataexport").values_list("code", flat=True))
    assert codes == {"privacy.export.requested", "privacy.export.ready", "privacy.export.downloaded"}


def test_nobody_else_sees_or_downloads_it(client, commit, author):
    export = _start(client, commit, author)
    client.force_login(UserFactory())
    assert client.get(f"/privacy/export/{export.pk}/").status_code == 404
    assert client.get(f"/privacy/export/{export.pk}/download/").status_code == 404
    client.logout()
    assert client.get(f"/privacy/export/{export.pk}/download/").status_code == 302  # to sign-in


def test_after_seven_days_it_cannot_be_downloaded_and_the_file_is_removed(client, commit, author):
    export = _start(client, commit, author)
    export.refresh_from_db()
    path = export.file.path
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/privacy/export/{export.pk}/download/").status_code == 404
    assert services.exports_purge() == 1
    export.refresh_from_db()
    assert export.status == ExportStatus.EXPIRED and not export.file
    assert not os.path.exists(path)
    assert services.exports_purge() == 0


def test_a_downloaded_file_is_removed_an_hour_later(client, commit, author):
    export = _start(client, commit, author)
    b"".join(client.get(f"/privacy/export/{export.pk}/download/").streaming_content)
    assert services.exports_purge() == 0
    assert services.exports_purge(now=timezone.now() + timedelta(hours=2)) == 1


def test_the_page_shows_progress_while_the_export_is_built(client):
    user = UserFactory()
    export = DataExport.objects.create(user=user, status=ExportStatus.RUNNING, progress=40)
    client.force_login(user)
    page = client.get(f"/privacy/export/{export.pk}/").content.decode()
    assert 'value="40"' in page and 'hx-trigger="every 2s"' in page
    partial = client.get(f"/privacy/export/{export.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="export-status"') and "<html" not in partial


def test_a_second_request_while_one_is_queued_returns_it(client):
    user = UserFactory()
    first = services.export_request(user=user, actor=user)
    assert services.export_request(user=user, actor=user).pk == first.pk


def test_a_failed_build_is_shown_as_failed(client, commit, author):
    def broken(user) -> PersonalData:
        raise RuntimeError("storage down")

    with personal_data_exporters.replaced(broken):
        client.force_login(author)
        with commit():  # the task fails (the worker logs it); the request does not
            client.post("/privacy/export/")
    export = DataExport.objects.get(user=author)
    assert export.status == ExportStatus.FAILED
    assert 'data-status="failed"' in client.get(f"/privacy/export/{export.pk}/").content.decode()
