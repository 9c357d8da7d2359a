"""A published listing of an organisation the operators have not approved is not public: not in
lists, the home figures, the organisation's sections, detail pages for outsiders or the matching
index (directory.ownership.public_listing_q). Approval publishes them at once; members and
operators see them all along."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from alleyhub.accounts.tests.factories import MembershipFactory, OperatorFactory, UserFactory
from alleyhub.catalogue import selectors as catalogue
from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.directory import selectors, services
from alleyhub.directory.models import Organization, OrganizationStatus
from alleyhub.directory.ownership import listing_get_for_user
from alleyhub.directory.tests.factories import OrganizationFactory
from alleyhub.listings import selectors as listings
from alleyhub.listings.models import TechOutcome
from alleyhub.listings.tests.factories import InvestorProfileFactory, TechDemandFactory, TechOutcomeFactory
from alleyhub.matching.models import IndexedDocument
from alleyhub.spaces import selectors as spaces
from alleyhub.spaces.tests.factories import BuildingFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(django_capture_on_commit_callbacks):
    org = OrganizationFactory(status=OrganizationStatus.PENDING, name_zh="待审核的碳化硅器件公司")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = TechOutcomeFactory(owner=org, title_zh="碳化硅功率模块封装工艺")
        demand = TechDemandFactory(owner=org)
        investor = InvestorProfileFactory(owner=org)
        service = ServiceOfferingFactory(owner=org)
        unit = SpaceUnitFactory(owner=org, building=BuildingFactory(operator=org))
    return org, {"outcome": outcome, "demand": demand, "investor": investor, "service": service, "unit": unit}


def _listed(user) -> dict[str, bool]:
    return {
        "outcome": listings.outcome_list_for_user(user=user).exists(),
        "demand": listings.demand_list_for_user(user=user).exists(),
        "service": catalogue.service_list_for_user(user=user).exists(),
        "unit": spaces.unit_list_for_user(user=user).exists(),
    }


def _indexed(items) -> bool:
    kinds = {
        "outcome": "outcome",
        "demand": "demand",
        "investor": "investor",
        "service": "service",
        "unit": "space",
    }
    return all(
        IndexedDocument.objects.filter(kind=kinds[key], object_id=obj.pk, is_active=True).exists()
        for key, obj in items.items()
    )


def test_listings_of_a_pending_organisation_are_not_public(pending):
    org, items = pending
    for user in (AnonymousUser(), UserFactory()):
        assert _listed(user) == dict.fromkeys(_listed(user), False)
        with pytest.raises(Http404):
            listing_get_for_user(TechOutcome, pk=items["outcome"].pk, user=user)
    assert listings.home_overview()["outcomes"] == 0
    assert catalogue.home_overview()["services"] == 0
    assert spaces.home_overview()["space_units"] == 0
    assert all(listing.total == 0 for listing in selectors.organization_listings(organization=org).values())
    assert not _indexed(items)
    assert not IndexedDocument.objects.filter(kind="organization", object_id=org.pk, is_active=True).exists()


def test_members_and_operators_still_see_them(pending):
    org, items = pending
    member = MembershipFactory(organization=org).user
    for user in (member, OperatorFactory()):
        assert all(_listed(user).values())
        assert listing_get_for_user(TechOutcome, pk=items["outcome"].pk, user=user) == items["outcome"]


def test_approval_publishes_them_and_a_rejection_hides_them_again(
    pending, django_capture_on_commit_callbacks
):
    org, items = pending
    operator = OperatorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        org = services.organization_review(organization=org, action="approve", actor=operator)
    assert all(_listed(AnonymousUser()).values())
    assert listings.home_overview()["outcomes"] == 1
    assert _indexed(items)
    Organization.objects.filter(pk=org.pk).update(status=OrganizationStatus.PENDING)
    org.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.organization_review(organization=org, action="reject", actor=operator, note="资料不全")
    assert not any(_listed(AnonymousUser()).values())
    assert not IndexedDocument.objects.filter(
        kind="outcome", object_id=items["outcome"].pk, is_active=True
    ).exists()


def test_a_pending_organisation_is_not_in_the_directory_for_outsiders(pending, client):
    org, _items = pending
    assert not selectors.organization_list(user=AnonymousUser()).filter(pk=org.pk).exists()
    assert client.get(reverse("directory:detail", kwargs={"slug": org.slug})).status_code == 404
    member = MembershipFactory(organization=org).user
    client.force_login(member)
    page = client.get(reverse("directory:detail", kwargs={"slug": org.slug}))
    assert page.status_code == 200
    assert "待审核" in page.content.decode()
