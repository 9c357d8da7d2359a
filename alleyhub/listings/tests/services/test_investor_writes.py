"""investor_create / investor_update: investors' members and operators only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alleyhub.core.exceptions import ConflictError
from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.listings import services
from alleyhub.listings.models import InvestorProfile

from ..factories import IndustryFactory, InvestorProfileFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def investor_org(db):
    return OrganizationFactory(name_zh="长宁区产业引导基金", kind="investor")


@pytest.fixture
def investor_member(investor_org):
    return MembershipFactory(organization=investor_org).user


def test_investor_member_creates_and_edits_a_profile(investor_org, investor_member):
    sector = IndustryFactory()
    profile = services.investor_create(
        actor=investor_member, owner=investor_org, title_zh="早期硬科技", stages=["seed"], sectors=[sector]
    )
    assert profile.status == ListingStatus.DRAFT and list(profile.sectors.all()) == [sector]
    services.investor_update(
        investor=profile, actor=investor_member, expected_version=1, ticket_max=5_000_000
    )
    with pytest.raises(ConflictError):
        services.investor_update(investor=profile, actor=investor_member, expected_version=1, ticket_min=1)
    assert AuditEntry.objects.filter(code="listings.investorprofile.updated").count() == 1


def test_members_of_other_kinds_and_outsiders_may_not(member, owner_org, other_member, investor_org):
    # `member` belongs to an institute.
    with pytest.raises(PermissionDenied):
        services.investor_create(actor=member, owner=owner_org, title_zh="x")
    with pytest.raises(PermissionDenied):
        services.investor_create(actor=other_member, owner=investor_org, title_zh="x")
    profile = InvestorProfileFactory(owner=investor_org)
    with pytest.raises(PermissionDenied):
        services.investor_update(investor=profile, actor=other_member, title_zh="y")
    assert InvestorProfile.objects.count() == 1


def test_operator_creates_for_any_investor_and_bad_ranges_are_refused(operator, investor_org):
    with pytest.raises(ValidationError):
        services.investor_create(actor=operator, owner=investor_org, ticket_min=10, ticket_max=1)
    profile = services.investor_create(actor=operator, owner=investor_org, title_zh="运营方代录")
    assert profile.created_by == operator
