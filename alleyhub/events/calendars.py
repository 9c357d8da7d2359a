"""iCalendar (RFC 5545) for events: one event's `.ics` and a user's personal feed."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from alleyhub.notifications.delivery import absolute_url

from .models import Event, EventStatus

PRODID = "-//Alley Hub//Events//ZH"


def _vevent(event: Event) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", f"event-{event.pk}@alleyhub")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", event.starts_at)
    vevent.add("dtend", event.ends_at)
    vevent.add("summary", event.title)
    vevent.add("description", event.description)
    vevent.add("location", event.place)
    vevent.add("url", absolute_url(event.get_absolute_url()))
    vevent.add("sequence", event.version)
    vevent.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return vevent


def calendar_bytes(events: Iterable[Event], *, name: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if name:
        cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event))
    return cal.to_ical()
