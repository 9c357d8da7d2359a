from datetime import timedelta

import pytest
from django.utils import timezone

from alleyhub.core.exceptions import ApplicationError
from alleyhub.events import services
from alleyhub.events.models import RegistrationStatus
from alleyhub.events.tasks import PERIODIC_TASKS, expire_waitlist_offers

pytestmark = pytest.mark.django_db


def _guest(event, n):
    return services.registration_create(
        event=event, actor=None, name=f"访客{n}", email=f"g{n}@example.com", phone=str(n), consent=True
    )


@pytest.fixture
def full_event(event):
    """Capacity 2, both seats taken, two people waiting."""
    people = [_guest(event, n) for n in range(1, 5)]
    assert [p.status for p in people] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    return event, people


def test_a_freed_seat_is_offered_to_the_first_person_waiting_for_24_hours(full_event, mailoutbox, commit):
    event, (first, _second, third, fourth) = full_event
    with commit():
        services.registration_move(
            registration=first, action="cancel", actor=None, secret=first.ticket_secret
        )
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.OFFERED
    assert fourth.status == RegistrationStatus.WAITLISTED
    assert timedelta(hours=23, minutes=59) < third.offer_expires_at - timezone.now() <= timedelta(hours=24)
    assert [m.to for m in mailoutbox] == [["g3@example.com"]]
    assert third.get_absolute_url() in mailoutbox[0].body


def test_accepting_the_offer_confirms_the_seat(full_event):
    event, (first, _second, third, _fourth) = full_event
    services.registration_move(registration=first, action="cancel", actor=None, secret=first.ticket_secret)
    third.refresh_from_db()
    third = services.registration_move(
        registration=third, action="accept_offer", actor=None, secret=third.ticket_secret
    )
    assert third.status == RegistrationStatus.CONFIRMED and third.offer_expires_at is None
    assert event.registrations.filter(status__in=["confirmed", "offered"]).count() == event.capacity


def test_an_expired_offer_moves_on_to_the_next_person(full_event):
    event, (first, _second, third, fourth) = full_event
    services.registration_move(registration=first, action="cancel", actor=None, secret=first.ticket_secret)
    later = timezone.now() + timedelta(hours=25)
    assert services.offers_expire(now=later) == 1
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.EXPIRED
    assert fourth.status == RegistrationStatus.OFFERED
    # Running again changes nothing (fourth's offer runs until later + 24 h).
    assert services.offers_expire(now=later) == 0
    with pytest.raises(ApplicationError) as exc:
        services.registration_move(
            registration=third, action="accept_offer", actor=None, secret=third.ticket_secret
        )
    assert exc.value.status == 409


def test_an_offer_accepted_too_late_is_refused(full_event):
    event, (first, _second, third, _fourth) = full_event
    services.registration_move(registration=first, action="cancel", actor=None, secret=first.ticket_secret)
    third.refresh_from_db()
    with pytest.raises(ApplicationError) as exc:
        services.registration_move(
            registration=third,
            action="accept_offer",
            actor=None,
            secret=third.ticket_secret,
            now=timezone.now() + timedelta(hours=30),
        )
    assert exc.value.extra["code"] == "offer_expired"


def test_raising_the_capacity_offers_the_new_seats(full_event, staff):
    event, (_first, _second, third, fourth) = full_event
    services.event_update(event=event, actor=staff, capacity=4)
    assert set(event.registrations.filter(status="offered").values_list("pk", flat=True)) == {
        third.pk,
        fourth.pk,
    }


def test_the_expiry_runs_as_a_periodic_task():
    assert ("events_expire_waitlist_offers", expire_waitlist_offers, 10) in PERIODIC_TASKS


def test_a_signed_in_person_waiting_is_told_in_the_app_when_a_seat_is_offered(event, outsider):
    from alleyhub.notifications.models import Notification

    first = _guest(event, 1)
    _guest(event, 2)
    waiting = services.registration_create(event=event, actor=outsider)
    assert waiting.status == RegistrationStatus.WAITLISTED
    services.registration_move(registration=first, action="cancel", actor=None, secret=first.ticket_secret)
    notes = Notification.objects.filter(recipient=outsider).order_by("created_at")
    assert [n.code for n in notes] == ["events.registration.waitlisted", "events.registration.offered"]
    assert notes[1].url == waiting.get_absolute_url() and event.title in notes[1].title
