from django.apps import AppConfig

from alleyhub.privacy.hooks import personal_data_exporters


class RequestsConfig(AppConfig):
    name = "alleyhub.requests"
    label = "requests"

    def ready(self) -> None:
        # Imported here, not at the top: the module imports models, which Django only allows
        # once every app is loaded.
        from . import personal_data

        personal_data_exporters.register(personal_data.export, key="requests")
