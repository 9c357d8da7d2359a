from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel
from alleyhub.core.uploads import RandomUploadTo


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


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("生成中")
    READY = "ready", _("可下载")
    DOWNLOADED = "downloaded", _("已下载")
    EXPIRED = "expired", _("已过期")
    FAILED = "failed", _("失败")


class DataExport(BaseModel):
    """A "download my data" request: built in a background task (`progress` in percent), then
    downloadable once by its user until `expires_at`; the file is removed after the download or
    the expiry (`exports_purge`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=ExportStatus.choices, default=ExportStatus.PENDING, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    file = models.FileField(_("文件"), upload_to=RandomUploadTo("exports"), blank=True, max_length=200)
    ready_at = models.DateTimeField(_("生成时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("下载截止"), null=True, blank=True)
    downloaded_at = models.DateTimeField(_("下载时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("数据导出")
        verbose_name_plural = _("数据导出")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {self.status} {self.created_at:%Y-%m-%d}"


class DeletionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("等待注销")
    CANCELLED = "cancelled", _("已撤销")
    DONE = "done", _("已注销")


class DeletionRequest(BaseModel):
    """A user's confirmed request to delete their account. It is carried out (`deletions_run_due`)
    once `due_at` is reached, unless the user cancels it first; the row outlives the account as the
    record that the erasure was asked for and done (`user` is then empty, `user_ref` keeps the id)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    user_ref = models.PositiveBigIntegerField(_("用户编号"))
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=DeletionStatus.choices,
        default=DeletionStatus.SCHEDULED,
        db_index=True,
    )
    due_at = models.DateTimeField(_("注销时间"), db_index=True)
    cancelled_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("注销申请")
        verbose_name_plural = _("注销申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="scheduled"), name="deletion_one_scheduled_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.user_ref} {self.status} {self.due_at:%Y-%m-%d}"
