"""Who may write units (building operators' members), buildings and renewal sites (operators)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alleyhub.core.exceptions import ConflictError
from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.listings.tests.factories import MembershipFactory, OrganizationFactory
from alleyhub.spaces import services
from alleyhub.spaces.models import Building, RenewalSite, SpaceUnit

from ..factories import BuildingFactory, RenewalSiteFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db

UNIT = {
    "kind": "office",
    "title_zh": "3 楼独立办公室",
    "area_sqm": Decimal("80"),
    "rent_per_sqm_day": Decimal("5"),
}


def test_building_operator_member_creates_and_edits_a_unit(space_operator, building, space_member):
    unit = services.unit_create(actor=space_member, owner=space_operator, building=building, **UNIT)
    assert unit.status == ListingStatus.DRAFT
    services.unit_update(unit=unit, actor=space_member, expected_version=1, capacity=12)
    with pytest.raises(ConflictError):
        services.unit_update(unit=unit, actor=space_member, expected_version=1, capacity=13)
    unit = services.listing_publish(listing=unit, actor=space_member)
    assert unit.status == ListingStatus.PUBLISHED
    assert AuditEntry.objects.filter(code="spaces.spaceunit.created").exists()


def test_units_only_in_buildings_the_owner_operates(space_operator, space_member):
    elsewhere = BuildingFactory()
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=space_member, owner=space_operator, building=elsewhere, **UNIT)
    own = BuildingFactory(operator=space_operator)
    unit = services.unit_create(actor=space_member, owner=space_operator, building=own, **UNIT)
    with pytest.raises(PermissionDenied):
        services.unit_update(unit=unit, actor=space_member, building=elsewhere)
    assert SpaceUnit.objects.get().building == own


def test_others_may_not_write_units(building, space_operator, other_member):
    with pytest.raises(PermissionDenied):
        services.unit_create(actor=other_member, owner=space_operator, building=building, **UNIT)
    unit = SpaceUnitFactory(owner=space_operator, building=building)
    with pytest.raises(PermissionDenied):
        services.unit_update(unit=unit, actor=other_member, capacity=1)
    with pytest.raises(PermissionDenied):
        services.listing_archive(listing=unit, actor=other_member)


def test_availability_out_of_order_is_refused(space_operator, building, space_member):
    unit = SpaceUnitFactory(owner=space_operator, building=building)
    from datetime import date

    with pytest.raises(ValidationError):
        services.unit_update(
            unit=unit, actor=space_member, available_from=date(2027, 5, 1), available_until=date(2027, 1, 1)
        )


def test_operator_places_units_anywhere(operator):
    owner = OrganizationFactory(kind="incubator")
    unit = services.unit_create(actor=operator, owner=owner, building=BuildingFactory(), **UNIT)
    assert unit.owner == owner


def test_buildings_by_operators_and_their_operator_admins(operator, building, space_admin, space_member):
    created = services.building_create(
        actor=operator, slug="wuyi-quadrant", name_zh="武夷新象限", address="武夷路"
    )
    assert created.version == 1
    with pytest.raises(PermissionDenied):
        services.building_create(actor=space_admin, slug="x", name_zh="x", address="x")
    services.building_update(building=building, actor=space_admin, expected_version=1, address="愚园路 1 号")
    with pytest.raises(PermissionDenied):
        services.building_update(building=building, actor=space_member, address="x")
    with pytest.raises(PermissionDenied):
        services.building_update(building=building, actor=space_admin, operator=OrganizationFactory())
    with pytest.raises(ConflictError):
        services.building_update(
            building=building, actor=operator, expected_version=1, subdistrict="江苏路街道"
        )
    assert Building.objects.get(pk=building.pk).address == "愚园路 1 号"


def test_renewal_sites_and_stages_by_operators_only(operator, space_admin):
    site = RenewalSiteFactory(stage=RenewalSite.Stage.PLANNING)
    with pytest.raises(PermissionDenied):
        services.renewal_site_update(site=site, actor=space_admin, stage=RenewalSite.Stage.CONSTRUCTION)
    with pytest.raises(PermissionDenied):
        services.renewal_site_create(actor=MembershipFactory().user, slug="x", name_zh="x")
    services.renewal_site_update(
        site=site, actor=operator, expected_version=1, stage=RenewalSite.Stage.CONSTRUCTION
    )
    entry = AuditEntry.objects.get(code="spaces.renewalsite.updated")
    assert entry.data["fields"] == ["stage"] and entry.data["before"] == {"stage": "planning"}
    with pytest.raises(ValidationError):
        services.renewal_site_update(site=site, actor=operator, start_year=2027, target_year=2025)
    with pytest.raises(ValidationError):
        services.renewal_site_create(actor=operator, slug="new-site", name_zh="新联纺", stage="demolished")
