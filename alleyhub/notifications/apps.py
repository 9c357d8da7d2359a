from django.apps import AppConfig

from alleyhub.privacy.hooks import personal_data_erasers, personal_data_exporters


class NotificationsConfig(AppConfig):
    name = "alleyhub.notifications"
    label = "notifications"

    def ready(self) -> None:
        # Imported here, not at the top: the module imports models, which Django only allows
        # once every app is loaded.
        from alleyhub.accounts.hooks import AccountSection, account_sections

        from . import personal_data, views

        personal_data_exporters.register(personal_data.export, key="notifications")
        personal_data_erasers.register(personal_data.erase, key="notifications")
        account_sections.register(
            AccountSection(
                key="notifications",
                order=5,
                template="notifications/account_section.html",
                context=views.account_section,
            ),
            key="notifications",
        )
