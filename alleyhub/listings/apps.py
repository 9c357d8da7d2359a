from django.apps import AppConfig

from alleyhub.core.registry import HomeSection, register_home_section
from alleyhub.directory.hooks import (
    ListingKind,
    OrganizationSection,
    confidential_viewers,
    register_listing_kind,
    register_organization_section,
)
from alleyhub.privacy.hooks import personal_data_exporters

HOME = "listings/_home.html"
ORGANIZATION = "listings/_organization.html"


class ListingsConfig(AppConfig):
    name = "alleyhub.listings"
    label = "listings"

    def ready(self) -> None:
        # Imported here, not at the top: selectors import models, which Django only allows once
        # every app is loaded.
        from . import personal_data, selectors
        from .models import InvestorProfile, TechDemand, TechOutcome

        personal_data_exporters.register(personal_data.export, key="listings")
        # Attachments marked confidential follow the listing's confidential part (brokerage's
        # grantors included), so the directory's download check asks listings' rule.
        confidential_viewers.register(selectors.granted_confidential, key="listings")
        for slug, model, getter, detail_url in [
            ("outcome", TechOutcome, selectors.outcome_get_for_user, "listings:outcome_detail"),
            ("demand", TechDemand, selectors.demand_get_for_user, "listings:demand_detail"),
            ("investor", InvestorProfile, selectors.investor_get_for_user, "listings:investor_detail"),
        ]:
            register_listing_kind(
                ListingKind(slug=slug, model=model, get_for_user=getter, detail_url=detail_url)
            )

        for key, slot, order, partial, context in [
            ("listings.outcomes", "figures", 20, "outcomes_figure", selectors.home_overview),
            ("listings.demands", "figures", 30, "demands_figure", None),
            ("listings.investors", "figures", 60, "investors_figure", None),
            ("listings.latest_outcomes", "latest", 10, "latest_outcomes", None),
            ("listings.latest_demands", "latest", 20, "latest_demands", None),
        ]:
            register_home_section(
                HomeSection(key=key, slot=slot, order=order, template=f"{HOME}#{partial}", context=context)
            )
        for key, order, published in [
            ("outcomes", 10, selectors.organization_outcomes),
            ("demands", 20, selectors.organization_demands),
            ("investor_profiles", 30, selectors.organization_investor_profiles),
        ]:
            register_organization_section(
                OrganizationSection(
                    key=key, order=order, template=f"{ORGANIZATION}#{key}", published=published
                )
            )
