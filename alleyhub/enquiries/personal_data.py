"""What enquiries holds about a user (what they sent and wrote), for privacy's data export."""

from alleyhub.privacy.hooks import PersonalData
from alleyhub.privacy.personal_data import records

from .models import Enquiry, EnquiryMessage


def export(user) -> PersonalData:
    return PersonalData(
        name="enquiries",
        records={
            "enquiries": records(Enquiry.objects.filter(applicant=user)),
            "messages": records(EnquiryMessage.objects.filter(author=user).order_by("created_at")),
        },
    )
