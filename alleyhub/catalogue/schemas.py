from ninja import Field, Schema

from alleyhub.core.schemas import ID_MAX, ListingOut, Text
from alleyhub.directory.models import LifecycleStage

from .models import ServiceCategory


class ServiceOut(ListingOut):
    category: str
    description: str
    stages: list[str]
    is_free: bool


class ServiceDetailOut(ServiceOut):
    description_zh: str
    description_en: str
    eligibility_zh: str
    eligibility_en: str
    how_to_apply_zh: str
    how_to_apply_en: str
    fee_zh: str
    fee_en: str
    contact_name: str
    contact_phone: str
    contact_email: str


class ServiceFilters(Schema):
    q: Text | None = Field(None, max_length=100)
    category: ServiceCategory | None = None
    stage: LifecycleStage | None = None
    free: bool | None = None
    owner_id: int | None = Field(None, ge=1, le=ID_MAX)
