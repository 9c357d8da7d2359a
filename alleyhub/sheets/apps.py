from django.apps import AppConfig

from alleyhub.core.registry import list_exports
from alleyhub.privacy.hooks import personal_data_exporters


class SheetsConfig(AppConfig):
    name = "alleyhub.sheets"
    label = "sheets"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django only allows
        # once every app is loaded.
        from . import admin, exports, personal_data

        list_exports.register(exports.export_links, key="sheets")
        personal_data_exporters.register(personal_data.export, key="sheets")
        admin.add_export_actions()
