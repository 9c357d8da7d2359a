from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alleyhub.core.exceptions import ApplicationError
from alleyhub.events import services
from alleyhub.events.models import EventStatus, RegistrationQuestion, RegistrationStatus

from ..factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def _guest(event, n=1, **extra):
    data = {"name": f"访客{n}", "email": f"guest{n}@example.com", "phone": f"1390000000{n}", "consent": True}
    data.update(extra)
    return services.registration_create(event=event, actor=None, **data)


def test_a_signed_in_member_is_confirmed_while_seats_are_free(outsider, event):
    registration = services.registration_create(event=event, actor=outsider)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.user == outsider and registration.email == outsider.email
    assert len(registration.ticket_secret) >= 32


def test_registering_twice_is_refused(outsider, event):
    services.registration_create(event=event, actor=outsider)
    with pytest.raises(ApplicationError) as exc:
        services.registration_create(event=event, actor=outsider)
    assert exc.value.status == 409 and exc.value.extra["code"] == "already_registered"


def test_the_same_email_cannot_register_twice_without_an_account(event):
    _guest(event, 1)
    with pytest.raises(ApplicationError):
        _guest(event, 2, email="GUEST1@example.com")


def test_past_the_capacity_registrants_go_to_the_waiting_list(event):
    _guest(event, 1)
    _guest(event, 2)
    third = _guest(event, 3)
    assert third.status == RegistrationStatus.WAITLISTED


def test_after_the_deadline_registration_is_closed(organizer_org):
    event = EventFactory(
        organizers=[organizer_org], registration_deadline=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(ApplicationError) as exc:
        _guest(event)
    assert exc.value.extra["code"] == "registration_closed"
    assert not event.registrations.exists()


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.DRAFT, EventStatus.FINISHED])
def test_only_published_events_take_registrations(organizer_org, status):
    event = EventFactory(organizers=[organizer_org], status=status)
    with pytest.raises(ApplicationError):
        _guest(event)


def test_a_guest_without_consent_is_refused_and_nothing_saved(event):
    with pytest.raises(ValidationError) as exc:
        _guest(event, consent=False)
    assert "consent" in exc.value.error_dict
    assert not event.registrations.exists()


def test_a_guest_must_give_email_and_phone(event):
    with pytest.raises(ValidationError) as exc:
        _guest(event, email="", phone="")
    assert {"email", "phone"} <= set(exc.value.error_dict)


def test_a_guests_consent_is_recorded_with_the_privacy_notice_version(event):
    registration = services.registration_create(
        event=event,
        actor=None,
        name="韩梅梅",
        email="h@example.com",
        phone="1",
        organization_name="新微科技集团",
        consent=True,
        ip="10.0.0.8",
    )
    assert registration.consent_at is not None
    assert registration.consent_version == "2026-12"
    assert registration.consent_ip == "10.0.0.8"


def test_with_organiser_approval_registrations_wait_for_it(staff, organizer_org):
    event = EventFactory(organizers=[organizer_org], approval_mode="manual", capacity=1)
    first = _guest(event, 1)
    second = _guest(event, 2)
    assert first.status == second.status == RegistrationStatus.PENDING
    first = services.registration_move(registration=first, action="approve", actor=staff)
    assert first.status == RegistrationStatus.CONFIRMED
    # The only seat is gone: approving the second puts it first in line.
    second = services.registration_move(registration=second, action="approve", actor=staff)
    assert second.status == RegistrationStatus.WAITLISTED


def test_only_organiser_staff_approve(outsider, organizer_org):
    event = EventFactory(organizers=[organizer_org], approval_mode="manual")
    registration = services.registration_create(event=event, actor=outsider)
    with pytest.raises(Exception) as exc:
        services.registration_move(registration=registration, action="approve", actor=outsider)
    assert exc.type.__name__ == "PermissionDenied"


def test_required_questions_must_be_answered(event):
    question = RegistrationQuestion.objects.create(
        event=event, label="您关注的方向", required=True, choices=["集成电路", "新材料"]
    )
    with pytest.raises(ValidationError):
        _guest(event, answers={})
    with pytest.raises(ValidationError):
        _guest(event, answers={question.field_name: "区块链"})
    registration = _guest(event, answers={question.field_name: "新材料"})
    assert registration.answers == {"您关注的方向": "新材料"}


def test_the_confirmation_email_carries_the_ticket_qr_and_an_ics(event, mailoutbox, commit):
    with commit():
        registration = _guest(event)
    (mail,) = mailoutbox
    assert mail.to == ["guest1@example.com"]
    assert registration.get_absolute_url() in mail.body
    names = {a[0]: a for a in mail.attachments}
    assert names["ticket-qr.png"][1].startswith(b"\x89PNG")
    ics = names["event.ics"][1]
    assert b"BEGIN:VEVENT" in (ics if isinstance(ics, bytes) else ics.encode())
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is not None


def test_the_email_is_in_the_language_of_the_registration(event, mailoutbox, commit):
    with commit():
        _guest(event, language="en")
    assert mailoutbox[0].subject.startswith("Registration confirmed")


def test_a_registrant_cancels_by_the_ticket_secret_and_nobody_else(event):
    registration = _guest(event)
    stranger = UserFactory()
    with pytest.raises(Exception) as exc:
        services.registration_move(
            registration=registration, action="cancel", actor=stranger, secret="forged"
        )
    assert exc.type.__name__ == "PermissionDenied"
    registration = services.registration_move(
        registration=registration, action="cancel", actor=None, secret=registration.ticket_secret
    )
    assert registration.status == RegistrationStatus.CANCELLED and registration.cancelled_at
    # Registering again after a cancellation is allowed.
    assert _guest(event).status == RegistrationStatus.CONFIRMED
