"""Two people taking the last seat at the same moment (PostgreSQL: real row locks)."""

from alleyhub.core.tests.concurrency import race, race_test
from alleyhub.events import services
from alleyhub.events.models import Event, RegistrationStatus

from ..factories import EventFactory

pytestmark = race_test


def _register(event_id: int, n: int):
    def call():
        event = Event.objects.get(pk=event_id)
        return services.registration_create(
            event=event, actor=None, name=f"抢票{n}", email=f"race{n}@example.com", phone=str(n), consent=True
        ).status

    return call


def test_two_people_taking_the_last_seat_one_gets_it_the_other_waits():
    event = EventFactory(capacity=1)
    results = race([_register(event.pk, 1), _register(event.pk, 2)])
    assert sorted(results) == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 1


def test_many_writers_never_exceed_the_capacity():
    event = EventFactory(capacity=3)
    results = race([_register(event.pk, n) for n in range(8)])
    assert results.count(RegistrationStatus.CONFIRMED) == 3
    assert results.count(RegistrationStatus.WAITLISTED) == 5
