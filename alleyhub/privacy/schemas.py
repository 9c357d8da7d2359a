from datetime import datetime
from typing import Any

from ninja import Field, Schema


class AuditFilters(Schema):
    actor: int | None = Field(None, ge=1, le=2**62, description="User id of whoever acted")
    target_type: str = Field("", description='Model label, e.g. "requests.enterpriserequest"')
    target_id: str = Field("", description="Object id (with target_type)")
    code: str = Field("", description='Action code, or its start ending in "." (e.g. "requests.")')


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor_id: int | None
    actor: str | None
    code: str
    target_type: str
    target_id: str
    data: dict[str, Any]
    ip_address: str | None

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return str(obj.actor) if obj.actor_id else None
