from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "alleyhub.core"
    label = "core"
