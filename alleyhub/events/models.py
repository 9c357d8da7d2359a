"""Events of the district: series (the monthly 上海硅巷早餐会), single events with their agenda and
speakers, registrations with a waiting list, tickets and check-in, personal calendar feeds."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel, BilingualMixin, VersionedModel
from alleyhub.core.uploads import RandomUploadTo
from alleyhub.directory.models import Industry, Organization, Person
from alleyhub.spaces.models import SpaceUnit


def new_secret() -> str:
    """An unguessable token (192 bits) for tickets and calendar feeds."""
    return secrets.token_urlsafe(24)


class EventKind(models.TextChoices):
    BREAKFAST = "breakfast", _("早餐会")
    VC_SALON = "vc_salon", _("创投沙龙")
    VC_TEA = "vc_tea", _("创投下午茶")
    THEMED_SALON = "themed_salon", _("主题沙龙")
    TALK = "talk", _("创新说")
    ASSOCIATION = "association", _("科字号社团活动")
    TECH_FESTIVAL = "tech_festival", _("科技节")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    CANCELLED = "cancelled", _("已取消")
    FINISHED = "finished", _("已结束")


class ApprovalMode(models.TextChoices):
    AUTO = "auto", _("自动通过")
    MANUAL = "manual", _("主办方审核")


def validate_tags(value):
    if (
        not isinstance(value, list)
        or len(value) > 20
        or any(not isinstance(v, str) or not v.strip() or len(v) > 30 for v in value)
    ):
        raise ValidationError(_("标签须为不超过 20 个的文字列表，每个不超过 30 字。"), code="invalid_tags")


class EventSeries(BilingualMixin, BaseModel):
    """Events that recur under one name, e.g. the monthly 上海硅巷早餐会."""

    slug = models.SlugField(_("标识"), max_length=80, unique=True)
    kind = models.CharField(_("活动类型"), max_length=20, choices=EventKind.choices)
    name_zh = models.CharField(_("中文名称"), max_length=200, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    description_zh = models.TextField(_("中文简介"), blank=True)
    description_en = models.TextField(_("英文简介"), blank=True)
    organizers = models.ManyToManyField(
        Organization, verbose_name=_("主办机构"), blank=True, related_name="event_series"
    )

    class Meta:
        verbose_name = _("活动系列")
        verbose_name_plural = _("活动系列")
        ordering = ["name_zh", "name_en"]
        constraints = [
            models.CheckConstraint(condition=~Q(name_zh="", name_en=""), name="event_series_has_a_name")
        ]

    def __str__(self) -> str:
        return self.localized("name")

    @property
    def name(self) -> str:
        return self.localized("name")


class Event(BilingualMixin, VersionedModel, BaseModel):
    """One event. The venue is a space unit of kind "event venue" or a free address; `capacity`
    (None: unlimited) is what registration fills before the waiting list starts."""

    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("所属系列"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    kind = models.CharField(_("活动类型"), max_length=20, choices=EventKind.choices, db_index=True)
    title_zh = models.CharField(_("中文标题"), max_length=200, blank=True)
    title_en = models.CharField(_("英文标题"), max_length=200, blank=True)
    description_zh = models.TextField(_("中文介绍"), blank=True)
    description_en = models.TextField(_("英文介绍"), blank=True)
    organizers = models.ManyToManyField(Organization, verbose_name=_("主办机构"), related_name="events")
    venue = models.ForeignKey(
        SpaceUnit,
        verbose_name=_("场地"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        limit_choices_to={"kind": "event_venue"},
    )
    address = models.CharField(_("地址"), max_length=200, blank=True, help_text=_("未选择场地时填写"))
    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("结束时间"))
    capacity = models.PositiveIntegerField(
        _("名额"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    approval_mode = models.CharField(
        _("报名审核"), max_length=10, choices=ApprovalMode.choices, default=ApprovalMode.AUTO
    )
    registration_deadline = models.DateTimeField(_("报名截止"), null=True, blank=True)
    offer_hours = models.PositiveSmallIntegerField(
        _("候补确认时限（小时）"), default=24, validators=[MinValueValidator(1), MaxValueValidator(168)]
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    poster = models.FileField(_("海报"), upload_to=RandomUploadTo("events/posters"), blank=True)
    speakers = models.ManyToManyField(Person, verbose_name=_("嘉宾"), blank=True, related_name="events")
    industries = models.ManyToManyField(
        Industry, verbose_name=_("产业领域"), blank=True, related_name="events"
    )
    tags = models.JSONField(_("标签"), default=list, blank=True, validators=[validate_tags])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title_zh="", title_en=""), name="event_has_a_title"),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def description(self) -> str:
        return self.localized("description")

    @property
    def place(self) -> str:
        """Where it happens, in words: the venue and its building's address, else the address."""
        venue = self.venue
        if venue is not None:
            return f"{venue.building} · {venue.title} ({venue.building.address})"
        return self.address

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("结束时间不能早于开始时间。")
        if self.venue is not None and self.venue.kind != "event_venue":
            errors["venue"] = _("请选择“活动场地”类型的空间。")
        if not self.venue_id and not (self.address or "").strip():
            errors["address"] = _("请选择场地或填写地址。")
        if self.registration_deadline and self.ends_at and self.registration_deadline > self.ends_at:
            errors["registration_deadline"] = _("报名截止不能晚于活动结束。")
        if errors:
            raise ValidationError(errors)


