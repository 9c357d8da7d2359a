"""Unsafe API calls made with the browser session need the CSRF token; token callers need none.

The attack: a page on another site posts (as `text/plain`, which needs no CORS preflight) to the API
with the victim's session cookie attached by the browser. Django's test client skips CSRF checks
unless told otherwise, so these clients enforce them, as a browser-facing server does."""

import pytest
from django.test import Client

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.listings.tests.factories import MembershipFactory, TechDemandFactory
from alleyhub.notifications.models import Notification
from alleyhub.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

CROSS_SITE = {"Origin": "https://evil.example", "Referer": "https://evil.example/page"}


def _session(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _csrf_token(client: Client) -> str:
    """What the site's own pages give their scripts: the token rendered into every page
    (`base.html` sends it with each htmx request as `X-CSRFToken`), backed by the csrftoken cookie."""
    assert client.get("/").status_code == 200
    return client.cookies["csrftoken"].value


@pytest.fixture
def member_and_demand():
    membership = MembershipFactory()
    demand = TechDemandFactory(owner=membership.organization)
    return membership.user, demand


def _assert_csrf_refused(response) -> None:
    assert response.status_code == 403, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "CSRF" in response.json()["detail"]


def test_cross_site_text_plain_post_cannot_create_a_token(member_and_demand):
    user, _ = member_and_demand
    client = _session(user)
    response = client.post("/api/tokens", '{"name": "stolen"}', content_type="text/plain", headers=CROSS_SITE)
    _assert_csrf_refused(response)
    response = client.post("/api/tokens", {"name": "stolen"}, content_type="application/json")
    _assert_csrf_refused(response)
    assert not PersonalAccessToken.objects.filter(user=user).exists()


def test_cross_site_post_cannot_confirm_a_demand_or_mark_notifications_read(member_and_demand):
    user, demand = member_and_demand
    confirmed_before = demand.last_confirmed_at
    note = NotificationFactory(recipient=user)
    client = _session(user)
    _assert_csrf_refused(
        client.post(f"/api/demands/{demand.pk}/confirm", "{}", content_type="text/plain", headers=CROSS_SITE)
    )
    _assert_csrf_refused(
        client.post("/api/notifications/read-all", content_type="text/plain", headers=CROSS_SITE)
    )
    _assert_csrf_refused(client.post(f"/api/notifications/{note.pk}/read", headers=CROSS_SITE))
    _assert_csrf_refused(
        client.put("/api/notifications/preferences", {"email_mode": "off"}, "application/json")
    )
    _assert_csrf_refused(client.delete("/api/tokens/1"))
    demand.refresh_from_db()
    assert demand.last_confirmed_at == confirmed_before
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_a_wrong_csrf_token_is_refused(member_and_demand):
    user, demand = member_and_demand
    client = _session(user)
    _csrf_token(client)
    response = client.post(
        f"/api/demands/{demand.pk}/confirm",
        {},
        content_type="application/json",
        headers={"X-CSRFToken": "x" * 64},
    )
    _assert_csrf_refused(response)


def test_the_sites_own_calls_with_the_csrf_token_pass(member_and_demand):
    user, demand = member_and_demand
    confirmed_before = demand.last_confirmed_at
    note = NotificationFactory(recipient=user)
    client = _session(user)
    token = {"X-CSRFToken": _csrf_token(client)}
    response = client.post("/api/tokens", {"name": "mine"}, content_type="application/json", headers=token)
    assert response.status_code == 201, response.content
    response = client.post(
        f"/api/demands/{demand.pk}/confirm", {}, content_type="application/json", headers=token
    )
    assert response.status_code == 200, response.content
    demand.refresh_from_db()
    assert demand.last_confirmed_at != confirmed_before
    # A classic form post carries it as the csrfmiddlewaretoken field instead.
    response = client.post("/api/notifications/read-all", {"csrfmiddlewaretoken": token["X-CSRFToken"]})
    assert response.status_code == 200, response.content
    assert response.json() == {"marked": 1}
    assert Notification.objects.get(pk=note.pk).read_at is not None


def test_reads_with_the_session_need_no_csrf_token(member_and_demand):
    user, _ = member_and_demand
    client = _session(user)
    assert client.get("/api/me", headers=CROSS_SITE).status_code == 200
    assert client.get("/api/notifications").status_code == 200


def test_bearer_token_callers_need_no_csrf_token(member_and_demand):
    user, demand = member_and_demand
    note = NotificationFactory(recipient=user)
    _, plain = PersonalAccessToken.issue(user=user, name="script")
    bearer = {"Authorization": f"Bearer {plain}", **CROSS_SITE}
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/tokens", {"name": "ci"}, content_type="application/json", headers=bearer)
    assert response.status_code == 201, response.content
    response = client.post(
        f"/api/demands/{demand.pk}/confirm", {}, content_type="application/json", headers=bearer
    )
    assert response.status_code == 200, response.content
    response = client.post(f"/api/notifications/{note.pk}/read", headers=bearer)
    assert response.status_code == 200, response.content
    # The token decides even when the browser session rides along.
    session = _session(user)
    response = session.post("/api/notifications/read-all", content_type="text/plain", headers=bearer)
    assert response.status_code == 200, response.content
