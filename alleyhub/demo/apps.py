from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "alleyhub.demo"
    label = "demo"
