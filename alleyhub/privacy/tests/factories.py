"""Factories for the privacy app's tests."""

import factory
from factory.django import DjangoModelFactory

from alleyhub.core.models import AuditEntry


class AuditEntryFactory(DjangoModelFactory):
    class Meta:
        model = AuditEntry

    code = factory.Sequence(lambda n: f"requests.request.action{n % 3}")
    target_type = "requests.enterpriserequest"
    target_id = factory.Sequence(lambda n: str(n % 5 + 1))
    data = factory.LazyFunction(dict)
    ip_address = "203.0.113.7"
