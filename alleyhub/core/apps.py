from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "alleyhub.core"
    label = "core"

    def ready(self) -> None:
        from . import page_cache

        page_cache.connect()
