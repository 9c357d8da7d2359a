from datetime import datetime

from ninja import Field, Schema

from .models import NotificationPreference


class NotificationOut(Schema):
    id: int
    code: str
    title: str
    body: str
    url: str
    language: str
    read_at: datetime | None
    created_at: datetime


class UnreadCountOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int


class PreferenceIn(Schema):
    email_mode: NotificationPreference.EmailMode
    categories: dict[str, str] | None = Field(
        None,
        description="E-mail delivery per category of event (matches, requests, cases, organisation, "
        'enquiries, listings, general): "immediate", "daily", "off", or "" to follow email_mode. Omitted: unchanged.',
    )


class PreferenceOut(Schema):
    email_mode: str
    categories: dict[str, str] = Field(default_factory=dict, alias="category_modes")
