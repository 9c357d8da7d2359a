from django.apps import AppConfig

from alleyhub.core.registry import HomeSection, register_home_section


class EventsConfig(AppConfig):
    name = "alleyhub.events"
    label = "events"

    def ready(self) -> None:
        # Imported here: personal_data imports models, which Django only allows once every app is
        # loaded.
        from alleyhub.privacy.hooks import personal_data_erasers, personal_data_exporters

        from . import messages, personal_data, selectors

        messages.register_all()

        personal_data_exporters.register(personal_data.export, key="events")
        personal_data_erasers.register(personal_data.erase, key="events")
        register_home_section(
            HomeSection(
                key="events.upcoming",
                slot="places",
                order=5,
                template="events/_home.html#upcoming",
                context=selectors.home_overview,
            )
        )
