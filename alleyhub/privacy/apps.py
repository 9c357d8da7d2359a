from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal-information rights (PIPL): the audit page, consent, automated-decision opt-out,
    data export and account deletion. Sits above directory and below the listing apps; apps above
    it register what they hold about a person in `privacy.hooks`."""

    name = "alleyhub.privacy"
    label = "privacy"

    def ready(self) -> None:
        # Imported here, not at the top: selectors import models, which Django only allows once
        # every app is loaded.
        from django.contrib.auth.signals import user_logged_in

        from alleyhub.accounts.hooks import AccountSection, account_sections, signup_consents
        from alleyhub.directory.hooks import person_contact_consent

        from . import middleware, personal_data, selectors, services, views

        user_logged_in.connect(middleware.flag_pending_documents, dispatch_uid="privacy.documents_pending")
        personal_data.register_own_exporters()
        signup_consents.register(services.documents_accept_at_signup, key="privacy")
        person_contact_consent.register(selectors.person_contact_consent, key="privacy")
        account_sections.register(
            AccountSection(
                key="privacy",
                order=10,
                template="privacy/account_section.html",
                context=views.account_section,
            ),
            key="privacy",
        )
