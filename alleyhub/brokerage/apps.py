from django.apps import AppConfig

from alleyhub.directory.hooks import person_contact_parties
from alleyhub.listings.hooks import confidential_access
from alleyhub.privacy.hooks import personal_data_exporters


class BrokerageConfig(AppConfig):
    name = "alleyhub.brokerage"
    label = "brokerage"

    def ready(self) -> None:
        # Imported here, not at the top: selectors import models, which Django only allows once
        # every app is loaded.
        from . import personal_data, selectors

        personal_data_exporters.register(personal_data.export, key="brokerage")

        # The parties of a case about a listing see its confidential part.
        confidential_access.register(selectors.user_is_party_to_listing_case)
        # A person's contact details are shown to those they share a case with.
        person_contact_parties.register(selectors.case_contact_parties, key="brokerage")
