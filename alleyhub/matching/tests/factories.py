"""Factories for matching tests: listings of every kind with texts that match one another, and
users with the roles that may act on matches. Built on the other apps' factories."""

from datetime import timedelta

import factory
from django.utils import timezone

from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory  # noqa: F401
from alleyhub.catalogue.models import ServiceCategory, ServiceOffering
from alleyhub.core.models import ListingStatus
from alleyhub.directory.tests import factories as directory_factories
from alleyhub.directory.tests.factories import IndustryFactory, PersonFactory  # noqa: F401
from alleyhub.listings.tests import factories as listings_factories
from alleyhub.spaces.models import Building, SpaceKind, SpaceUnit


class OrganizationFactory(directory_factories.OrganizationFactory):
    slug = factory.Sequence(lambda n: f"matching-org-{n}")
    credit_code = ""


class TechOutcomeFactory(listings_factories.TechOutcomeFactory):
    owner = factory.SubFactory(OrganizationFactory, kind="institute")


class TechDemandFactory(listings_factories.TechDemandFactory):
    owner = factory.SubFactory(OrganizationFactory)


class InvestorProfileFactory(listings_factories.InvestorProfileFactory):
    owner = factory.SubFactory(OrganizationFactory, kind="investor")


class BrokerFactory(UserFactory):
    role = Role.BROKER


class OperatorFactory(UserFactory):
    role = Role.OPERATOR


class PublicUserFactory(UserFactory):
    role = Role.PUBLIC


class ServiceOfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOffering

    owner = factory.SubFactory(OrganizationFactory, kind="service_provider")
    category = ServiceCategory.IP
    title_zh = factory.Sequence(lambda n: f"专利申请代理{n}")
    title_en = factory.Sequence(lambda n: f"Patent filing agency {n}")
    description_zh = "为初创企业提供专利检索、申请与布局服务。"
    stages = factory.LazyFunction(lambda: ["seed", "startup"])
    contact_phone = "021-60000000"
    status = ListingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    slug = factory.Sequence(lambda n: f"building-{n}")
    name_zh = factory.Sequence(lambda n: f"硅巷NO.{n}")
    name_en = factory.Sequence(lambda n: f"Silicon Alley No.{n}")
    address = "上海市长宁区愚园路1258号"
    subdistrict = "华阳路街道"


class SpaceUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpaceUnit

    owner = factory.SubFactory(OrganizationFactory, kind="incubator")
    building = factory.SubFactory(BuildingFactory)
    kind = SpaceKind.OFFICE
    title_zh = factory.Sequence(lambda n: f"三楼办公室{n}")
    title_en = factory.Sequence(lambda n: f"Third-floor office {n}")
    description_zh = "朝南，带会议室。"
    floor = "3F"
    area_sqm = 200
    rent_per_sqm_day = "5.50"
    available_from = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    status = ListingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
