import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.core.exceptions import ApplicationError
from alleyhub.events import services
from alleyhub.events.models import RegistrationStatus

from ..factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_a_ticket_is_checked_in_once_and_the_second_scan_says_when_and_by_whom(staff, event):
    registration = RegistrationFactory(event=event, name="张三")
    first = services.registration_check_in(event=event, actor=staff, secret=registration.ticket_secret)
    assert not first.already and "签到成功" in first.message
    second = services.registration_check_in(event=event, actor=staff, secret=registration.ticket_secret)
    assert second.already
    registration.refresh_from_db()
    assert registration.checked_in_by == staff
    assert f"{registration.checked_in_at.astimezone().strftime('%H:%M')}"[:2].isdigit()
    assert "已于" in second.message and str(staff) in second.message
    assert event.registrations.filter(checked_in_at__isnull=False).count() == 1


def test_a_forged_code_is_refused(staff, event):
    with pytest.raises(ApplicationError) as exc:
        services.registration_check_in(event=event, actor=staff, secret="not-a-ticket")
    assert exc.value.status == 404 and exc.value.extra["code"] == "ticket_unknown"


def test_a_ticket_of_another_event_is_refused(staff, event):
    other = RegistrationFactory(event=EventFactory())
    with pytest.raises(ApplicationError):
        services.registration_check_in(event=event, actor=staff, secret=other.ticket_secret)


def test_a_waitlisted_ticket_cannot_be_checked_in(staff, event):
    registration = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    with pytest.raises(ApplicationError) as exc:
        services.registration_check_in(event=event, actor=staff, secret=registration.ticket_secret)
    assert exc.value.extra["code"] == "ticket_not_confirmed"


def test_only_organiser_staff_check_in(outsider, event):
    registration = RegistrationFactory(event=event)
    with pytest.raises(PermissionDenied):
        services.registration_check_in(event=event, actor=outsider, secret=registration.ticket_secret)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_a_walk_in_is_registered_and_checked_in_within_the_capacity(staff, event):
    walk_in = services.walk_in_register(event=event, actor=staff, name="赵六", phone="13500000000")
    assert (
        walk_in.status == RegistrationStatus.CONFIRMED
        and walk_in.checked_in_at
        and walk_in.source == "walk_in"
    )
    services.walk_in_register(event=event, actor=staff, name="钱七")
    with pytest.raises(ApplicationError) as exc:
        services.walk_in_register(event=event, actor=staff, name="孙八")
    assert exc.value.extra["code"] == "event_full"


def test_only_staff_register_walk_ins(outsider, event):
    with pytest.raises(PermissionDenied):
        services.walk_in_register(event=event, actor=outsider, name="赵六")
