from datetime import datetime

from ninja import Field, Schema

from .models import NotificationPreference


class NotificationOut(Schema):
    """Title and body are rendered at reading time in the request's language (Accept-Language,
    the language cookie); `language` is the language they are in (the stored language when an
    older notification can only show the text it was created with)."""

    id: int
    code: str
    title: str
    body: str
    url: str
    language: str
    read_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.display_title

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.display_body

    @staticmethod
    def resolve_language(obj) -> str:
        return obj.display_language


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
