"""Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request; other users' do not."""

import time

import pytest
from django.urls import reverse

from alleyhub.accounts.middleware import LAST_ACTIVITY_KEY
from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ME = reverse("accounts:me")


def _idle_for(client, seconds: int) -> None:
    """As if the last request had come `seconds` ago."""
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.TASK_FORCE, Role.UNIT_STAFF])
def test_an_idle_staff_session_ends_and_says_why(client_as, settings, role):
    settings.STAFF_SESSION_IDLE_SECONDS = 1800
    client = client_as(UserFactory(role=role))
    assert client.get(ME).status_code == 200
    _idle_for(client, 1801)
    response = client.get(ME, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    assert "长时间未操作" in response.content.decode()


def test_an_active_staff_session_goes_on(client_as, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 1800
    client = client_as(UserFactory(role=Role.OPERATOR))
    client.get(ME)
    _idle_for(client, 1700)
    assert client.get(ME).status_code == 200
    # That request counted as activity: the clock starts again.
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5
    assert client.get(ME).status_code == 200


@pytest.mark.parametrize("role", [Role.MEMBER, Role.BROKER, Role.PUBLIC])
def test_other_users_are_not_signed_out_when_idle(client_as, settings, role):
    settings.STAFF_SESSION_IDLE_SECONDS = 1800
    client = client_as(UserFactory(role=role))
    _idle_for(client, 3 * 3600)
    assert client.get(ME).status_code == 200


def test_the_idle_time_is_a_setting(client_as, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    client = client_as(UserFactory(role=Role.OPERATOR))
    client.get(ME)
    _idle_for(client, 61)
    assert client.get(ME).status_code == 302


def test_background_polling_does_not_keep_a_staff_session_alive(client_as, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 1800
    client = client_as(UserFactory(role=Role.OPERATOR))
    client.get(ME)
    _idle_for(client, 1700)
    badge = reverse("notifications:badge")
    last = client.session[LAST_ACTIVITY_KEY]
    assert client.get(badge, headers={"HX-Request": "true", "X-Background": "1"}).status_code == 200
    assert client.session[LAST_ACTIVITY_KEY] == last  # the poll did not count as activity
    _idle_for(client, 1801)
    response = client.get(
        badge,
        headers={
            "HX-Request": "true",
            "X-Background": "1",
            "HX-Current-URL": "http://testserver/requests/?status=open",
        },
    )
    # The tab goes to the login page as a whole, coming back to where it was.
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login") + "?next=")
    assert response["HX-Redirect"].endswith("?next=/requests/%3Fstatus%3Dopen")
    assert "_auth_user_id" not in client.session
