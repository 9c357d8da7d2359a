"""The organisation page lists what the organisation owns through the sections apps register
(`directory.hooks.organization_sections`)."""

import pytest
from django.urls import reverse

from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.directory.hooks import OrganizationSection, organization_sections
from alleyhub.directory.selectors import organization_listings
from alleyhub.directory.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_listings_catalogue_and_spaces_register_their_sections_in_page_order():
    keys = [section.key for section in organization_sections.providers()]
    assert keys == ["outcomes", "demands", "investor_profiles", "services", "spaces"]


def test_each_section_carries_the_first_items_and_the_total():
    org = OrganizationFactory()
    ServiceOfferingFactory.create_batch(3, owner=org, status="published")
    ServiceOfferingFactory(owner=org, status="draft")
    services = organization_listings(organization=org, limit=2)["services"]
    assert services.total == 3 and len(services.items) == 2
    assert services.template == "catalogue/_organization.html#services"


def test_the_page_shows_only_registered_sections(client):
    org = OrganizationFactory()
    ServiceOfferingFactory(owner=org, status="published", title_zh="知识产权托管服务")
    url = reverse("directory:detail", args=[org.slug])
    assert 'data-testid="org-services"' in client.get(url).content.decode()
    only_spaces = next(s for s in organization_sections.providers() if s.key == "spaces")
    with organization_sections.replaced(only_spaces):
        body = client.get(url).content.decode()
    assert 'data-testid="org-services"' not in body and "知识产权托管服务" not in body


def test_a_section_without_items_is_not_shown(client):
    org = OrganizationFactory()
    empty = OrganizationSection(
        key="services",
        order=1,
        template="catalogue/_organization.html#services",
        published=lambda organization: organization.services.none(),
    )
    with organization_sections.replaced(empty):
        body = client.get(reverse("directory:detail", args=[org.slug])).content.decode()
    assert 'data-testid="org-services"' not in body
