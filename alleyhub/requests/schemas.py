from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from .deadlines import current_deadline
from .models import Category, ContactPreference


class OrgRef(Schema):
    id: int
    name: str


class DeadlineOut(Schema):
    kind: str
    due: datetime
    colour: Literal["green", "yellow", "red"]


class RequestListOut(Schema):
    id: int
    title: str
    category: str
    category_label: str
    status: str
    status_label: str
    organization: OrgRef
    responsible_unit: OrgRef
    submitted_at: datetime
    accept_due_at: datetime
    answer_due_at: datetime | None
    deadline: DeadlineOut | None
    version: int

    # Resolvers let the list endpoint page a queryset of models directly.
    @staticmethod
    def resolve_category_label(obj):
        return obj["category_label"] if isinstance(obj, dict) else obj.get_category_display()

    @staticmethod
    def resolve_status_label(obj):
        return obj["status_label"] if isinstance(obj, dict) else obj.get_status_display()

    @staticmethod
    def resolve_deadline(obj):
        if isinstance(obj, dict):
            return obj["deadline"]
        d = current_deadline(obj)
        return {"kind": d.kind, "due": d.due, "colour": d.colour} if d else None


class EventOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str | None
    note: str
    at: datetime


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
    url: str


class RequestRatingOut(Schema):
    score: int
    comment: str
    created_at: datetime


class RequestDetailOut(RequestListOut):
    description: str
    contact_preference: str
    cooperating_units: list[OrgRef]
    accepted_at: datetime | None
    answered_at: datetime | None
    answer: str
    closed_at: datetime | None
    actions: list[str]
    timeline: list[EventOut]
    attachments: list[AttachmentOut]
    ratings: list[RequestRatingOut]


class RequestIn(Schema):
    organization_id: int | None = Field(
        None, description="The enterprise; optional if you belong to one only"
    )
    category: Category
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=20000)
    contact_preference: ContactPreference = ContactPreference.PHONE


class ActionIn(Schema):
    note: str = Field("", max_length=20000)
    version: int | None = Field(None, description="The version you saw; a stale one gets 409 Conflict")
    score: int | None = Field(None, description="1–5, required to close")
    responsible_unit_id: int | None = Field(None, description="Re-route: the new responsible unit")
    cooperating_unit_ids: list[int] = []
