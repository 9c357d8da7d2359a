"""One row per freshness reminder sent, so that each is sent once: 30 and 7 days before a listing's
`expires_on` (keyed by that date: a new expiry date gets its own reminders) and when it was
neither confirmed nor saved for 180 days (keyed by the date it last was)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    EXPIRES_30 = "expires_30", _("30 天后到期")
    EXPIRES_7 = "expires_7", _("7 天后到期")
    UNCONFIRMED = "unconfirmed", _("180 天未确认")


class ListingReminder(models.Model):
    kind = models.CharField(_("类型"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    reason = models.CharField(_("原因"), max_length=20, choices=Reason.choices)
    anchor = models.DateField(_("依据日期"), help_text=_("到期日，或最近确认/保存的日期"))
    recipients = models.PositiveIntegerField(_("收件人数"), default=0)
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("信息更新提醒")
        verbose_name_plural = _("信息更新提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "reason", "anchor"], name="listing_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.reason} {self.anchor}"
