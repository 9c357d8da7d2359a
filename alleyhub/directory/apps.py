from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "alleyhub.directory"
    label = "directory"
