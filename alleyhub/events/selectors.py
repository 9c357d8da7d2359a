"""Reads for events, shared by pages and the API.

Who sees what (docs/events.md):
- published, cancelled and finished events: everybody; drafts: the organisers' members, operators
  and the task force;
- organiser staff (members of an organiser organisation, operators, superusers) edit the event,
  see its registrations and check people in;
- a ticket: whoever holds its secret (the ticket is the secret); a registrant's own registrations.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.core.lists import json_list_contains
from alleyhub.core.search import substring_q
from alleyhub.directory.ownership import acts_for_every_organization, is_operator

from .models import (
    SEAT_HOLDING,
    CalendarFeed,
    Event,
    EventFeedback,
    EventSeries,
    EventStatus,
    Registration,
    RegistrationStatus,
)

MAX_PK = 2**63


def _pk(value) -> int:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not (0 < pk < MAX_PK):
        raise Http404
    return pk


def can_manage_event(*, user, event: Event) -> bool:
    """Organiser staff: members of an organiser organisation, operators and superusers."""
    if acts_for_every_organization(user):
        return True
    org_ids = user_organization_ids(user)
    return bool(org_ids) and event.organizers.filter(pk__in=org_ids).exists()


def can_see_event(*, user, event: Event) -> bool:
    if event.status != EventStatus.DRAFT:
        return True
    return is_operator(user) or can_manage_event(user=user, event=event)


def event_visibility_q(*, user) -> Q:
    visible = ~Q(status=EventStatus.DRAFT)
    if is_operator(user):
        return Q()
    org_ids = user_organization_ids(user)
    if org_ids:
        return visible | Q(status=EventStatus.DRAFT, organizers__in=org_ids)
    return visible


def event_base_queryset() -> QuerySet[Event]:
    return Event.objects.select_related("series", "venue", "venue__building").prefetch_related(
        "organizers", "industries"
    )


def event_list_for_user(
    *,
    user,
    q: str | None = None,
    series: str | None = None,
    kind: str | None = None,
    industry: str | None = None,
    month: str | None = None,
    when: str | None = None,
    organizer: str | None = None,
    tag: str | None = None,
    now: datetime | None = None,
) -> QuerySet[Event]:
    """The events `user` may see, filtered. `month` is "YYYY-MM"; `when` is "upcoming" (not yet
    ended, soonest first) or "past" (ended, latest first); `series`/`organizer` are slugs,
    `industry` an industry code (its sub-industries included)."""
    now = now or timezone.now()
    ids = Event.objects.filter(event_visibility_q(user=user))
    if series:
        ids = ids.filter(series__slug=series)
    if kind:
        ids = ids.filter(kind=kind)
    if industry:
        ids = ids.filter(Q(industries__code=industry) | Q(industries__parent__code=industry))
    if organizer:
        ids = ids.filter(organizers__slug=organizer)
    if tag:
        ids = ids.filter(json_list_contains("tags", tag))
    if month:
        start, end = month_bounds(month)
        ids = ids.filter(starts_at__gte=start, starts_at__lt=end)
    if q:
        ids = ids.filter(substring_q(q, ["title_zh", "title_en", "description_zh", "description_en"]))
    qs = (
        event_base_queryset()
        .filter(pk__in=ids.values("pk"))
        .annotate(seats_taken=Count("registrations", filter=Q(registrations__status__in=SEAT_HOLDING)))
    )
    if when == "past":
        return qs.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    if when == "upcoming":
        return qs.filter(ends_at__gte=now).order_by("starts_at", "id")
    return qs.order_by("-starts_at", "-id")


def _month_start(month: str) -> date:
    """The first day of "YYYY-MM" (a calendar date: no time zone involved). Raises ValueError."""
    year, _sep, number = month.partition("-")
    return date(int(year), int(number), 1)


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The first moment of "YYYY-MM" and of the month after, in the site's time zone. Raises
    ValueError for a malformed month."""
    first = _month_start(month)
    following = (first + timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(first, time.min), tz),
        timezone.make_aware(datetime.combine(following, time.min), tz),
    )


@dataclass(frozen=True)
class CalendarDay:
    day: date
    in_month: bool
    events: list[Event]


