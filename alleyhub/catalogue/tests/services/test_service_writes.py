"""service_create / service_update / status moves: who may write which service."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alleyhub.catalogue import services
from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.exceptions import ConflictError
from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.listings.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from ..factories import ServiceOfferingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["service_provider", "platform"])
def test_members_of_providers_and_platforms_create_draft_services(kind):
    org = OrganizationFactory(kind=kind)
    member = MembershipFactory(organization=org).user
    service = services.service_create(actor=member, owner=org, category="ip", title_zh="专利导航")
    assert service.status == ListingStatus.DRAFT
    assert service.created_by == member
    assert AuditEntry.objects.filter(
        code="catalogue.serviceoffering.created", target_id=str(service.pk)
    ).exists()


@pytest.mark.parametrize("kind", ["enterprise", "institute", "investor", "incubator"])
def test_members_of_other_kinds_may_not_create_services(kind):
    org = OrganizationFactory(kind=kind)
    member = MembershipFactory(organization=org).user
    with pytest.raises(PermissionDenied):
        services.service_create(actor=member, owner=org, category="ip", title_zh="专利导航")
    assert not ServiceOffering.objects.exists()


def test_operator_creates_for_any_organisation(operator):
    unit = OrganizationFactory(kind="government_unit")
    service = services.service_create(actor=operator, owner=unit, category="policy", title_zh="政策申报")
    assert service.owner == unit


def test_outsiders_and_other_members_may_not_create_or_edit(provider_org, provider_member, other_member):
    with pytest.raises(PermissionDenied):
        services.service_create(actor=UserFactory(), owner=provider_org, category="ip", title_zh="x")
    with pytest.raises(PermissionDenied):
        services.service_create(actor=other_member, owner=provider_org, category="ip", title_zh="x")
    service = ServiceOfferingFactory(owner=provider_org)
    with pytest.raises(PermissionDenied):
        services.service_update(service=service, actor=other_member, title_zh="改名")
    with pytest.raises(PermissionDenied):
        services.listing_archive(listing=service, actor=other_member)


def test_invalid_data_is_refused(provider_org, provider_member):
    with pytest.raises(ValidationError):
        services.service_create(actor=provider_member, owner=provider_org, category="nonsense", title_zh="x")
    with pytest.raises(ValidationError):
        services.service_create(actor=provider_member, owner=provider_org, category="ip")  # no title
    with pytest.raises(ValidationError):
        services.service_create(
            actor=provider_member, owner=provider_org, category="ip", title_zh="x", stages=["teen"]
        )


def test_update_with_a_stale_version_is_a_conflict(provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org)
    services.service_update(service=service, actor=provider_member, expected_version=1, title_zh="第一次")
    with pytest.raises(ConflictError):
        services.service_update(service=service, actor=provider_member, expected_version=1, title_zh="第二次")
    service.refresh_from_db()
    assert service.title_zh == "第一次" and service.version == 2


def test_member_publishes_and_archives_a_service(provider_org, provider_member):
    service = ServiceOfferingFactory(owner=provider_org, status=ListingStatus.DRAFT)
    service = services.listing_publish(listing=service, actor=provider_member, expected_version=1)
    assert service.status == ListingStatus.PUBLISHED and service.published_at
    service = services.listing_archive(listing=service, actor=provider_member, expected_version=2)
    assert service.status == ListingStatus.ARCHIVED
    codes = set(AuditEntry.objects.values_list("code", flat=True))
    assert {"catalogue.serviceoffering.publish", "catalogue.serviceoffering.archive"} <= codes
