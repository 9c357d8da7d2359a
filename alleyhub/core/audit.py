from django.db import models

from .models import AuditEntry


def audit_record(
    *, actor, target: models.Model, code: str, data: dict | None = None, ip: str | None = None
) -> AuditEntry:
    """Record a change; call inside the same transaction as the change itself."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        code=code,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data or {},
        ip_address=ip,
    )
