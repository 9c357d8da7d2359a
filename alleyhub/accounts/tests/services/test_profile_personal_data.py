"""The profile's personal data (phone, job title, languages, photo) is in the user's data export
and goes with the account when it is erased (privacy's export and erasure)."""

import os

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from alleyhub.accounts import services
from alleyhub.accounts.models import User
from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.privacy import services as privacy_services
from alleyhub.privacy.personal_data import account_data

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 32


@pytest.fixture
def profiled():
    user = UserFactory()
    return services.user_update_profile(
        user=user,
        actor=user,
        display_name="赵磊",
        phone="+86 186 0000 2222",
        job_title="孵化器经理",
        languages_spoken=["zh", "ja"],
        photo=SimpleUploadedFile("portrait.png", PNG, content_type="image/png"),
    )


def test_the_export_holds_the_profile_and_the_photo(profiled):
    data = account_data(profiled)
    fields = data.records["user"][0]["fields"]
    assert (fields["phone"], fields["job_title"], fields["languages_spoken"]) == (
        "18600002222",
        "孵化器经理",
        ["zh", "ja"],
    )
    [(name, stored)] = data.files
    with stored.open("rb") as handle:
        assert name == "photo.png" and handle.read() == PNG


def test_erasure_removes_the_phone_and_the_photo_file(profiled, commit):
    path = profiled.photo.path
    assert os.path.exists(path)
    with commit():
        privacy_services.user_erase(user=profiled, actor=None)
    assert not User.objects.filter(phone="18600002222").exists()
    assert not os.path.exists(path)


def test_only_the_user_edits_their_profile(profiled):
    with pytest.raises(PermissionDenied):
        services.user_update_profile(user=profiled, actor=UserFactory(), display_name="别人")


def test_a_replaced_photo_file_is_deleted(profiled, commit):
    old = profiled.photo.path
    with commit():
        services.user_update_profile(
            user=profiled,
            actor=profiled,
            display_name="赵磊",
            photo=SimpleUploadedFile("new.jpg", b"\xff\xd8\xff" + b"\x02" * 32, content_type="image/jpeg"),
        )
    profiled.refresh_from_db()
    assert not os.path.exists(old) and os.path.exists(profiled.photo.path)
    assert profiled.photo_content_type == "image/jpeg"
