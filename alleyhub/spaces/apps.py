from django.apps import AppConfig

from alleyhub.core.registry import HomeSection, register_home_section
from alleyhub.directory.hooks import (
    ListingKind,
    OrganizationSection,
    register_listing_kind,
    register_organization_section,
)
from alleyhub.privacy.hooks import personal_data_exporters

HOME = "spaces/_home.html"


class SpacesConfig(AppConfig):
    name = "alleyhub.spaces"
    label = "spaces"

    def ready(self) -> None:
        # Imported here, not at the top: selectors import models, which Django only allows once
        # every app is loaded.
        from . import personal_data, selectors
        from .models import SpaceUnit

        personal_data_exporters.register(personal_data.export, key="spaces")
        register_listing_kind(
            ListingKind(
                slug="unit",
                model=SpaceUnit,
                get_for_user=selectors.unit_get_for_user,
                detail_url="spaces:unit_detail",
            )
        )

        register_home_section(
            HomeSection(
                key="spaces.units",
                slot="figures",
                order=50,
                template=f"{HOME}#figure",
                context=selectors.home_overview,
            )
        )
        register_home_section(
            HomeSection(key="spaces.buildings", slot="places", order=10, template=f"{HOME}#buildings")
        )
        register_home_section(
            HomeSection(key="spaces.renewal_sites", slot="places", order=30, template=f"{HOME}#renewal_sites")
        )
        register_organization_section(
            OrganizationSection(
                key="spaces",
                order=50,
                template="spaces/_organization.html#spaces",
                published=selectors.organization_spaces,
            )
        )
