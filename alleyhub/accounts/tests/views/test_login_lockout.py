"""Login lockout (django-axes) by username and client address, and the sign-in rate limit."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.urls import reverse

from alleyhub.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def _fail(client, username="alice", times=1, **extra):
    responses = [
        client.post(LOGIN, {"username": username, "password": "wrong"}, **extra) for _ in range(times)
    ]
    return responses[-1]


def _sign_in(client, username="alice", **extra):
    return client.post(LOGIN, {"username": username, "password": PASSWORD}, **extra)


def test_ten_failures_lock_the_username_from_that_address_with_a_clear_message():
    UserFactory(username="alice")
    client = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(9):
        assert _fail(client).status_code == 200
    locked = _fail(client)
    assert locked.status_code == 429
    assert 'data-testid="locked-out"' in locked.content.decode()
    assert "15 分钟" in locked.content.decode()

    # Even the right password is refused now, and no session is opened.
    response = _sign_in(client)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_speaks_the_visitors_language():
    UserFactory(username="alice")
    client = Client(REMOTE_ADDR="203.0.113.5", HTTP_ACCEPT_LANGUAGE="en")
    locked = _fail(client, times=10)
    assert locked.status_code == 429
    assert "Please try again in 15 minutes" in locked.content.decode()


def test_the_owner_can_still_sign_in_from_another_address():
    UserFactory(username="alice")
    _fail(Client(REMOTE_ADDR="203.0.113.5"), times=10)
    response = _sign_in(Client(REMOTE_ADDR="198.51.100.7"))
    assert response.status_code == 302


def test_other_usernames_from_the_locked_address_are_not_locked():
    UserFactory(username="alice")
    UserFactory(username="bob")
    client = Client(REMOTE_ADDR="203.0.113.5")
    _fail(client, times=10)
    assert _sign_in(client, username="bob").status_code == 302


def test_the_lock_ends_after_the_cool_off():
    UserFactory(username="alice")
    client = Client(REMOTE_ADDR="203.0.113.5")
    _fail(client, times=10)
    assert _sign_in(client).status_code == 429
    # 16 minutes pass: the attempts are older than the 15-minute cool-off.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    assert _sign_in(client).status_code == 302


def test_a_successful_sign_in_resets_the_failure_count():
    UserFactory(username="alice")
    client = Client(REMOTE_ADDR="203.0.113.5")
    _fail(client, times=9)
    assert _sign_in(client).status_code == 302
    client.post(reverse("accounts:logout"))
    assert _fail(client, times=9).status_code == 200


def test_a_spoofed_x_forwarded_for_does_not_escape_the_lock_by_default():
    UserFactory(username="alice")
    client = Client(REMOTE_ADDR="203.0.113.5")
    for i in range(10):
        _fail(client, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert _sign_in(client, HTTP_X_FORWARDED_FOR="10.0.0.99").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


def test_behind_one_trusted_proxy_the_address_it_reports_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="alice")
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    # The client wrote the left part; our proxy appended the address it saw (the right-most).
    for i in range(10):
        _fail(proxy, HTTP_X_FORWARDED_FOR=f"1.1.1.{i}, 203.0.113.5")
    assert _sign_in(proxy, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5").status_code == 429
    assert _sign_in(proxy, HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7").status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


def test_one_address_trying_many_usernames_is_slowed_down(settings):
    # Per hour, not per minute: a test that straddled the minute's window would get a fresh count.
    settings.RATELIMIT_LOGIN = "5/h"
    UserFactory(username="alice")
    client = Client(REMOTE_ADDR="203.0.113.5")
    for i in range(5):
        assert _fail(client, username=f"guess{i}").status_code == 200
    response = _sign_in(client)
    assert response.status_code == 429
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    assert _sign_in(Client(REMOTE_ADDR="198.51.100.7")).status_code == 302
