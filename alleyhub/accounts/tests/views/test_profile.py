"""Profile editing on the account page: name, phone, job title, languages, photo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from alleyhub.accounts.tests.factories import OperatorFactory, UserFactory
from alleyhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ME = reverse("accounts:me")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _close_file(response) -> None:
    # Not response.close(): that also signals request_finished, which closes the DB connection.
    for closer in response._resource_closers:
        closer()


def _post(client, **overrides):
    data = {
        "action": "profile",
        "display_name": "周敏",
        "phone": "138 1234 5678",
        "job_title": "技术转移经理",
        "languages_spoken": ["zh", "en"],
    }
    data.update(overrides)
    return client.post(ME, data)


def test_a_member_edits_their_profile(client):
    user = UserFactory()
    client.force_login(user)
    response = _post(client)
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.phone, user.job_title) == ("周敏", "13812345678", "技术转移经理")
    assert user.languages_spoken == ["zh", "en"]
    entry = AuditEntry.objects.get(code="accounts.user.profile_changed", target_id=str(user.pk))
    assert set(entry.data["fields"]) == {"display_name", "phone", "job_title", "languages_spoken"}
    page = client.get(ME).content.decode()
    assert 'value="13812345678"' in page


@pytest.mark.parametrize(
    ("phone", "stored"),
    [
        ("+86 139-0000-1111", "13900001111"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0049 30 1234567", "+49301234567"),
        ("", ""),
    ],
)
def test_phone_numbers_are_stored_normalised(client, phone, stored):
    user = UserFactory()
    client.force_login(user)
    assert _post(client, phone=phone).status_code == 302
    user.refresh_from_db()
    assert user.phone == stored


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"phone": "021 6432 1234"}, "phone"),
        ({"phone": "+86 21 6432 1234"}, "phone"),
        ({"languages_spoken": ["xx"]}, "languages_spoken"),
        ({"display_name": ""}, "display_name"),
    ],
)
def test_bad_profile_input_is_refused_on_its_field(client, overrides, field):
    user = UserFactory(phone="")
    client.force_login(user)
    response = _post(client, **overrides)
    assert response.status_code == 422
    assert field in response.context["profile_form"].errors
    user.refresh_from_db()
    assert user.phone == ""


def test_a_photo_is_shown_to_its_owner_and_operators_only(client):
    user = UserFactory()
    client.force_login(user)
    photo = SimpleUploadedFile("me.png", PNG, content_type="image/png")
    assert _post(client, photo=photo).status_code == 302
    user.refresh_from_db()
    assert user.photo and user.photo_content_type == "image/png"
    url = reverse("accounts:photo", args=[user.pk])
    own = client.get(url)
    assert own.status_code == 200 and own["Content-Type"] == "image/png"
    assert b"".join(own.streaming_content) == PNG
    _close_file(own)
    other = Client()
    other.force_login(UserFactory())
    assert other.get(url).status_code == 404
    operator = Client()
    operator.force_login(OperatorFactory())
    seen = operator.get(url)
    assert seen.status_code == 200
    _close_file(seen)
    assert Client().get(url).status_code == 302

    assert _post(client, photo_clear="on").status_code == 302
    user.refresh_from_db()
    assert not user.photo
    assert client.get(url).status_code == 404


def test_a_file_that_is_not_an_image_is_refused_as_photo(client):
    user = UserFactory()
    client.force_login(user)
    fake = SimpleUploadedFile("me.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = _post(client, photo=fake)
    assert response.status_code == 422 and "photo" in response.context["profile_form"].errors
    user.refresh_from_db()
    assert not user.photo
