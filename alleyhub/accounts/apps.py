from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alleyhub.accounts"
    label = "accounts"
