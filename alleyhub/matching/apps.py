from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from alleyhub.core.registry import site_search
from alleyhub.directory.hooks import organization_changed


class MatchingConfig(AppConfig):
    name = "alleyhub.matching"
    label = "matching"
    verbose_name = _("匹配")

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django only allows
        # once every app is loaded (the AppConfig module itself is imported before that).
        from alleyhub.directory.hooks import person_contact_parties
        from alleyhub.privacy.hooks import automated_decision_subjects, consent_changed, personal_data_erasers

        from . import contact_parties, privacy_hooks, selectors, signals

        signals.connect()
        organization_changed.register(signals.on_organization_changed, key="matching")
        site_search.register(selectors.search_object_ids)
        automated_decision_subjects.register(privacy_hooks.automated_subjects, key="matching")
        consent_changed.register(privacy_hooks.on_consent_changed, key="matching")
        personal_data_erasers.register(privacy_hooks.erase, key="matching")
        # A person's contact details are shown to the other side of their accepted matches.
        person_contact_parties.register(contact_parties.accepted_match_parties, key="matching")
