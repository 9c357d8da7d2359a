"""The home page is assembled from the sections apps register (`core.registry.home_sections`)."""

import pytest
from django.urls import reverse

from alleyhub.core.registry import HomeSection, home_sections

pytestmark = pytest.mark.django_db


def test_every_app_registers_its_home_sections():
    keys = {section.key for section in home_sections.providers()}
    assert {
        "directory.organizations",
        "directory.kinds",
        "directory.platforms",
        "listings.outcomes",
        "listings.demands",
        "listings.investors",
        "listings.latest_outcomes",
        "listings.latest_demands",
        "catalogue.services",
        "spaces.units",
        "spaces.buildings",
        "spaces.renewal_sites",
    } <= keys


def test_the_figures_keep_their_order(client):
    body = client.get(reverse("core:home")).content.decode()
    figures = ["organizations", "outcomes", "demands", "services", "spaces", "investors"]
    positions = [body.index(f'data-testid="count-{name}"') for name in figures]
    assert positions == sorted(positions)


def test_the_home_page_shows_each_registered_section_with_its_values(client):
    section = HomeSection(
        key="test.section",
        slot="figures",
        order=5,
        template="spaces/_home.html#figure",
        context=lambda: {"space_units": 4321, "space_area": 0},
    )
    with home_sections.replaced(section):
        response = client.get(reverse("core:home"))
    body = response.content.decode()
    assert response.context["overview"] == {"space_units": 4321, "space_area": 0}
    assert 'data-testid="count-spaces">4321<' in body
    assert 'data-testid="count-outcomes"' not in body  # only what is registered is shown


def test_the_home_page_still_renders_with_no_section_registered(client):
    with home_sections.replaced():
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert 'data-testid="home-stats"' in response.content.decode()
