from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "alleyhub.listings"
    label = "listings"
