"""What events holds about a person, for privacy's data export and erasure (`privacy.hooks`):
their registrations, made signed in or, with the same e-mail address, without an account."""

from django.db.models import Q

from alleyhub.privacy.hooks import PersonalData
from alleyhub.privacy.personal_data import records

from .models import CalendarFeed, EventFeedback, Registration

ERASED = "已注销用户"


def _registrations_of(user):
    own = Q(user=user)
    if user.email:
        own |= Q(email__iexact=user.email)
    return Registration.objects.filter(own).order_by("created_at")


def export(user) -> PersonalData:
    return PersonalData(
        name="events",
        records={
            "registrations": records(_registrations_of(user)),
            "feedback": records(EventFeedback.objects.filter(registration__in=_registrations_of(user))),
            "calendar_feed": records(CalendarFeed.objects.filter(user=user), ("created_at", "updated_at")),
        },
    )


def erase(user, names: list[str]) -> None:
    """Registrations stay for the organisers' figures (who came, how many), without the person:
    name, contact details, organisation and answers are removed, the ticket stops working."""
    from .models import new_secret

    EventFeedback.objects.filter(registration__in=_registrations_of(user)).update(comment="")
    for registration in _registrations_of(user):
        registration.user = None
        registration.name = ERASED
        registration.email = ""
        registration.phone = ""
        registration.organization_name = ""
        registration.answers = {}
        registration.consent_ip = None
        registration.ticket_secret = new_secret()
        registration.save()
    CalendarFeed.objects.filter(user=user).delete()
