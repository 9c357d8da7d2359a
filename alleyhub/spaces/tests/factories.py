from decimal import Decimal

import factory

from alleyhub.directory.models import OrganizationKind
from alleyhub.listings.tests.factories import ListingFactory, OrganizationFactory
from alleyhub.spaces.models import Building, RenewalSite, SpaceKind, SpaceUnit


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    slug = factory.Sequence(lambda n: f"building-{n}")
    name_zh = factory.Sequence(lambda n: f"硅巷 NO.{n}")
    name_en = factory.Sequence(lambda n: f"Silicon Alley No.{n}")
    address = "长宁区愚园路 1 号"
    subdistrict = "华阳路街道"
    operator = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.INCUBATOR)
    facilities = factory.LazyFunction(lambda: ["会议室", "路演厅"])


class SpaceUnitFactory(ListingFactory):
    class Meta:
        model = SpaceUnit

    owner = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.INCUBATOR)
    building = factory.SubFactory(BuildingFactory)
    kind = SpaceKind.OFFICE
    title_zh = factory.Sequence(lambda n: f"独立办公室 {n}01")
    floor = "3"
    area_sqm = Decimal("120.00")
    rent_per_sqm_day = Decimal("4.50")
    capacity = 15


class RenewalSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenewalSite

    slug = factory.Sequence(lambda n: f"site-{n}")
    name_zh = factory.Sequence(lambda n: f"人民电器厂{n}")
    address = "长宁区武夷路"
    stage = RenewalSite.Stage.PLANNING
    site_area_sqm = Decimal("12000")
    start_year = 2025
    target_year = 2027