class Session(BaseModel):
    """One item of an event's agenda."""

    event = models.ForeignKey(
        Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    title = models.CharField(_("议程"), max_length=200)
    speaker = models.ForeignKey(
        Person, verbose_name=_("嘉宾"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("议程")
        verbose_name_plural = _("议程")
        ordering = ["event", "starts_at", "id"]

    def __str__(self) -> str:
        return self.title


class RegistrationQuestion(BaseModel):
    """A question the organiser asks every registrant; `choices` empty = free text."""

    event = models.ForeignKey(
        Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="questions"
    )
    label = models.CharField(_("问题"), max_length=200)
    choices = models.JSONField(_("选项"), default=list, blank=True)
    required = models.BooleanField(_("必答"), default=False)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("报名问题")
        verbose_name_plural = _("报名问题")
        ordering = ["event", "position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def field_name(self) -> str:
        return f"q_{self.pk}"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    CONFIRMED = "confirmed", _("已确认")
    WAITLISTED = "waitlisted", _("候补中")
    OFFERED = "offered", _("候补待确认")
    CANCELLED = "cancelled", _("已取消")
    REJECTED = "rejected", _("未通过")
    EXPIRED = "expired", _("候补已过期")


# Registrations that hold one of the event's seats (an offered seat is kept for its holder until
# the offer expires).
SEAT_HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
# Registrations that block registering again with the same e-mail address.
ACTIVE = (*SEAT_HOLDING, RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED)


class Registration(BaseModel):
    """One person's registration for an event, signed in (`user`) or not (then the contact
    details and the consent are recorded here). `ticket_secret` is the ticket: whoever holds it
    may see the ticket page, and the check-in scans it."""

    class Source(models.TextChoices):
        ONLINE = "online", _("线上报名")
        WALK_IN = "walk_in", _("现场登记")

    event = models.ForeignKey(
        Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("姓名"), max_length=100)
    email = models.EmailField(_("邮箱"), blank=True)
    phone = models.CharField(_("手机号"), max_length=30, blank=True)
    organization_name = models.CharField(_("单位"), max_length=200, blank=True)
    answers = models.JSONField(_("报名问题回答"), default=dict, blank=True)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    status = models.CharField(_("状态"), max_length=12, choices=RegistrationStatus.choices, db_index=True)
    ticket_secret = models.CharField(
        _("票据密钥"), max_length=64, unique=True, default=new_secret, editable=False
    )
    offer_expires_at = models.DateTimeField(_("候补确认截止"), null=True, blank=True, db_index=True)
    consent_at = models.DateTimeField(_("同意隐私政策时间"), null=True, blank=True)
    consent_version = models.CharField(_("隐私政策版本"), max_length=30, blank=True)
    consent_ip = models.GenericIPAddressField(_("同意时 IP"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签到操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("确认邮件发送时间"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("提醒发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False, status__in=[s.value for s in ACTIVE]),
                name="registration_one_active_per_user",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(email="") & Q(status__in=[s.value for s in ACTIVE]),
                name="registration_one_active_per_email",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status=RegistrationStatus.CONFIRMED),
                name="registration_checked_in_only_when_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("events:ticket", kwargs={"secret": self.ticket_secret})

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING


class EventFeedback(BaseModel):
    """The short survey after an event: one rating (1–5) and a comment per attendee."""

    registration = models.OneToOneField(
        Registration, verbose_name=_("报名"), on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("意见与建议"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("活动反馈")
        verbose_name_plural = _("活动反馈")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5")
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.rating}"


class CalendarFeed(BaseModel):
    """The secret address of a user's personal iCal feed; revoking replaces the token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="event_feed"
    )
    token = models.CharField(_("令牌"), max_length=64, unique=True, default=new_secret)

    class Meta:
        verbose_name = _("日历订阅")
        verbose_name_plural = _("日历订阅")

    def __str__(self) -> str:
        return str(self.user)
