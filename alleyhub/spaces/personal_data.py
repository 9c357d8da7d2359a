"""What spaces holds about a user (the space units they entered), for privacy's data export."""

from alleyhub.privacy.hooks import PersonalData
from alleyhub.privacy.personal_data import records

from .models import SpaceUnit


def export(user) -> PersonalData:
    return PersonalData(
        name="spaces", records={"space_units": records(SpaceUnit.objects.filter(created_by=user))}
    )
