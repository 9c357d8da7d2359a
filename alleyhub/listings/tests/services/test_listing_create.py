"""outcome_create / demand_create: rights, validation, one transaction."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alleyhub.core.models import AuditEntry
from alleyhub.listings import services
from alleyhub.listings.models import TechOutcome

pytestmark = pytest.mark.django_db


def test_services_refuse_outsiders_and_invalid_data(outsider, member, owner_org):
    with pytest.raises(PermissionDenied):
        services.outcome_create(actor=outsider, owner=owner_org, title_zh="x", trl=3)
    with pytest.raises(ValidationError):
        services.outcome_create(actor=member, owner=owner_org, title_zh="x", trl=12)
    assert not TechOutcome.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_create_is_atomic_when_m2m_fails(member, owner_org):
    # An industry id that does not exist fails in the M2M step, after the row was inserted.
    with pytest.raises(Exception):  # noqa: B017 - the database error type depends on the backend
        services.outcome_create(actor=member, owner=owner_org, title_zh="原子性", trl=3, industries=[987654])
    assert not TechOutcome.objects.filter(title_zh="原子性").exists()
    assert not AuditEntry.objects.exists()
