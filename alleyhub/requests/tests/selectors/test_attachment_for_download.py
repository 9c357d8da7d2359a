"""attachment_for_download: the getter behind core.uploads.protected_file_view for attachments."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from alleyhub.requests.selectors import attachment_for_download

from ..factories import submit


def test_whoever_sees_the_request_gets_the_file_under_its_own_name(world):
    req = submit(org=world.ent, user=world.ent_user, files=[SimpleUploadedFile("合同.pdf", b"%PDF-1.4 x")])
    att = req.attachments.get()
    for user in (world.ent_user, world.unit_staff, world.coop_staff, world.lead):
        stored = attachment_for_download(pk=att.pk, user=user)
        assert stored.filename == "合同.pdf" and stored.content_type == "application/pdf"
        assert stored.file.name == att.file.name
    with pytest.raises(PermissionDenied):
        attachment_for_download(pk=att.pk, user=world.other_ent_user)
    with pytest.raises(Http404):
        attachment_for_download(pk=999999, user=world.lead)