def month_calendar(*, events, month: str) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of `month`, each day with its events (already filtered to the month)."""
    first = _month_start(month)
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.starts_at).date(), []).append(event)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return [
        [CalendarDay(day=d, in_month=d.month == first.month, events=by_day.get(d, [])) for d in week]
        for week in weeks
    ]


def event_get_for_user(*, pk, user, for_write: bool = False) -> Event:
    """One event the user may see (Http404 otherwise, also for drafts, so that nobody learns they
    exist); with `for_write`, PermissionDenied unless the user is organiser staff."""
    event = event_base_queryset().filter(pk=_pk(pk)).first()
    if event is None or not can_see_event(user=user, event=event):
        raise Http404
    if for_write and not can_manage_event(user=user, event=event):
        raise PermissionDenied
    return event


def seats_taken(event: Event) -> int:
    return event.registrations.filter(status__in=SEAT_HOLDING).count()


def seats_left(event: Event) -> int | None:
    """Free seats (None: no limit)."""
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def event_figures(event: Event) -> dict[str, int]:
    """Registered / checked in / waiting figures of one event (the live count)."""
    counts = event.registrations.aggregate(
        confirmed=Count("id", filter=Q(status=RegistrationStatus.CONFIRMED)),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        waitlisted=Count("id", filter=Q(status=RegistrationStatus.WAITLISTED)),
        offered=Count("id", filter=Q(status=RegistrationStatus.OFFERED)),
        pending=Count("id", filter=Q(status=RegistrationStatus.PENDING)),
        walk_ins=Count("id", filter=Q(source=Registration.Source.WALK_IN)),
    )
    counts["no_show"] = max(counts["confirmed"] - counts["checked_in"], 0)
    feedback = EventFeedback.objects.filter(registration__event=event).aggregate(
        feedback_count=Count("id"), rating=Avg("rating")
    )
    counts["feedback_count"] = feedback["feedback_count"]
    counts["rating"] = round(feedback["rating"], 1) if feedback["rating"] is not None else None
    return counts


@dataclass(frozen=True)
class Attendance:
    event: Event
    registered: int
    checked_in: int

    @property
    def no_show(self) -> int:
        return max(self.registered - self.checked_in, 0)

    @property
    def rate(self) -> int:
        """Checked in as a percentage of those registered (0 when nobody registered)."""
        return round(100 * self.checked_in / self.registered) if self.registered else 0


def can_see_attendance(*, user, series: EventSeries) -> bool:
    """Attendance figures are for the series' organisers, operators and the task force."""
    if is_operator(user):
        return True
    org_ids = user_organization_ids(user)
    return bool(org_ids) and series.organizers.filter(pk__in=org_ids).exists()


def series_attendance(*, series: EventSeries, now: datetime | None = None) -> list[Attendance]:
    """Registered (confirmed) / checked in / no-show of each past edition of a series, latest
    first (call can_see_attendance first)."""
    now = now or timezone.now()
    events = (
        Event.objects.filter(series=series, ends_at__lt=now)
        .exclude(status__in=[EventStatus.DRAFT, EventStatus.CANCELLED])
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
            checked_in=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )
        .order_by("-starts_at")
    )
    return [Attendance(event=e, registered=e.registered, checked_in=e.checked_in) for e in events]


def series_get(*, slug: str) -> EventSeries | None:
    if not slug or len(slug) > 80:
        return None
    return EventSeries.objects.filter(slug=slug).first()


def series_list() -> QuerySet[EventSeries]:
    return EventSeries.objects.annotate(
        event_count=Count("events", filter=~Q(events__status=EventStatus.DRAFT))
    ).order_by("name_zh", "id")


def registration_of_user(*, event: Event, user) -> Registration | None:
    """The signed-in user's active or latest registration for `event`."""
    if not getattr(user, "is_authenticated", False):
        return None
    return event.registrations.filter(user=user).order_by("-created_at", "-id").first()


def registration_get_by_secret(*, secret: str) -> Registration:
    """The registration whose ticket this is, or Http404."""
    if not secret or len(secret) > 64 or "\x00" in secret:
        raise Http404
    registration = (
        Registration.objects.select_related(
            "event", "event__venue", "event__venue__building", "checked_in_by"
        )
        .filter(ticket_secret=secret)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def registration_get_for_user(*, pk, user, for_write: bool = False) -> Registration:
    """A registration its own user or the event's organiser staff may see (Http404 otherwise);
    with `for_write`, only organiser staff (approve, reject, check in)."""
    registration = Registration.objects.select_related("event").filter(pk=_pk(pk)).first()
    if registration is None:
        raise Http404
    staff = can_manage_event(user=user, event=registration.event)
    own = getattr(user, "is_authenticated", False) and registration.user_id == user.pk
    if not (staff or own):
        raise Http404
    if for_write and not staff:
        raise PermissionDenied
    return registration


def registrations_of_user(*, user) -> QuerySet[Registration]:
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return Registration.objects.filter(user=user).select_related("event").order_by("-event__starts_at")


def registration_list_for_event(*, event: Event, q: str | None = None, status: str | None = None):
    """An event's registrations for its organiser staff (call event_get_for_user(for_write=True)
    first); `q` searches name, phone, e-mail and organisation."""
    qs = event.registrations.select_related("checked_in_by").order_by("created_at", "id")
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(substring_q(q, ["name", "phone", "email", "organization_name"]))
    return qs


def calendar_feed_of(*, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_events(*, token: str) -> tuple[CalendarFeed, QuerySet[Event]]:
    """The feed with this token and the events its user is registered for (confirmed, pending or
    offered), or Http404 for an unknown or revoked token."""
    if not token or len(token) > 64:
        raise Http404
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    events = (
        event_base_queryset()
        .filter(
            registrations__user=feed.user,
            registrations__status__in=[*SEAT_HOLDING, RegistrationStatus.PENDING],
        )
        .exclude(status=EventStatus.DRAFT)
    )
    return feed, events.distinct()


HOME_EVENTS = 4


def home_overview() -> dict:
    """The next published events, for the home page."""
    upcoming = (
        Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=timezone.now())
        .select_related("series")
        .order_by("starts_at", "id")[:HOME_EVENTS]
    )
    return {"upcoming_events": list(upcoming)}
