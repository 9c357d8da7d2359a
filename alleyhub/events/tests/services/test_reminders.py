from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from alleyhub.events import services

from ..factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_reminders_go_the_day_before_once(organizer_org, mailoutbox, commit):
    tomorrow_9 = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(9, 0)))
    tomorrow = EventFactory(
        organizers=[organizer_org], starts_at=tomorrow_9, ends_at=tomorrow_9 + timedelta(hours=2)
    )
    next_week = EventFactory(organizers=[organizer_org])
    due = RegistrationFactory(event=tomorrow, email="a@example.com")
    RegistrationFactory(event=tomorrow, status="waitlisted")
    RegistrationFactory(event=next_week)
    with commit():
        assert services.reminders_send_due() == 1
    with commit():
        assert services.reminders_send_due() == 0
    assert [m.to for m in mailoutbox] == [["a@example.com"]]
    assert {a[0] for a in mailoutbox[0].attachments} == {"ticket-qr.png", "event.ics"}
    due.refresh_from_db()
    assert due.reminder_sent_at is not None
