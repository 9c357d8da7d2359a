from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "alleyhub.requests"
    label = "requests"
