"""core.uploads: one validator for every upload, one protected download."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections

from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.uploads import IMAGES, UploadField, UploadPolicy, random_file_name, upload_validate

PDF = b"%PDF-1.7\n..."
PNG = b"\x89PNG\r\n\x1a\n...."


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("方案.pdf", PDF, "application/pdf"),
        ("photo.PNG", PNG, "image/png"),
        ("说明.txt", "中文说明".encode("gb18030"), "text/plain; charset=utf-8"),
    ],
)
def test_allowed_files_pass_with_their_content_type(name, content, content_type):
    assert upload_validate(upload(name, content)) == content_type


@pytest.mark.parametrize(
    ("name", "content", "code", "status"),
    [
        ("run.exe", b"MZ....", "upload_type", 400),
        ("report.pdf", b"MZ\x90\x00renamed executable", "upload_content", 400),
        ("notes.txt", b"\x00\x01binary", "upload_content", 400),
        ("empty.pdf", b"", "upload_empty", 400),
        ("page.html", b"<script>", "upload_type", 400),
    ],
)
def test_bad_files_are_refused_with_a_code(name, content, code, status):
    with pytest.raises(ApplicationError) as exc:
        upload_validate(upload(name, content))
    assert exc.value.extra["code"] == code
    assert exc.value.status == status


def test_size_limit_is_a_413_and_policies_narrow_the_types():
    with pytest.raises(ApplicationError) as exc:
        upload_validate(upload("big.pdf", PDF + b"x" * 2048), policy=UploadPolicy(max_bytes=1024))
    assert exc.value.status == 413 and exc.value.extra["code"] == "upload_too_large"
    with pytest.raises(ApplicationError):
        upload_validate(upload("doc.pdf", PDF), policy=IMAGES)


def test_upload_field_turns_a_refusal_into_a_field_error():
    class F(forms.Form):
        file = UploadField()

    form = F(data={}, files={"file": upload("run.exe", b"MZ")})
    assert not form.is_valid()
    assert "不支持的文件类型" in form.errors["file"][0]


def test_stored_names_are_random_and_keep_only_a_known_extension():
    a, b = random_file_name("cases", "../../etc/passwd.pdf"), random_file_name("cases", "x.pdf")
    assert a != b and a.startswith("cases/") and a.endswith(".pdf") and ".." not in a
    assert not random_file_name("cases", "evil.html").endswith(".html")


@pytest.mark.django_db
@pytest.mark.urls("alleyhub.core.tests.urls")
def test_downloads_are_attachments_that_cannot_run_in_our_origin(
    client, django_user_model, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(django_user_model.objects.create_user("u1", password="x"))
    response = client.get("/files/1/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    # Close the file as the server would, without letting request_finished close the test's
    # database connection (as Django's test client does around its own requests).
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert client.get("/files/403/").status_code == 403


@pytest.mark.django_db
@pytest.mark.urls("alleyhub.core.tests.urls")
def test_downloads_need_a_signed_in_user(client):
    assert client.get("/files/1/").status_code == 302
