"""Spaces: buildings with units, unit filters, unit detail, renewal pipeline; API and admin;
database constraints on areas, rents and date order."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from alleyhub.listings.tests.factories import OrganizationFactory
from alleyhub.spaces.models import RenewalSite, SpaceUnit
from alleyhub.spaces.tests.factories import BuildingFactory, RenewalSiteFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "update",
    [
        {"area_sqm": Decimal("0")},
        {"area_sqm": Decimal("-5")},
        {"rent_per_sqm_day": Decimal("-1")},
        {"available_from": timezone.localdate(), "available_until": timezone.localdate() - timedelta(days=1)},
    ],
)
def test_database_refuses_bad_area_rent_and_dates(update):
    unit = SpaceUnitFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SpaceUnit.objects.filter(pk=unit.pk).update(**update)


def test_database_refuses_renewal_years_out_of_order():
    site = RenewalSiteFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RenewalSite.objects.filter(pk=site.pk).update(start_year=2027, target_year=2025)


def test_monthly_rent_is_area_times_daily_rent():
    unit = SpaceUnitFactory(area_sqm=Decimal("100"), rent_per_sqm_day=Decimal("5"))
    assert unit.monthly_rent == round(100 * 5 * 365 / 12)


@pytest.mark.parametrize("facilities", [{"wifi": True}, ["", "会议室"], [1, 2], ["x" * 51]])
def test_facilities_must_be_a_short_list_of_labels(facilities):
    unit = SpaceUnitFactory.build(
        building=BuildingFactory(), owner=OrganizationFactory(), facilities=facilities
    )
    with pytest.raises(ValidationError) as exc:
        unit.full_clean()
    assert "facilities" in exc.value.message_dict


@pytest.mark.parametrize("field", ["site_area_sqm", "floor_area_sqm"])
def test_database_refuses_non_positive_renewal_areas(field):
    site = RenewalSiteFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RenewalSite.objects.filter(pk=site.pk).update(**{field: Decimal("0")})
