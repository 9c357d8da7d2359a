"""What brokerage holds about a user (their case activities and the files they attached), for
privacy's data export."""

from alleyhub.privacy.hooks import PersonalData
from alleyhub.privacy.personal_data import records

from .models import CaseActivity


def export(user) -> PersonalData:
    activities = CaseActivity.objects.filter(author=user).order_by("pk")
    return PersonalData(
        name="cases",
        records={"activities": records(activities)},
        files=[(f"{a.pk}-{a.file_name or 'file'}", a.file) for a in activities if a.file],
    )
