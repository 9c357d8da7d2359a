"""Factories for events tests (organisations, users and venues from the listings and spaces
factories)."""

from datetime import timedelta

import factory
from django.utils import timezone

from alleyhub.listings.tests.factories import (
    MembershipFactory,
    OperatorFactory,
    OrganizationFactory,
    UserFactory,
)
from alleyhub.spaces.models import SpaceKind
from alleyhub.spaces.tests.factories import SpaceUnitFactory

from ..models import Event, EventKind, EventSeries, EventStatus, Registration, RegistrationStatus

__all__ = [
    "EventFactory",
    "EventSeriesFactory",
    "MembershipFactory",
    "OperatorFactory",
    "OrganizationFactory",
    "RegistrationFactory",
    "UserFactory",
    "VenueFactory",
]


class VenueFactory(SpaceUnitFactory):
    kind = SpaceKind.EVENT_VENUE
    title_zh = factory.Sequence(lambda n: f"硅巷创客厅路演厅 {n}")
    capacity = 80


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    slug = factory.Sequence(lambda n: f"breakfast-{n}")
    kind = EventKind.BREAKFAST
    name_zh = factory.Sequence(lambda n: f"上海硅巷早餐会 {n}")
    name_en = factory.Sequence(lambda n: f"Silicon Alley Breakfast {n}")


class EventFactory(factory.django.DjangoModelFactory):
    """A published event a week from now at a free address; `organizers=[org, ...]` to set them
    (default: one new organisation)."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = EventKind.BREAKFAST
    title_zh = factory.Sequence(lambda n: f"上海硅巷早餐会 第 {n} 期")
    description_zh = "与街区企业、院所和投资人共进早餐。"
    address = "长宁区愚园路 1107 号 硅巷 NO.1"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    capacity = 30
    status = EventStatus.PUBLISHED

    @factory.post_generation
    def organizers(self, create, extracted, **kwargs):
        if not create:
            return
        self.organizers.set(extracted if extracted is not None else [OrganizationFactory()])


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"参会者{n}")
    email = factory.Sequence(lambda n: f"guest{n}@example.com")
    phone = factory.Sequence(lambda n: f"1380000{n:04d}")
    status = RegistrationStatus.CONFIRMED
