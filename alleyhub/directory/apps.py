from django.apps import AppConfig

from alleyhub.core.registry import HomeSection, register_home_section

TEMPLATE = "directory/_home.html"


class DirectoryConfig(AppConfig):
    name = "alleyhub.directory"
    label = "directory"

    def ready(self) -> None:
        # Imported here, not at the top: selectors import models, which Django only allows once
        # every app is loaded.
        from alleyhub.accounts.hooks import AccountSection, account_sections

        from . import selectors

        register_home_section(
            HomeSection(
                key="directory.organizations",
                slot="figures",
                order=10,
                template=f"{TEMPLATE}#figure",
                context=selectors.home_overview,
            )
        )
        account_sections.register(
            AccountSection(
                key="directory",
                order=5,
                template="directory/_account_section.html",
                context=selectors.account_section,
            ),
            key="directory",
        )
        register_home_section(
            HomeSection(key="directory.kinds", slot="glance", order=10, template=f"{TEMPLATE}#kinds")
        )
        register_home_section(
            HomeSection(key="directory.platforms", slot="places", order=20, template=f"{TEMPLATE}#platforms")
        )
