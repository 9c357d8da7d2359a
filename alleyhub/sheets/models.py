from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel, VersionedModel
from alleyhub.core.uploads import random_upload_to


class ImportJob(VersionedModel, BaseModel):
    """One uploaded spreadsheet: who uploaded it and when, the dry run's report, and the result of
    its commit (kept with the file, and in the audit trail)."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("已上传")
        CHECKING = "checking", _("检查中")
        READY = "ready", _("待确认导入")
        INVALID = "invalid", _("有错误")
        COMMITTING = "committing", _("导入中")
        DONE = "done", _("已导入")
        FAILED = "failed", _("导入失败")

    file = models.FileField(_("文件"), upload_to=random_upload_to("sheets"))
    filename = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveBigIntegerField(_("大小"), default=0)
    kind = models.CharField(_("数据类型"), max_length=20, blank=True)
    # SET_NULL: erasing an account (privacy) must not be blocked by the imports it made.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.UPLOADED, db_index=True
    )
    rows_total = models.PositiveIntegerField(_("总行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已处理行数"), default=0)
    report = models.JSONField(_("检查结果"), default=dict, blank=True)
    result = models.JSONField(_("导入结果"), default=dict, blank=True)
    message = models.TextField(_("说明"), blank=True)
    committed_at = models.DateTimeField(_("导入时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.UPLOADED, self.Status.CHECKING, self.Status.COMMITTING)

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))
