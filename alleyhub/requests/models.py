"""Enterprise requests (企业诉求): what an enterprise asks the district to solve, who owns it, and
every step it went through. Routing rules and deadline settings are data operators edit in the admin;
a request keeps a snapshot of its routing and its due dates, so a later rule change never moves it."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel, VersionedModel
from alleyhub.core.uploads import random_file_name

if TYPE_CHECKING:
    from .deadlines import DeadlineState

from .working_days import last_day


class Category(models.TextChoices):
    FINANCE = "finance", _("金融")
    REGISTRATION_TAX = "registration_tax", _("注册与税务")
    LAW = "law", _("法律")
    HR_TALENT = "hr_talent", _("人力资源与人才")
    IP = "ip", _("知识产权")
    SPACE = "space", _("载体空间")
    POLICY = "policy", _("政策")
    OTHER = "other", _("其他")


class ContactPreference(models.TextChoices):
    PHONE = "phone", _("电话")
    EMAIL = "email", _("邮件")
    VISIT = "visit", _("上门")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    ACCEPTED = "accepted", _("已受理")
    IN_PROGRESS = "in_progress", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    RETURNED = "returned", _("已退回")
    REOPENED = "reopened", _("已重新打开")


OPEN_STATUSES = (
    RequestStatus.SUBMITTED,
    RequestStatus.ACCEPTED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.RETURNED,
    RequestStatus.REOPENED,
)


class Action(models.TextChoices):
    SUBMIT = "submit", _("提交")
    ACCEPT = "accept", _("受理")
    START = "start", _("开始办理")
    ANSWER = "answer", _("答复")
    RETURN = "return", _("退回")
    REROUTE = "reroute", _("重新分派")
    CLOSE = "close", _("办结并评价")
    REOPEN = "reopen", _("重新打开")


class DeadlineKind(models.TextChoices):
    ACCEPT = "accept", _("受理时限")
    ANSWER = "answer", _("答复时限")


class RoutingRule(BaseModel):
    """Category (optionally narrowed by industry and sub-district) → responsible + cooperating units.
    The most specific active rule wins; among equally specific rules the higher priority wins."""

    category = models.CharField(_("诉求类别"), max_length=20, choices=Category.choices, db_index=True)
    industry = models.ForeignKey(
        "directory.Industry",
        verbose_name=_("产业领域"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subdistrict = models.CharField(_("街道"), max_length=50, blank=True)
    responsible_unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("责任单位"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "government_unit"},
    )
    cooperating_units = models.ManyToManyField(
        "directory.Organization",
        verbose_name=_("配合单位"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "government_unit"},
    )
    priority = models.IntegerField(_("优先级"), default=0, help_text=_("同等具体程度时数值大者优先"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("分派规则")
        verbose_name_plural = _("分派规则")
        ordering = ["category", "-priority", "pk"]

    def __str__(self) -> str:
        parts = [self.get_category_display()]
        if self.industry_id:
            parts.append(str(self.industry))
        if self.subdistrict:
            parts.append(self.subdistrict)
        return " / ".join(str(p) for p in parts) + f" → {self.responsible_unit}"

    @property
    def specificity(self) -> int:
        return (2 if self.industry_id else 0) + (1 if self.subdistrict else 0)


class CategoryDeadline(BaseModel):
    """Working days allowed per category; categories without a row use the defaults in
    `alleyhub.requests.deadlines` (accept 1, answer 5)."""

    category = models.CharField(_("诉求类别"), max_length=20, choices=Category.choices, unique=True)
    accept_days = models.PositiveSmallIntegerField(
        _("受理时限（工作日）"), default=1, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    answer_days = models.PositiveSmallIntegerField(
        _("答复时限（工作日）"), default=5, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )

    class Meta:
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        ordering = ["category"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.accept_days} / {self.answer_days}"


class EnterpriseRequest(VersionedModel, BaseModel):
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("提交企业"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("诉求类别"), max_length=20, choices=Category.choices, db_index=True)
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("诉求内容"))
    contact_preference = models.CharField(
        _("联系方式偏好"), max_length=10, choices=ContactPreference.choices, default=ContactPreference.PHONE
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.SUBMITTED,
        db_index=True,
    )
    # Routing snapshot: copied from the matching rule when the request is (re-)routed.
    responsible_unit = models.ForeignKey(
        "directory.Organization", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    cooperating_units = models.ManyToManyField(
        "directory.Organization", verbose_name=_("配合单位"), blank=True, related_name="+"
    )
    routing_rule = models.ForeignKey(
        RoutingRule,
        verbose_name=_("分派规则"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Deadline snapshot (working days at the time the clock started).
    accept_days = models.PositiveSmallIntegerField(_("受理时限（工作日）"), default=1)
    answer_days = models.PositiveSmallIntegerField(_("答复时限（工作日）"), default=5)
    submitted_at = models.DateTimeField(_("提交时间"), db_index=True)
    routed_at = models.DateTimeField(_("分派时间"))
    accept_due_at = models.DateTimeField(_("受理截止"), db_index=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    answer_started_at = models.DateTimeField(_("答复计时起点"), null=True, blank=True)
    answer_due_at = models.DateTimeField(_("答复截止"), null=True, blank=True, db_index=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_on_time = models.BooleanField(_("按时答复"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    # Not a column: the running deadline, set for display by selectors.with_deadlines.
    deadline: "DeadlineState | None"

    class Meta:
        verbose_name = _("企业诉求")
        verbose_name_plural = _("企业诉求")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["responsible_unit", "status"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def accept_last_day(self):
        return last_day(self.accept_due_at)

    @property
    def answer_last_day(self):
        return last_day(self.answer_due_at)

    def get_absolute_url(self) -> str:
        return reverse("requests:detail", args=[self.pk])


class RequestEvent(models.Model):
    """One step of a request's timeline: who moved it from which status to which, when, and why."""

    request = models.ForeignKey(EnterpriseRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("动作"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("原状态"), max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=RequestStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("诉求进程")
        verbose_name_plural = _("诉求进程")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action} {self.from_status}→{self.to_status}"


def _attachment_path(instance: "RequestAttachment", filename: str) -> str:
    """Attachments are stored the core way, as requests/<yyyy>/<mm>/<random hex>.<ext> (the user's
    file name stays on the row, never in the path). A module-level function rather than
    `core.uploads.random_upload_to("requests")`, whose inner function migrations cannot serialise;
    its name is the one migration 0001 refers to."""
    return random_file_name("requests", filename)


class RequestAttachment(BaseModel):
    request = models.ForeignKey(EnterpriseRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    content_type = models.CharField(_("类型"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class RequestRating(BaseModel):
    """The enterprise's rating of an answer, given when it closes the request (one per closing)."""

    request = models.ForeignKey(EnterpriseRequest, on_delete=models.CASCADE, related_name="ratings")
    unit = models.ForeignKey(
        "directory.Organization", verbose_name=_("被评价单位"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("评价"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评价人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("满意度评价")
        verbose_name_plural = _("满意度评价")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="request_rating_score_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.score}"


class Escalation(BaseModel):
    """An overdue deadline brought to the task-force lead. Unique per request, kind and due date:
    a request escalates once per deadline, however often (or concurrently) the check runs."""

    request = models.ForeignKey(EnterpriseRequest, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(_("时限类型"), max_length=10, choices=DeadlineKind.choices)
    due_at = models.DateTimeField(_("截止时间"))
    unit = models.ForeignKey(
        "directory.Organization", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("解除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("超时督办")
        verbose_name_plural = _("超时督办")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind", "due_at"], name="escalation_once_per_deadline")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.due_at:%Y-%m-%d}"

    @property
    def last_day(self):
        return last_day(self.due_at)
