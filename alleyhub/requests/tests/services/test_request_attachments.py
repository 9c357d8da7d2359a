"""Attachments: size and type limits, stored under MEDIA_ROOT with a random name."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from alleyhub.core.exceptions import ApplicationError
from alleyhub.requests.attachments import ATTACHMENTS
from alleyhub.requests.models import EnterpriseRequest, RequestAttachment
from alleyhub.requests.services import attachment_add

from ..factories import submit

PDF = b"%PDF-1.7\n" + b"0" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", PDF),
        ("b.png", PNG),
        ("c.jpg", b"\xff\xd8\xff\xe0" + b"0" * 10),
        ("d.docx", b"PK\x03\x04xx"),
        ("e.xlsx", b"PK\x03\x04yy"),
        ("f.txt", "说明文字".encode()),
    ],
)
def test_allowed_types_are_stored_outside_the_web_root(world, settings, name, content):
    req = submit(org=world.ent, user=world.ent_user, files=[upload(name, content)])
    att = req.attachments.get()
    assert att.original_name == name and att.size == len(content)
    assert att.file.path.startswith(str(settings.MEDIA_ROOT))
    assert re.fullmatch(r"requests/\d{4}/\d{2}/[0-9a-f]{32}\.[a-z]+", att.file.name)  # random name on disk
    with open(att.file.path, "rb") as fh:
        assert fh.read() == content


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("evil.exe", b"MZ", "upload_type"),
        ("page.html", b"<html>", "upload_type"),
        ("fake.pdf", b"MZ\x90\x00", "upload_content"),
        ("fake.png", PDF, "upload_content"),
        ("bin.txt", b"\x00\x01\x02", "upload_content"),
        ("empty.pdf", b"", "upload_empty"),
    ],
)
def test_wrong_types_are_refused_and_nothing_is_saved(world, name, content, code):
    with pytest.raises(ApplicationError) as exc:
        submit(org=world.ent, user=world.ent_user, files=[upload(name, content)])
    assert exc.value.extra["code"] == code
    assert not EnterpriseRequest.objects.exists()


def test_files_over_10_mb_are_refused(world):
    MAX_ATTACHMENT_BYTES = ATTACHMENTS.max_bytes
    assert MAX_ATTACHMENT_BYTES == 10 * 1024 * 1024
    big = upload("big.pdf", b"%PDF-" + b"0" * (MAX_ATTACHMENT_BYTES - 4))
    assert big.size == MAX_ATTACHMENT_BYTES + 1
    with pytest.raises(ApplicationError) as exc:
        submit(org=world.ent, user=world.ent_user, files=[big])
    assert exc.value.status == 413 and exc.value.extra["code"] == "upload_too_large"
    exactly = upload("ok.pdf", b"%PDF-" + b"0" * (MAX_ATTACHMENT_BYTES - 5))
    assert submit(org=world.ent, user=world.ent_user, files=[exactly]).attachments.count() == 1


def test_unit_may_add_a_file_but_a_cooperating_unit_may_not(world):
    req = submit(org=world.ent, user=world.ent_user)
    attachment_add(request=req, uploaded=upload("reply.pdf", PDF), actor=world.unit_staff)
    with pytest.raises(PermissionDenied):
        attachment_add(request=req, uploaded=upload("x.pdf", PDF), actor=world.coop_staff)
    assert RequestAttachment.objects.count() == 1
