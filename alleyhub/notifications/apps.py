from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "alleyhub.notifications"
    label = "notifications"
