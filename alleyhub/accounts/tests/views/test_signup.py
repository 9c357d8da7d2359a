"""Sign-up → e-mailed link → active account, signed in, on the welcome step; every bad input."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alleyhub.accounts.models import User
from alleyhub.accounts.tests.factories import PASSWORD, UserFactory
from alleyhub.core.models import AuditEntry
from alleyhub.privacy.models import DOCUMENT_KINDS, Consent

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")
STRONG = "Lane-Walnut-Harbour-42"


def _form(**overrides):
    data = {
        "email": "Li.Na@Example.CN",
        "display_name": "李娜",
        "password": STRONG,
        "password2": STRONG,
        "preferred_language": "en",
        "accept": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_sign_up_sends_a_link_that_activates_the_account_and_lands_on_the_welcome_step(client, commit):
    with commit():
        response = client.post(SIGNUP, _form())
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_sent")

    user = User.objects.get(username="li.na@example.cn")
    assert user.email == "li.na@example.cn" and not user.is_active and user.is_signup_pending
    assert user.display_name == "李娜" and user.preferred_language == "en"
    # The privacy notice and terms are accepted at sign-up, in their current versions.
    assert set(Consent.objects.filter(user=user).values_list("kind", flat=True)) == set(DOCUMENT_KINDS)

    # The pending account cannot sign in.
    other = Client()
    refused = other.post(reverse("accounts:login"), {"username": user.username, "password": STRONG})
    assert refused.status_code == 200 and "_auth_user_id" not in other.session

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["li.na@example.cn"]
    assert "verify your e-mail" in mail.outbox[0].subject.lower()  # in the chosen language
    link = _path(_link(mail.outbox[0]))

    page = client.get(link)  # what a mail scanner does: nothing changes
    assert page.status_code == 200 and 'data-testid="verify-confirm"' in page.content.decode()
    user.refresh_from_db()
    assert not user.is_active

    done = client.post(link)
    assert done.status_code == 302 and done["Location"] == reverse("accounts:welcome")
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at is not None
    welcome = client.get(done["Location"])
    assert welcome.status_code == 200
    assert 'href="/directory/join/"' in welcome.content.decode()
    assert AuditEntry.objects.filter(code="accounts.signup.verified", target_id=str(user.pk)).exists()


def test_a_used_link_is_refused(client, commit):
    with commit():
        client.post(SIGNUP, _form())
    link = _path(_link(mail.outbox[0]))
    assert client.post(link).status_code == 302
    again = Client().post(link)
    assert again.status_code == 400
    assert 'data-testid="verify-error"' in again.content.decode()
    assert Client().get(link).status_code == 400


def test_an_expired_link_is_refused(client, commit, settings):
    with commit():
        client.post(SIGNUP, _form())
    link = _path(_link(mail.outbox[0]))
    settings.SIGNUP_VERIFICATION_SECONDS = -1
    assert client.post(link).status_code == 400
    assert not User.objects.get(username="li.na@example.cn").is_active


@pytest.mark.parametrize(
    "link",
    [
        "/accounts/signup/verify/MQ/bad-token/",
        "/accounts/signup/verify/!!!/x-y/",
        "/accounts/signup/verify/OTk5OTk5/abc-def/",
    ],
)
def test_a_bad_link_is_refused(client, link):
    assert client.post(link).status_code == 400
    assert client.get(link).status_code == 400


def test_a_tampered_token_is_refused(client, commit):
    with commit():
        client.post(SIGNUP, _form())
    link = _path(_link(mail.outbox[0]))
    tampered = link[:-3] + ("a" if link[-3] != "a" else "b") + link[-2:]
    assert client.post(tampered).status_code == 400


def test_an_existing_address_gets_the_same_answer_and_its_owner_an_e_mail(client, commit):
    owner = UserFactory(username="wang", email="wang.fang@example.cn", preferred_language="zh-hans")
    with commit():
        response = client.post(SIGNUP, _form(email="WANG.FANG@example.cn"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_sent")
    assert User.objects.filter(email__iexact="wang.fang@example.cn").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # nothing of the account changed
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["wang.fang@example.cn"]
    assert "已有账号" in mail.outbox[0].subject
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_a_new_sign_up_replaces_a_pending_one_and_its_old_link_stops_working(client, commit):
    with commit():
        client.post(SIGNUP, _form())
    with commit():
        client.post(
            SIGNUP,
            _form(display_name="李娜2", password="Other-Pass-Phrase-7", password2="Other-Pass-Phrase-7"),
        )
    assert User.objects.filter(email="li.na@example.cn").count() == 1
    first, second = (_path(_link(m)) for m in mail.outbox)
    assert client.post(first).status_code == 400
    assert client.post(second).status_code == 302
    assert User.objects.get(email="li.na@example.cn").display_name == "李娜2"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"accept": None}, "accept"),
        ({"password": "12345678", "password2": "12345678"}, "password"),
        ({"password": "li.na@example.cn", "password2": "li.na@example.cn"}, "password"),
        ({"password2": "something-else-99"}, "password2"),
        ({"email": "not-an-address"}, "email"),
        ({"display_name": ""}, "display_name"),
        ({"preferred_language": "fr"}, "preferred_language"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_creates_nothing(client, commit, overrides, field):
    with commit():
        response = client.post(SIGNUP, _form(**overrides))
    assert response.status_code == 422
    assert field in response.context["form"].errors
    assert not User.objects.filter(email="li.na@example.cn").exists()
    assert mail.outbox == []


def test_sign_up_is_rate_limited_per_address(client, settings):
    settings.RATELIMIT_SIGNUP = "2/h"
    client = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(2):
        assert client.post(SIGNUP, _form(email=f"u{n}@example.cn")).status_code == 302
    refused = client.post(SIGNUP, _form(email="u9@example.cn"))
    assert refused.status_code == 429
    assert not User.objects.filter(email="u9@example.cn").exists()
    # Another address is not affected.
    assert Client(REMOTE_ADDR="198.51.100.10").post(SIGNUP, _form(email="u8@example.cn")).status_code == 302


def test_one_mailbox_gets_at_most_a_few_e_mails_whoever_asks(settings, commit):
    settings.RATELIMIT_EMAIL_PER_ADDRESS = "2/h"
    for n in range(4):
        with commit():
            Client(REMOTE_ADDR=f"198.51.100.{n + 20}").post(SIGNUP, _form())
    assert len(mail.outbox) == 2


def test_resend_sends_a_new_link_to_a_pending_sign_up_only(client, commit):
    UserFactory(username="active", email="active@example.cn")
    with commit():
        client.post(SIGNUP, _form())
    mail.outbox.clear()
    resend = reverse("accounts:signup_resend")
    with commit():
        for email in ("li.na@example.cn", "active@example.cn", "nobody@example.cn"):
            response = client.post(resend, {"email": email})
            assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_sent")
    assert [m.to for m in mail.outbox] == [["li.na@example.cn"]]
    assert client.post(_path(_link(mail.outbox[0]))).status_code == 302


def test_a_signed_in_user_is_sent_home_and_sign_up_can_be_turned_off(client, settings):
    client.force_login(UserFactory())
    assert client.get(SIGNUP).status_code == 302
    settings.SIGNUP_ENABLED = False
    assert Client().get(SIGNUP).status_code == 404


def test_the_welcome_step_needs_sign_in():
    response = Client().get(reverse("accounts:welcome"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_pending_window_is_the_signed_up_time_not_the_account_age(client, commit):
    """A deactivated account (not a sign-up) is not "pending": a sign-up with its address does not
    take it over."""
    old = UserFactory(username="gone", email="gone@example.cn", is_active=False)
    old.date_joined = timezone.now() - timedelta(days=400)
    old.save()
    with commit():
        client.post(SIGNUP, _form(email="gone@example.cn"))
    old.refresh_from_db()
    assert not old.is_active and old.signed_up_at is None and old.check_password(PASSWORD)
    assert "已有账号" in mail.outbox[0].subject


def test_a_signed_up_user_signs_in_with_their_e_mail_in_any_case(client, commit):
    with commit():
        client.post(SIGNUP, _form())
    client.post(_path(_link(mail.outbox[0])))
    other = Client()
    response = other.post(reverse("accounts:login"), {"username": " LI.NA@example.cn", "password": STRONG})
    assert response.status_code == 302 and "_auth_user_id" in other.session


def test_a_weak_password_is_refused_for_an_existing_address_too(client, commit):
    """Otherwise "weak password" for new addresses but "check your mailbox" for taken ones would
    tell which addresses have accounts."""
    UserFactory(username="taken", email="taken@example.cn")
    with commit():
        response = client.post(
            SIGNUP, _form(email="taken@example.cn", password="12345678", password2="12345678")
        )
    assert response.status_code == 422 and "password" in response.context["form"].errors
    assert mail.outbox == []


def test_an_address_used_as_another_accounts_username_mails_nobody_else(client, commit):
    UserFactory(username="li.na@example.cn", email="someone.else@example.cn")
    with commit():
        response = client.post(SIGNUP, _form())
    assert response.status_code == 302
    assert mail.outbox == []
    assert User.objects.filter(username="li.na@example.cn").count() == 1
