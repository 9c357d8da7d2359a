from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from alleyhub.core.schemas import OwnerOut, Text

from .models import EventKind


class EventListFilters(Schema):
    q: Text | None = Field(None, max_length=100)
    series: Text | None = Field(None, max_length=80, description="series slug")
    kind: EventKind | None = None
    industry: Text | None = Field(None, max_length=60, description="industry code (sub-industries included)")
    month: str | None = Field(None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")
    when: Literal["upcoming", "past"] | None = None
    organizer: Text | None = Field(None, max_length=80, description="organisation slug")
    tag: Text | None = Field(None, max_length=30)


class EventSeriesOut(Schema):
    slug: str
    name: str
    kind: str


class EventSessionOut(Schema):
    starts_at: datetime
    ends_at: datetime | None
    title: str


class EventSummaryOut(Schema):
    id: int
    kind: str
    status: str
    title: str
    title_zh: str
    title_en: str
    starts_at: datetime
    ends_at: datetime
    place: str
    venue_id: int | None
    capacity: int | None
    approval_mode: str
    registration_deadline: datetime | None
    series: EventSeriesOut | None
    organizers: list[OwnerOut]
    industries: list[str]
    tags: list
    version: int
    url: str

    @staticmethod
    def resolve_organizers(obj) -> list:
        return list(obj.organizers.all())

    @staticmethod
    def resolve_industries(obj) -> list[str]:
        return [i.code for i in obj.industries.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class EventDetailOut(EventSummaryOut):
    description: str
    description_zh: str
    description_en: str
    sessions: list[EventSessionOut]
    seats_left: int | None

    @staticmethod
    def resolve_sessions(obj) -> list:
        return list(obj.sessions.all())

    @staticmethod
    def resolve_seats_left(obj) -> int | None:
        from .selectors import seats_left

        return seats_left(obj)


class EventRegisterIn(Schema):
    name: Text = Field("", max_length=100)
    phone: Text = Field("", max_length=30)
    organization_name: Text = Field("", max_length=200)
    answers: dict[str, Text] = Field(default_factory=dict, description='{"q_<question id>": "answer"}')


class EventRegistrationOut(Schema):
    id: int
    event_id: int
    name: str
    status: str
    source: str
    offer_expires_at: datetime | None
    checked_in_at: datetime | None
    created_at: datetime
    ticket_url: str

    @staticmethod
    def resolve_ticket_url(obj) -> str:
        return obj.get_absolute_url()


class EventCheckInIn(Schema):
    code: Text = Field(
        ..., min_length=1, max_length=200, description="the scanned QR code or the ticket secret"
    )


class EventCheckedInOut(Schema):
    id: int
    name: str
    organization_name: str
    status: str
    checked_in_at: datetime | None
    checked_in_by: str | None

    @staticmethod
    def resolve_checked_in_by(obj) -> str | None:
        return str(obj.checked_in_by) if obj.checked_in_by_id else None


class EventCheckInOut(Schema):
    already_checked_in: bool
    message: str
    registration: EventCheckedInOut
