from django.apps import AppConfig

from alleyhub.core.registry import HomeSection, register_home_section
from alleyhub.directory.hooks import (
    ListingKind,
    OrganizationSection,
    register_listing_kind,
    register_organization_section,
)
from alleyhub.privacy.hooks import personal_data_exporters


class CatalogueConfig(AppConfig):
    name = "alleyhub.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        # Imported here, not at the top: selectors import models, which Django only allows once
        # every app is loaded.
        from . import personal_data, selectors
        from .models import ServiceOffering

        personal_data_exporters.register(personal_data.export, key="catalogue")
        register_listing_kind(
            ListingKind(
                slug="service",
                model=ServiceOffering,
                get_for_user=selectors.service_get_for_user,
                detail_url="catalogue:detail",
            )
        )

        register_home_section(
            HomeSection(
                key="catalogue.services",
                slot="figures",
                order=40,
                template="catalogue/_home.html#figure",
                context=selectors.home_overview,
            )
        )
        register_organization_section(
            OrganizationSection(
                key="services",
                order=40,
                template="catalogue/_organization.html#services",
                published=selectors.organization_services,
            )
        )
