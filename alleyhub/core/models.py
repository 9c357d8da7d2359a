from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A row changed by more than one person: `version` goes up with every write, so a write based
    on an old version is refused instead of silently overwriting (see core.transitions)."""

    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True


class Language(models.TextChoices):
    ZH = "zh", _("中文")
    EN = "en", _("英文")


def current_language_code() -> str:
    """The two-letter code ('zh' or 'en') of the active UI language."""
    return "en" if (get_language() or "zh-hans").startswith("en") else "zh"


class BilingualMixin(models.Model):
    """Text written by users is stored in the language it was written in (`language`), in the
    field of that language (`title_zh` or `title_en`); the other language's field is optional.
    `localized("title")` picks the user's language when present, else the original."""

    language = models.CharField(_("原文语言"), max_length=2, choices=Language.choices, default=Language.ZH)

    class Meta:
        abstract = True

    def localized(self, field: str, lang: str | None = None) -> str:
        lang = lang or current_language_code()
        preferred = getattr(self, f"{field}_{lang}", "") or ""
        if preferred:
            return preferred
        return getattr(self, f"{field}_{self.language}", "") or getattr(
            self, f"{field}_{'en' if lang == 'zh' else 'zh'}", ""
        )


class AuditEntry(models.Model):
    """One row per change made through a service: who did what to which object, and when."""

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    code = models.CharField(_("动作"), max_length=100, db_index=True)
    target_type = models.CharField(_("对象类型"), max_length=100)
    target_id = models.CharField(_("对象编号"), max_length=64)
    data = models.JSONField(_("详情"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-at"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.code} {self.target_type}#{self.target_id}"


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    ARCHIVED = "archived", _("已归档")


FRESH_FOR = timedelta(days=180)
"""A listing confirmed or saved within this long is fresh: no stale badge, no reminder."""


def live_q(*, today=None, prefix: str = "") -> Q:
    """Listings the public sees: published and not expired (expiry is part of the query, so a
    listing leaves every public list, count and section the day after its `expires_on`, without
    waiting for a save). `prefix` for a related listing, e.g. "units__"."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}status": ListingStatus.PUBLISHED}) & (
        Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": today})
    )


def unconfirmed_q(*, now=None) -> Q:
    """Listings neither confirmed nor saved within FRESH_FOR (the database side of `is_stale`)."""
    cutoff = (now or timezone.now()) - FRESH_FOR
    return (Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=cutoff)) & Q(updated_at__lt=cutoff)


class PublishableListing(BilingualMixin, VersionedModel, BaseModel):
    """What every listing shares: an owner organisation, a status, and an expiry date with a
    'last confirmed' timestamp so stale entries can be found and re-confirmed."""

    owner = models.ForeignKey(
        "directory.Organization", verbose_name=_("所属机构"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    expires_on = models.DateField(_("有效期至"), null=True, blank=True, db_index=True)
    last_confirmed_at = models.DateTimeField(_("最近确认时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == ListingStatus.PUBLISHED

    @property
    def is_expired(self) -> bool:
        return bool(self.expires_on and self.expires_on < timezone.localdate())

    @property
    def is_live(self) -> bool:
        """Public: published and not expired (the row side of `live_q`)."""
        return self.is_public and not self.is_expired

    @property
    def freshness_baseline(self):
        """When someone last vouched for the listing: confirmed it, or saved it."""
        moments = [m for m in (self.last_confirmed_at, self.updated_at) if m is not None]
        return max(moments) if moments else None

    @property
    def is_stale(self) -> bool:
        """Neither confirmed nor saved within FRESH_FOR ("信息可能过时"). A new draft has no
        confirmation yet but was just saved, so it is fresh; expiry is `is_expired`, a badge
        of its own."""
        baseline = self.freshness_baseline
        return baseline is None or baseline < timezone.now() - FRESH_FOR

    @property
    def needs_attention(self) -> bool:
        """Expired or stale: what the stale-data lists show (`core.lists.stale_q`)."""
        return self.is_expired or self.is_stale
