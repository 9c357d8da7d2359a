from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "alleyhub.plans"
    label = "plans"
    verbose_name = _("行动方案与指标")

    def ready(self) -> None:
        # Notification codes are registered here so they render in the reader's language.
        from . import messages  # noqa: F401
