from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "alleyhub.matching"
    label = "matching"
