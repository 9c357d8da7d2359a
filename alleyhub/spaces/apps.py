from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "alleyhub.spaces"
    label = "spaces"
