"""Factories for listings tests; the catalogue and spaces tests import from here too. They build
their own organisations and users so these tests do not depend on other apps' factories."""

from datetime import timedelta

import factory
from django.utils import timezone

from alleyhub.accounts.models import Membership, Role, User
from alleyhub.core.models import ListingStatus
from alleyhub.directory.models import Industry, Organization, OrganizationKind
from alleyhub.listings.models import CooperationMode, InvestorProfile, IPStatus, TechDemand, TechOutcome


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    role = Role.MEMBER
    password = factory.django.Password("pw-12345-secret")


class OperatorFactory(UserFactory):
    role = Role.OPERATOR


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"industry-{n}")
    name_zh = factory.Sequence(lambda n: f"产业{n}")
    name_en = factory.Sequence(lambda n: f"Industry {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.ENTERPRISE
    name_zh = factory.Sequence(lambda n: f"硅巷测试科技有限公司{n}")
    name_en = factory.Sequence(lambda n: f"Alley Test Tech {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)


class ListingFactory(factory.django.DjangoModelFactory):
    owner = factory.SubFactory(OrganizationFactory)
    status = ListingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    last_confirmed_at = factory.LazyFunction(timezone.now)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))


class TechOutcomeFactory(ListingFactory):
    class Meta:
        model = TechOutcome
        skip_postgeneration_save = True

    title_zh = factory.Sequence(lambda n: f"氮化镓功率器件外延工艺{n}")
    title_en = factory.Sequence(lambda n: f"GaN power device epitaxy {n}")
    summary_zh = "面向快充与车载电源的 650V 氮化镓外延片工艺，缺陷密度低。"
    summary_en = "A 650 V GaN-on-Si epitaxy process for fast chargers and on-board power."
    confidential_details = "工艺窗口：生长温度 1050℃，保密。"
    trl = 5
    ip_status = IPStatus.PATENT_GRANTED
    cooperation_modes = factory.LazyFunction(lambda: [CooperationMode.LICENCE.value])
    price_min = 500_000
    price_max = 2_000_000

    @factory.post_generation
    def industries(self, create, extracted, **kwargs):
        if create and extracted:
            self.industries.set(extracted)


class TechDemandFactory(ListingFactory):
    class Meta:
        model = TechDemand
        skip_postgeneration_save = True

    title_zh = factory.Sequence(lambda n: f"柔性电子封装散热方案{n}")
    title_en = factory.Sequence(lambda n: f"Thermal solution for flexible electronics {n}")
    description_zh = "需要一种可弯折的导热材料，导热系数不低于 5 W/mK。"
    confidential_details = "目标客户：某头部手机厂商。"
    budget_min = 300_000
    budget_max = 800_000
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    wanted_modes = factory.LazyFunction(lambda: [CooperationMode.JOINT_DEVELOPMENT.value])

    @factory.post_generation
    def industries(self, create, extracted, **kwargs):
        if create and extracted:
            self.industries.set(extracted)


class InvestorProfileFactory(ListingFactory):
    class Meta:
        model = InvestorProfile
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.INVESTOR)
    title_zh = factory.Sequence(lambda n: f"硬科技早期基金{n}")
    thesis_zh = "关注集成电路与新材料早期项目。"
    stages = factory.LazyFunction(lambda: ["seed", "startup"])
    ticket_min = 1_000_000
    ticket_max = 10_000_000

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)
