"""What requests holds about a user (the requests they submitted, their actions, ratings and the
files they uploaded), for privacy's data export."""

from alleyhub.privacy.hooks import PersonalData
from alleyhub.privacy.personal_data import records

from .models import EnterpriseRequest, RequestAttachment, RequestEvent, RequestRating


def export(user) -> PersonalData:
    attachments = RequestAttachment.objects.filter(uploaded_by=user).order_by("pk")
    return PersonalData(
        name="requests",
        records={
            "requests": records(EnterpriseRequest.objects.filter(submitter=user)),
            "actions": records(RequestEvent.objects.filter(actor=user).order_by("at")),
            "ratings": records(RequestRating.objects.filter(rated_by=user)),
            "attachments": records(attachments),
        },
        files=[(f"{a.pk}-{a.original_name}", a.file) for a in attachments if a.file],
    )
