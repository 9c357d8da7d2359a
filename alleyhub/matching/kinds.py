"""The kinds of documents the matching engine indexes and matches (a model-free module, so that
both the models and the model-to-document mapping can use it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentKind(models.TextChoices):
    OUTCOME = "outcome", pgettext_lazy("kind", "科技成果")
    DEMAND = "demand", pgettext_lazy("kind", "技术需求")
    EXPERT = "expert", _("专家")
    INVESTOR = "investor", pgettext_lazy("kind", "投资人画像")
    SERVICE = "service", pgettext_lazy("kind", "服务事项")
    SPACE = "space", pgettext_lazy("kind", "空间单元")
    ORGANIZATION = "organization", _("机构")
    # Sources only, never indexed (an enterprise request is private to its organisation).
    REQUEST = "request", _("空间诉求")
