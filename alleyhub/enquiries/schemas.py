from datetime import datetime
from typing import Any

from ninja import Field, Schema


class EnquiryOrgRef(Schema):
    id: int
    name: str


class EnquiryMessageOut(Schema):
    side: str
    action: str
    author: str | None
    body: str
    at: datetime


class EnquiryListOut(Schema):
    id: int
    kind: str
    kind_label: str
    target_id: int
    target_title: str
    provider: EnquiryOrgRef
    status: str
    status_label: str
    created_at: datetime
    version: int

    # Resolvers let the list endpoint page a queryset of models directly (dicts pass through).
    @staticmethod
    def resolve_kind_label(obj):
        return obj["kind_label"] if isinstance(obj, dict) else obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj):
        return obj["status_label"] if isinstance(obj, dict) else obj.get_status_display()

    @staticmethod
    def resolve_target_id(obj):
        return obj["target_id"] if isinstance(obj, dict) else (obj.service_id or obj.space_unit_id)

    @staticmethod
    def resolve_target_title(obj):
        return obj["target_title"] if isinstance(obj, dict) else obj.target_title

    @staticmethod
    def resolve_provider(obj):
        return (
            obj["provider"] if isinstance(obj, dict) else {"id": obj.provider_id, "name": obj.provider.name}
        )


class EnquiryDetailOut(EnquiryListOut):
    message: str
    answers: list[dict[str, Any]]
    proposed_at: datetime | None
    party_size: int | None
    contact_name: str
    contact_email: str
    contact_phone: str
    contact_shared_at: datetime
    answered_at: datetime | None
    closed_at: datetime | None
    actions: list[str]
    thread: list[EnquiryMessageOut]


class ServiceEnquiryIn(Schema):
    consent: bool = Field(
        ..., description="true: you agree that your name, e-mail and phone go to the provider (recorded)"
    )
    message: str = Field("", max_length=4000)
    answers: dict[str, str] = Field(default_factory=dict, description="question key → answer")
    applicant_organization_id: int | None = None


class SpaceEnquiryIn(Schema):
    consent: bool = Field(
        ..., description="true: you agree that your name, e-mail and phone go to the operator (recorded)"
    )
    message: str = Field("", max_length=4000)
    proposed_at: datetime
    party_size: int = Field(..., ge=1, le=50)
    applicant_organization_id: int | None = None


class EnquiryActionIn(Schema):
    body: str = Field("", max_length=4000)
    version: int | None = Field(
        None, ge=1, description="The version you saw; a stale one is a 409 (or send If-Match)"
    )


class ServiceQuestionsIn(Schema):
    questions: list[dict[str, Any]]


class ServiceQuestionsOut(Schema):
    service_id: int
    questions: list[dict[str, Any]]
