from django.apps import AppConfig

from alleyhub.listings.hooks import confidential_access


class BrokerageConfig(AppConfig):
    name = "alleyhub.brokerage"
    label = "brokerage"

    def ready(self) -> None:
        # Imported here, not at the top: selectors import models, which Django only allows once
        # every app is loaded.
        from . import selectors

        # The parties of a case about a listing see its confidential part.
        confidential_access.register(selectors.user_is_party_to_listing_case)
