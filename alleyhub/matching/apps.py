from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "alleyhub.matching"
    label = "matching"
    verbose_name = _("匹配")

    def ready(self) -> None:
        from . import signals

        signals.connect()
