from django.apps import AppConfig


class SheetsConfig(AppConfig):
    name = "alleyhub.sheets"
    label = "sheets"

    def ready(self) -> None:
        # Imported here, not at the top: the exports module imports models.
        from alleyhub.core.registry import list_exports

        from . import admin, exports

        list_exports.register(exports.export_links, key="sheets")
        admin.add_export_actions()
