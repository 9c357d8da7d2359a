"""What the catalogue holds about a user (the services they entered), for privacy's data export."""

from alleyhub.privacy.hooks import PersonalData
from alleyhub.privacy.personal_data import records

from .models import ServiceOffering


def export(user) -> PersonalData:
    return PersonalData(
        name="services", records={"services": records(ServiceOffering.objects.filter(created_by=user))}
    )
