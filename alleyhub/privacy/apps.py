from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal-information rights (PIPL): the audit page, consent, automated-decision opt-out,
    data export and account deletion. Sits above directory and below the listing apps; apps above
    it register what they hold about a person in `privacy.hooks`."""

    name = "alleyhub.privacy"
    label = "privacy"
