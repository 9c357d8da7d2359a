"""What notifications holds about a user, for privacy's data export (`privacy.hooks`)."""

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
