from django.apps import AppConfig

from alleyhub.core.registry import list_exports


class SheetsConfig(AppConfig):
    name = "alleyhub.sheets"
    label = "sheets"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django only allows
        # once every app is loaded.
        from . import admin, exports

        list_exports.register(exports.export_links, key="sheets")
        admin.add_export_actions()
