from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alleyhub.brokerage.models import CaseActivity, ConfidentialityAcceptance
from alleyhub.brokerage.services import CASE_FILES, case_activity_add, case_side_accept
from alleyhub.brokerage.tests.factories import BrokerFactory, CaseFactory, OperatorUserFactory, party_of
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
MAX_FILE_SIZE = CASE_FILES.max_bytes


def _upload(client, case, name, content):
    return client.post(
        reverse("brokerage:activity_add", args=[case.pk]),
        {"kind": "file", "text": "", "file": SimpleUploadedFile(name, content)},
    )


def test_a_broker_uploads_a_file_stored_outside_the_web_root_under_a_random_name(client_as):
    case = CaseFactory()
    response = _upload(client_as(case.broker), case, "../../合同草案.pdf", PDF)

    assert response.status_code == 302
    activity = CaseActivity.objects.get(case=case, kind="file")
    assert activity.file_name == "合同草案.pdf"
    stored = Path(activity.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "合同草案" not in stored.name and stored.suffix == ".pdf"
    assert stored.read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("installer.exe", b"MZ\x90\x00", "不支持的文件类型"),
        ("notes.html", b"<script>", "不支持的文件类型"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "不符"),
        ("photo.png", PDF, "不符"),
        ("empty.txt", b"", "空"),
    ],
)
def test_files_of_other_types_or_with_the_wrong_content_are_refused(client_as, name, content, message):
    case = CaseFactory()
    response = _upload(client_as(case.broker), case, name, content)
    assert message in response.wsgi_request._messages._queued_messages[0].message
    assert not CaseActivity.objects.exists()


def test_files_over_ten_megabytes_are_refused():
    case = CaseFactory()
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (MAX_FILE_SIZE - len(PDF) + 1))
    with pytest.raises(ApplicationError) as exc:
        case_activity_add(case=case, actor=case.broker, kind="file", upload=big)
    assert exc.value.extra["code"] == "upload_too_large"
    ok = SimpleUploadedFile("ok.pdf", PDF + b"0" * (MAX_FILE_SIZE - len(PDF)))
    assert case_activity_add(case=case, actor=case.broker, kind="file", upload=ok).file_size == MAX_FILE_SIZE


def _case_with_file():
    case = CaseFactory()
    activity = case_activity_add(
        case=case, actor=case.broker, kind="file", upload=SimpleUploadedFile("方案.pdf", PDF)
    )
    return case, activity


def test_a_party_sees_files_and_the_confidential_part_only_after_accepting_the_terms(client_as):
    case, activity = _case_with_file()
    case = case_side_accept(case=case, actor=party_of(case.supply_org))  # the outcome's owner agrees
    party = party_of(case.demand_org)
    client = client_as(party)
    url = reverse("brokerage:file_download", args=[activity.pk])

    page = client.get(case.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 403
    assert "薄膜应力" not in page and "file-link" not in page and 'data-testid="terms"' in page

    response = client.post(
        reverse("brokerage:confidentiality_accept", args=[case.pk]),
        {"accept": "yes"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302

    acceptance = ConfidentialityAcceptance.objects.get(case=case, user=party)
    assert acceptance.ip_address == "203.0.113.7" and acceptance.accepted_at is not None
    assert AuditEntry.objects.filter(
        code="brokerage.case.confidentiality_accepted", ip_address="203.0.113.7"
    ).exists()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "薄膜应力" in page and "file-link" in page
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    # core.uploads' protective headers: never rendered in the platform's origin, never cached.
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert download["Cache-Control"] == "private, no-store"
    download.close()


def test_accepting_needs_the_box_ticked(client_as):
    case = CaseFactory()
    party = party_of(case.demand_org)
    client_as(party).post(reverse("brokerage:confidentiality_accept", args=[case.pk]), {})
    assert not ConfidentialityAcceptance.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("broker", 200), ("operator", 200), ("other_broker", 403)])
def test_file_downloads_per_role(client_as, who, status):
    case, activity = _case_with_file()
    user = {"broker": case.broker, "operator": OperatorUserFactory(), "other_broker": BrokerFactory()}[who]
    response = client_as(user).get(reverse("brokerage:file_download", args=[activity.pk]))
    response.close()
    assert response.status_code == status


def test_anonymous_download_goes_to_login_and_media_url_serves_nothing(client):
    case, activity = _case_with_file()
    assert client.get(reverse("brokerage:file_download", args=[activity.pk])).status_code == 302
    assert client.get(settings.MEDIA_URL + activity.file.name).status_code == 404


def test_a_party_cannot_add_activities(client_as):
    case = CaseFactory()
    response = client_as(party_of(case.demand_org)).post(
        reverse("brokerage:activity_add", args=[case.pk]), {"kind": "note", "text": "hi"}
    )
    assert response.status_code == 403
    assert not CaseActivity.objects.exists()


def test_a_closed_case_takes_no_new_activities():
    case = CaseFactory(stage="closed", close_reason="no_response")
    with pytest.raises(ApplicationError) as exc:
        case_activity_add(case=case, actor=case.broker, kind="note", text="还想跟进")
    assert exc.value.extra["code"] == "case_closed"
