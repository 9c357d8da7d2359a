from datetime import datetime

from ninja import Schema

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


class PreferenceOut(Schema):
    email_mode: str
