import pytest

from alleyhub.events import personal_data
from alleyhub.events.models import Registration

from ..factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_registrations_made_signed_in_and_with_the_same_email(event):
    user = UserFactory(email="me@example.com")
    RegistrationFactory(event=event, user=user, email="me@example.com")
    RegistrationFactory(event=event, email="ME@example.com", status="waitlisted")
    RegistrationFactory(event=event, email="other@example.com")
    data = personal_data.export(user)
    assert len(data.records["registrations"]) == 2


def test_erasure_removes_the_person_and_voids_the_ticket_but_keeps_the_count(event):
    user = UserFactory(email="me@example.com")
    registration = RegistrationFactory(
        event=event, user=user, email="me@example.com", phone="139", organization_name="新微"
    )
    secret = registration.ticket_secret
    personal_data.erase(user, ["me"])
    registration.refresh_from_db()
    assert (registration.user, registration.email, registration.phone, registration.organization_name) == (
        None,
        "",
        "",
        "",
    )
    assert registration.name == personal_data.ERASED
    assert registration.ticket_secret != secret
    assert Registration.objects.filter(event=event).count() == 1
