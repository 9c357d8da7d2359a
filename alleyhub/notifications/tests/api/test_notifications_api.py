import pytest

from alleyhub.notifications.tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_my_notifications_and_unread_count(client_as):
    me = UserFactory()
    mine = NotificationFactory(recipient=me)
    NotificationFactory()
    client = client_as(me)
    assert [n["id"] for n in client.get("/api/notifications").json()["items"]] == [mine.pk]
    assert client.get("/api/notifications/unread-count").json() == {"unread": 1}
    assert client.post(f"/api/notifications/{mine.pk}/read").json()["read_at"]
    assert client.get("/api/notifications/unread-count").json() == {"unread": 0}


def test_someone_elses_notification_is_404_and_anonymous_is_401(client, client_as):
    other = NotificationFactory()
    assert client.get("/api/notifications").status_code == 401
    assert client_as(UserFactory()).post(f"/api/notifications/{other.pk}/read").status_code == 404


def test_setting_the_email_preference(client_as):
    client = client_as(UserFactory())
    assert client.put(
        "/api/notifications/preferences", {"email_mode": "daily"}, content_type="application/json"
    ).json() == {"email_mode": "daily", "categories": {}}
    assert client.put(
        "/api/notifications/preferences",
        {"email_mode": "daily", "categories": {"matches": "off"}},
        content_type="application/json",
    ).json() == {"email_mode": "daily", "categories": {"matches": "off"}}
    assert client.get("/api/notifications/preferences").json()["categories"] == {"matches": "off"}
    for bad in ({"weather": "off"}, {"matches": "hourly"}):
        response = client.put(
            "/api/notifications/preferences",
            {"email_mode": "daily", "categories": bad},
            content_type="application/json",
        )
        assert response.status_code == 422
    assert (
        client.put(
            "/api/notifications/preferences", {"email_mode": "hourly"}, content_type="application/json"
        ).status_code
        == 422
    )
