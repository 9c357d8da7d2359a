from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel


class ConsentKind(models.TextChoices):
    PRIVACY_NOTICE = "privacy_notice", _("隐私政策")
    TERMS = "terms", _("用户协议")
    CONTACT_SHARING = "contact_sharing", _("向匹配方提供联系方式")
    MATCHING_OPT_OUT = "matching_opt_out", _("不参与自动化匹配")


DOCUMENT_KINDS = (ConsentKind.PRIVACY_NOTICE, ConsentKind.TERMS)
"""Kinds every user must accept in their current version (`settings.PRIVACY["DOCUMENT_VERSIONS"]`)."""


class Consent(BaseModel):
    """One consent a user gave, and when they withdrew it. A new consent (or a new version of a
    document) is a new row, so the history of every consent and withdrawal stays readable.

    For documents, `version` is the document version accepted. An active `matching_opt_out` row is
    the user's refusal of automated matching (PIPL Art. 24); withdrawing it opts back in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("类型"), max_length=30, choices=ConsentKind.choices)
    version = models.CharField(_("版本"), max_length=30, blank=True)
    given_at = models.DateTimeField(_("同意时间"))
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)

    class Meta:
        verbose_name = _("同意记录")
        verbose_name_plural = _("同意记录")
        ordering = ["-given_at", "-pk"]
        constraints = [
            # At most one active (not withdrawn) consent of each kind per user.
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_active_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.version}"
