from django.apps import AppConfig

from alleyhub.directory.hooks import DirectoryNotice, directory_notifier
from alleyhub.privacy.hooks import personal_data_erasers, personal_data_exporters


def directory_notice_send(notice: DirectoryNotice) -> None:
    """The directory's notifications (join requests, registrations, invitations) go through the
    one `notify()`."""
    from .services import notify

    notify(
        recipient=notice.recipient,
        code=notice.code,
        context=notice.context,
        target=notice.target,
        url=notice.url or None,
    )


class NotificationsConfig(AppConfig):
    name = "alleyhub.notifications"
    label = "notifications"

    def ready(self) -> None:
        # Imported here, not at the top: the module imports models, which Django only allows
        # once every app is loaded.
        from alleyhub.accounts.hooks import AccountSection, account_sections

        from . import personal_data, views

        directory_notifier.register(directory_notice_send, key="notifications")
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
