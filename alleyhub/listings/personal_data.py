"""What listings holds about a user (the listings they entered), for privacy's data export."""

from alleyhub.privacy.hooks import PersonalData
from alleyhub.privacy.personal_data import records

from .models import InvestorProfile, TechDemand, TechOutcome


def export(user) -> PersonalData:
    return PersonalData(
        name="listings",
        records={
            "outcomes": records(TechOutcome.objects.filter(created_by=user)),
            "demands": records(TechDemand.objects.filter(created_by=user)),
            "investor_profiles": records(InvestorProfile.objects.filter(created_by=user)),
        },
    )
