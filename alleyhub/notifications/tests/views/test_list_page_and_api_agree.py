"""The notifications page and `/api/notifications` list the same notifications in the same order
(both call `selectors.notifications_for_user`), all or unread only."""

import pytest
from django.utils import timezone

from alleyhub.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("page_params", "api_params"), [({}, {}), ({"unread": "1"}, {"unread": "true"})])
def test_notification_page_and_api_give_the_same_rows(client, django_user_model, page_params, api_params):
    user = django_user_model.objects.create_user("reader", password="x")
    for i in range(25):
        NotificationFactory(recipient=user, read_at=timezone.now() if i % 3 == 0 else None)
    NotificationFactory()  # someone else's
    client.force_login(user)
    page = client.get("/notifications/", page_params)
    ids = [n.pk for n in page.context["page"].object_list]
    assert ids
    api = client.get("/api/notifications", {**api_params, "page_size": 20})
    assert api.status_code == 200, api.content
    assert ids == [item["id"] for item in api.json()["items"]]
