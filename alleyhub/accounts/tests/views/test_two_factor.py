"""Two-factor sign-in (django-otp): offered to everyone, required for staff roles, re-authentication
before backup codes are shown or the second factor is turned off."""

from base64 import b32decode
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from alleyhub.accounts.models import Role
from alleyhub.accounts.services import token_create
from alleyhub.accounts.tests.factories import PASSWORD, UserFactory
from alleyhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
BACKUP = reverse("accounts:two_factor_backup_codes")
DISABLE = reverse("accounts:two_factor_disable")
ME = reverse("accounts:me")


@pytest.fixture(autouse=True)
def _staff_must_use_it(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_STAFF = True


def _sign_in(user) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _code_for(key_bytes: bytes, *, later: int = 0) -> str:
    """The authenticator app's code (`later` steps of 30 s ahead, for a second code in one test)."""
    return str(totp(key_bytes, drift=later)).zfill(6)


def _set_up(client, next_url="") -> tuple[bytes, list[str]]:
    """Go through the set-up page as a person would: read the secret, type the app's code."""
    page = client.get(SETUP + (f"?next={next_url}" if next_url else ""))
    assert page.status_code == 200
    key = b32decode(page.context["secret"].replace(" ", ""))
    done = client.post(SETUP, {"code": _code_for(key), "next": next_url})
    assert done.status_code == 200
    return key, done.context["codes"]


def _a_minute_later(user) -> None:
    """django-otp makes a device wait after a wrong code (1 s, 2 s, 4 s …): let that time pass."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user, throttling_failure_timestamp__isnull=False).update(
            throttling_failure_timestamp=F("throttling_failure_timestamp") - timedelta(minutes=1)
        )


def _with_two_factor(user) -> tuple[bytes, list[str]]:
    client = _sign_in(user)
    key, codes = _set_up(client)
    client.post(reverse("accounts:logout"))
    return key, codes


def test_the_account_page_offers_two_factor_to_everyone():
    body = _sign_in(UserFactory(role=Role.MEMBER)).get(ME).content.decode()
    assert 'data-testid="two-factor-setup-link"' in body


def test_setting_it_up_shows_the_secret_as_text_and_link_and_ends_on_ten_backup_codes():
    user = UserFactory(role=Role.MEMBER)
    client = _sign_in(user)
    page = client.get(SETUP)
    body = page.content.decode()
    assert page.context["otpauth_url"].startswith("otpauth://totp/Alley%20Hub%3A")
    assert "secret=" in page.context["otpauth_url"]
    assert 'data-testid="two-factor-secret"' in body

    wrong = client.post(SETUP, {"code": "000000"})
    assert wrong.status_code == 422
    assert "验证码不正确" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()

    key = b32decode(page.context["secret"].replace(" ", ""))
    done = client.post(SETUP, {"code": _code_for(key)})
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    assert AuditEntry.objects.filter(code="accounts.user.two_factor_enabled", target_id=str(user.pk)).exists()
    # Signed in with the second factor from now on in this session.
    assert client.get(ME).status_code == 200
    assert 'data-testid="two-factor-backup-codes-link"' in client.get(ME).content.decode()


def test_with_two_factor_on_every_page_waits_for_the_code_after_the_password():
    user = UserFactory(role=Role.MEMBER)
    key, _codes = _with_two_factor(user)
    client = _sign_in(user)
    response = client.get("/directory/?kind=institute")
    assert response.status_code == 302
    assert response["Location"] == VERIFY + "?next=/directory/%3Fkind%3Dinstitute"
    assert client.get(ME)["Location"].startswith(VERIFY)

    wrong = client.post(VERIFY, {"code": "123456", "next": "/directory/?kind=institute"})
    assert wrong.status_code == 422
    _a_minute_later(user)
    right = client.post(VERIFY, {"code": _code_for(key, later=1), "next": "/directory/?kind=institute"})
    assert right.status_code == 302 and right["Location"] == "/directory/?kind=institute"
    assert client.get(ME).status_code == 200


def test_a_wrong_code_makes_the_next_try_wait():
    user = UserFactory(role=Role.MEMBER)
    key, _codes = _with_two_factor(user)
    client = _sign_in(user)
    assert client.post(VERIFY, {"code": "123456"}).status_code == 422
    # Even the right code is refused straight after a wrong one (django-otp's throttling).
    assert client.post(VERIFY, {"code": _code_for(key, later=1)}).status_code == 422
    _a_minute_later(user)
    assert client.post(VERIFY, {"code": _code_for(key, later=1)}).status_code == 302


def test_a_backup_code_signs_in_once():
    user = UserFactory(role=Role.MEMBER)
    _key, codes = _with_two_factor(user)
    client = _sign_in(user)
    assert client.post(VERIFY, {"code": codes[0]})["Location"] == reverse("core:home")
    assert StaticToken.objects.filter(token=codes[0]).count() == 0

    again = _sign_in(user)
    assert again.post(VERIFY, {"code": codes[0]}).status_code == 422
    assert again.get(ME).status_code == 302


def test_verify_refuses_an_offsite_next():
    user = UserFactory(role=Role.MEMBER)
    _key, codes = _with_two_factor(user)
    client = _sign_in(user)
    response = client.post(VERIFY, {"code": codes[1], "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.TASK_FORCE, Role.UNIT_STAFF])
def test_staff_must_set_it_up_before_reaching_any_page(role):
    user = UserFactory(role=role)
    client = _sign_in(user)
    response = client.get("/requests/")
    assert response.status_code == 302
    assert response["Location"] == SETUP + "?next=/requests/"
    assert client.get("/admin/")["Location"].startswith(SETUP)
    # Signing out and the set-up itself stay reachable.
    _key, _codes = _set_up(client, next_url="/requests/")
    assert client.get(ME).status_code == 200
    assert client.get("/requests/", follow=True).status_code == 200


def test_staff_with_a_device_must_enter_the_code():
    user = UserFactory(role=Role.OPERATOR)
    key, _codes = _with_two_factor(user)
    client = _sign_in(user)
    assert client.get("/")["Location"] == VERIFY + "?next=/"
    assert client.post(VERIFY, {"code": _code_for(key, later=1)}).status_code == 302
    assert client.get("/").status_code == 200


def test_brokers_and_members_are_not_forced():
    for role in (Role.BROKER, Role.MEMBER, Role.PUBLIC):
        assert _sign_in(UserFactory(role=role)).get(ME).status_code == 200


def test_the_api_treats_a_session_without_the_second_factor_as_signed_out():
    user = UserFactory(role=Role.OPERATOR)
    client = _sign_in(user)
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    # A personal access token (made in a verified session) is not a browser session: it works.
    _token, plain = token_create(user=user, name="script", actor=user)
    assert Client().get("/api/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 200


def test_an_htmx_request_sends_the_whole_tab_to_the_code_page():
    user = UserFactory(role=Role.OPERATOR)
    _with_two_factor(user)
    client = _sign_in(user)
    response = client.get(
        reverse("notifications:badge"),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/requests/"},
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == VERIFY + "?next=/requests/"


def test_backup_codes_are_shown_only_after_the_password():
    user = UserFactory(role=Role.MEMBER)
    client = _sign_in(user)
    _key, codes = _set_up(client)
    page = client.get(BACKUP)
    assert page.status_code == 200
    assert codes[0] not in page.content.decode()

    wrong = client.post(BACKUP, {"password": "not-it", "action": "show"})
    assert wrong.status_code == 422
    assert codes[0] not in wrong.content.decode()
    # A wrong password here counts like a failed sign-in (django-axes).
    assert AccessAttempt.objects.filter(username=user.username).exists()

    shown = client.post(BACKUP, {"password": PASSWORD, "action": "show"})
    assert shown.status_code == 200
    assert shown.context["codes"] == codes


def test_regenerating_backup_codes_replaces_the_old_ones():
    user = UserFactory(role=Role.MEMBER)
    client = _sign_in(user)
    _key, old = _set_up(client)
    new = client.post(BACKUP, {"password": PASSWORD, "action": "regenerate"}).context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    again = _sign_in(user)
    assert again.post(VERIFY, {"code": old[0]}).status_code == 422
    _a_minute_later(user)
    assert again.post(VERIFY, {"code": new[0]}).status_code == 302


def test_turning_it_off_needs_the_password():
    user = UserFactory(role=Role.MEMBER)
    client = _sign_in(user)
    _set_up(client)
    assert client.post(DISABLE, {"password": "not-it"}).status_code == 422
    assert TOTPDevice.objects.filter(user=user).exists()

    response = client.post(DISABLE, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == ME
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(
        code="accounts.user.two_factor_disabled", target_id=str(user.pk)
    ).exists()
    # The next sign-in asks for the password only.
    assert _sign_in(user).get(ME).status_code == 200


def test_staff_cannot_turn_it_off():
    user = UserFactory(role=Role.TASK_FORCE)
    client = _sign_in(user)
    _set_up(client)
    assert 'data-testid="two-factor-disable-link"' not in client.get(ME).content.decode()
    response = client.post(DISABLE, {"password": PASSWORD})
    assert response.status_code == 422
    assert "必须使用两步验证" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_htmx_fragments_of_the_code_page_itself_do_not_redirect():
    """The nav's badge polls from the set-up page too; sending that tab to the set-up page again
    would loop."""
    client = _sign_in(UserFactory(role=Role.OPERATOR))
    response = client.get(
        reverse("notifications:badge"),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver" + SETUP + "?next=/"},
    )
    assert response.status_code == 204
    assert "HX-Redirect" not in response
