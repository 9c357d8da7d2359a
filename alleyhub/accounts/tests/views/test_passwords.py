"""Password reset by e-mail (no account enumeration, rate limits) and password change."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alleyhub.accounts.tests.factories import PASSWORD, UserFactory
from alleyhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
NEW = "Quiet-Lantern-Orchard-88"


@pytest.fixture
def ask(commit):
    """Post the reset form as `client` and run what it scheduled after the commit (the e-mail)."""

    def _ask(client, email, **extra):
        with commit():
            return client.post(RESET, {"email": email}, **extra)

    return _ask


def _path(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def test_the_login_page_links_to_the_reset_form_and_to_sign_up(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert f'href="{RESET}"' in page and f'href="{reverse("accounts:signup")}"' in page


def test_reset_by_e_mail_sets_a_new_password_once(client, ask):
    user = UserFactory(username="chen", email="chen.jie@example.cn", preferred_language="en")
    response = ask(client, "CHEN.JIE@example.cn")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["chen.jie@example.cn"]
    assert mail.outbox[0].subject == "Alley Hub: reset your password"  # the owner's language
    link = _path(mail.outbox[0])
    assert link.startswith("/accounts/password/reset/")

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    set_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 422
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert AuditEntry.objects.filter(code="accounts.user.password_reset", target_id=str(user.pk)).exists()

    # The link works once.
    reused = Client().get(link, follow=True)
    assert not reused.context["validlink"]
    assert 'data-testid="reset-link-invalid"' in reused.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client, ask):
    UserFactory(username="known", email="known@example.cn")
    unknown = ask(client, "nobody@example.cn")
    known = ask(client, "known@example.cn")
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert [m.to for m in mail.outbox] == [["known@example.cn"]]


def test_a_pending_sign_up_gets_no_reset_link(client, ask):
    user = UserFactory(username="pending@example.cn", email="pending@example.cn", is_active=False)
    assert ask(client, user.email).status_code == 302
    assert mail.outbox == []


def test_reset_is_rate_limited_per_client_address(settings, ask):
    settings.RATELIMIT_PASSWORD_RESET = "2/h"
    client = Client(REMOTE_ADDR="203.0.113.40")
    for n in range(2):
        assert client.post(RESET, {"email": f"x{n}@example.cn"}).status_code == 302
    assert ask(client, "x9@example.cn").status_code == 429
    assert ask(Client(REMOTE_ADDR="203.0.113.41"), "x9@example.cn").status_code == 302


def test_reset_e_mails_to_one_address_are_limited_whoever_asks(settings, ask):
    settings.RATELIMIT_EMAIL_PER_ADDRESS = "2/h"
    UserFactory(username="target", email="target@example.cn")
    for n in range(4):
        response = ask(Client(REMOTE_ADDR=f"203.0.113.{n + 50}"), "target@example.cn")
        assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == 2


def test_the_reset_link_is_built_on_site_url_not_on_the_host_header(settings, ask):
    settings.SITE_URL = "https://hub.example.cn"
    settings.ALLOWED_HOSTS = ["*"]
    UserFactory(username="host", email="host@example.cn")
    ask(Client(), "host@example.cn", HTTP_HOST="evil.example")
    assert "https://hub.example.cn/accounts/password/reset/" in mail.outbox[0].body
    assert "evil.example" not in mail.outbox[0].body


def test_a_bad_reset_link_is_refused(client):
    page = client.get("/accounts/password/reset/MQ/set-password/", follow=True)
    assert not page.context["validlink"]


def test_a_member_changes_their_password_and_stays_signed_in(client):
    user = UserFactory()
    client.force_login(user)
    me = client.get(reverse("accounts:me")).content.decode()
    assert f'href="{reverse("accounts:password_change")}"' in me
    assert "/admin/password_change/" not in me
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 200
    wrong = client.post(url, {"old_password": "nope", "new_password1": NEW, "new_password2": NEW})
    assert wrong.status_code == 422
    weak = client.post(url, {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"})
    assert weak.status_code == 422
    done = client.post(url, {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:me")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get(reverse("accounts:me")).status_code == 200  # the session survived
    assert AuditEntry.objects.filter(code="accounts.user.password_change", target_id=str(user.pk)).exists()


def test_password_change_needs_sign_in():
    response = Client().get(reverse("accounts:password_change"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
