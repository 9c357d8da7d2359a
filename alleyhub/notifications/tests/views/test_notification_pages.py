import pytest
from django.urls import reverse

from alleyhub.notifications.models import Notification, NotificationPreference
from alleyhub.notifications.tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_only_my_notifications(client_as):
    me, other = UserFactory(), UserFactory()
    NotificationFactory(recipient=me, title="我的通知")
    NotificationFactory(recipient=other, title="别人的通知")

    page = client_as(me).get(reverse("notifications:list")).content.decode()

    assert "我的通知" in page and "别人的通知" not in page


def test_the_badge_counts_unread_notifications(client_as):
    me = UserFactory()
    NotificationFactory.create_batch(3, recipient=me)
    client = client_as(me)
    assert 'data-testid="unread-count"' in client.get(reverse("notifications:badge")).content.decode()
    assert ">3<" in client.get(reverse("notifications:badge")).content.decode()

    client.post(reverse("notifications:mark_all_read"))

    assert "unread-count" not in client.get(reverse("notifications:badge")).content.decode()


def test_mark_read_with_htmx_returns_the_row_and_refreshes_the_badge(client_as):
    n = NotificationFactory()
    response = client_as(n.recipient).post(
        reverse("notifications:mark_read", args=[n.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    assert "mark-read" not in response.content.decode()
    n.refresh_from_db()
    assert n.read_at is not None


def test_someone_elses_notification_is_not_found(client_as):
    n = NotificationFactory()
    client = client_as(UserFactory())
    assert client.post(reverse("notifications:mark_read", args=[n.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_only_local_links(client_as):
    local = NotificationFactory(url="/cases/1/")
    evil = NotificationFactory(recipient=local.recipient, url="https://evil.example/phish")
    client = client_as(local.recipient)
    assert client.get(reverse("notifications:open", args=[local.pk]))["Location"] == "/cases/1/"
    assert client.get(reverse("notifications:open", args=[evil.pk]))["Location"] == reverse(
        "notifications:list"
    )
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_choosing_the_daily_digest(client_as):
    me = UserFactory()
    client_as(me).post(reverse("notifications:preferences"), {"email_mode": "daily"})
    assert NotificationPreference.objects.get(user=me).email_mode == "daily"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "login" in response["Location"]
