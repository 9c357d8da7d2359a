from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "alleyhub.events"
    label = "events"

    def ready(self) -> None:
        # Imported here: personal_data imports models, which Django only allows once every app is
        # loaded.
        from alleyhub.privacy.hooks import personal_data_erasers, personal_data_exporters

        from . import personal_data

        personal_data_exporters.register(personal_data.export, key="events")
        personal_data_erasers.register(personal_data.erase, key="events")
