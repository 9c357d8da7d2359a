from django.apps import AppConfig

from alleyhub.core.registry import api_token_authenticators


class AccountsConfig(AppConfig):
    name = "alleyhub.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Imported here, not at the top: services import models, which Django only allows once
        # every app is loaded.
        from . import services

        api_token_authenticators.register(services.token_authenticate)
