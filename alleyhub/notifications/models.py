from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel

from .rendering import render_stored


class Notification(BaseModel):
    """One message to one user. Stores the message `code` and its `params`; the title and body
    are rendered when read, in the reader's language (`display_title`, `display_body`; see
    `notifications/rendering.py`). `title`/`body`/`language` keep the text as first rendered, in
    the recipient's language then: the fallback for rows without params (older rows the data
    migration could not parse) and for codes no longer registered.

    `dedup_key` is unique per recipient: a task that crashes and runs again creates nothing twice
    (see `notifications.services.notify`). Email delivery is tracked on the row itself
    (`email_state`), so a rerun sends nothing twice and a crashed send is retried."""

    class EmailState(models.TextChoices):
        NONE = "none", _("不发送")
        PENDING = "pending", _("待发送")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        DIGEST = "digest", _("待汇总")
        DIGESTED = "digested", _("已汇总发送")
        FAILED = "failed", _("发送失败")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    code = models.CharField(_("类型"), max_length=80, db_index=True)
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("内容"), blank=True)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    # JSON parameters of the message (rendering.params_encode); None: show the stored text.
    params = models.JSONField(_("参数"), null=True, blank=True)
    url = models.CharField(_("链接"), max_length=500, blank=True)
    target_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    target_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    dedup_key = models.CharField(_("去重键"), max_length=200)
    email_state = models.CharField(
        _("邮件状态"), max_length=10, choices=EmailState.choices, default=EmailState.NONE, db_index=True
    )
    email_claimed_at = models.DateTimeField(_("邮件领取时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("发送次数"), default=0)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"], name="notification_unique_recipient_key"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def rendered(self, language: str | None = None) -> tuple[str, str, str]:
        """(title, body, language they are in) for `language` (default: the active language)."""
        key = language or get_language() or ""
        cache = self.__dict__.setdefault("_rendered_cache", {})
        if key not in cache:
            cache[key] = render_stored(
                code=self.code,
                params=self.params,
                title=self.title,
                body=self.body,
                stored_language=self.language,
                language=language,
            )
        return cache[key]

    @property
    def display_title(self) -> str:
        return self.rendered()[0]

    @property
    def display_body(self) -> str:
        return self.rendered()[1]

    @property
    def display_language(self) -> str:
        return self.rendered()[2]


class NotificationPreference(BaseModel):
    """How a user wants to hear: every notification by email at once, one daily digest, or none."""

    class EmailMode(models.TextChoices):
        IMMEDIATE = "immediate", _("即时邮件")
        DAILY = "daily", _("每日汇总")
        OFF = "off", _("不发邮件")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_mode = models.CharField(
        _("邮件方式"), max_length=10, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )
    # Per category of event (notifications.categories): {"matches": "off", …}; a category not
    # listed follows `email_mode`.
    category_modes = models.JSONField(_("按类别的邮件方式"), default=dict, blank=True)
    last_digest_on = models.DateField(_("最近汇总日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知偏好")
        verbose_name_plural = _("通知偏好")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_email_mode_display()}"

    def mode_for(self, category: str) -> str:
        mode = (self.category_modes or {}).get(category)
        return mode if mode in self.EmailMode.values else self.email_mode
