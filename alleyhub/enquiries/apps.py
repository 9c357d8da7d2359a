from django.apps import AppConfig

from alleyhub.core.registry import HomeSection, register_home_section
from alleyhub.privacy.hooks import personal_data_exporters


class EnquiriesConfig(AppConfig):
    name = "alleyhub.enquiries"
    label = "enquiries"
    verbose_name = "申请与咨询"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django only allows
        # once every app is loaded.
        from . import personal_data
        from .messages import register_messages

        register_messages()
        personal_data_exporters.register(personal_data.export, key="enquiries")
        # The signed-in user's open enquiries (sent and received) on the home page; the template
        # reads them through a template tag, as the section's context has no user.
        register_home_section(
            HomeSection(key="enquiries.mine", slot="glance", order=5, template="enquiries/_home.html")
        )
