from django.apps import AppConfig


class BrokerageConfig(AppConfig):
    name = "alleyhub.brokerage"
    label = "brokerage"
