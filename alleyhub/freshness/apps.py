from django.apps import AppConfig


class FreshnessConfig(AppConfig):
    name = "alleyhub.freshness"
    label = "freshness"
    verbose_name = "信息时效"

    def ready(self) -> None:
        # Imported here, not at the top: notifications' registry is filled once apps are loaded.
        from .messages import register_messages

        register_messages()
