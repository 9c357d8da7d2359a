from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "alleyhub.catalogue"
    label = "catalogue"
