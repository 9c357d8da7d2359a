"""What notifications holds about a user, for privacy's data export and erasure (`privacy.hooks`)."""

from alleyhub.privacy.erasure import scrub_names
from alleyhub.privacy.hooks import PersonalData
from alleyhub.privacy.personal_data import records

from .models import Notification, NotificationPreference


def export(user) -> PersonalData:
    return PersonalData(
        name="notifications",
        records={
            "notifications": records(Notification.objects.filter(recipient=user).order_by("created_at")),
            "preferences": records(NotificationPreference.objects.filter(user=user)),
        },
    )


def erase(user, names: list[str]) -> None:
    """The user's own notifications go, queued e-mails included; other users' notifications that
    name them (and the e-mails still to be sent from them) say "已注销用户" instead."""
    Notification.objects.filter(recipient=user).delete()
    scrub_names(names, only=(Notification,))
