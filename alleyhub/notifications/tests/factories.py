import factory
from factory.django import DjangoModelFactory

from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.notifications.models import Notification, NotificationPreference

__all__ = ["UserFactory", "NotificationFactory", "PreferenceFactory"]


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    code = "general.message"
    title = factory.Sequence(lambda n: f"通知{n}")
    body = "内容"
    dedup_key = factory.Sequence(lambda n: f"test:{n}")


class PreferenceFactory(DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)
    email_mode = NotificationPreference.EmailMode.IMMEDIATE
