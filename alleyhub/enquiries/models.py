"""Enquiries (申请与咨询): a signed-in user applies for a service of the service list or asks about a
space unit (a visit on a proposed date). One model for both kinds: the target is the service or the
space unit, and the provider is the organisation that owned it when the enquiry was sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel, VersionedModel


class EnquiryKind(models.TextChoices):
    SERVICE = "service", _("服务申请")
    SPACE = "space", _("空间咨询")


class EnquiryStatus(models.TextChoices):
    NEW = "new", _("待答复")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已关闭")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATUSES = (EnquiryStatus.NEW, EnquiryStatus.ANSWERED)


class Action(models.TextChoices):
    ANSWER = "answer", _("答复")
    REPLY = "reply", _("补充说明")
    CLOSE = "close", _("关闭")
    WITHDRAW = "withdraw", _("撤回")


class QuestionType(models.TextChoices):
    TEXT = "text", _("文本")
    CHOICE = "choice", _("选项")
    DATE = "date", _("日期")


class ServiceForm(BaseModel):
    """The questions a provider asks everyone who applies for one service (a small list kept as
    JSON, validated by `questions.questions_clean`). A service without one asks for a message."""

    service = models.OneToOneField(
        "catalogue.ServiceOffering", verbose_name=_("服务事项"), on_delete=models.CASCADE, related_name="+"
    )
    questions = models.JSONField(_("申请表问题"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("服务申请表")
        verbose_name_plural = _("服务申请表")

    def __str__(self) -> str:
        return str(self.service)


class Enquiry(VersionedModel, BaseModel):
    """An application for a service or an enquiry about a space unit, and its thread of messages.
    The applicant's contact details are copied in when it is sent (they agreed to share them:
    `contact_shared_at`), so the provider sees what the applicant saw on the form."""

    kind = models.CharField(_("类型"), max_length=10, choices=EnquiryKind.choices, db_index=True)
    service = models.ForeignKey(
        "catalogue.ServiceOffering",
        verbose_name=_("服务事项"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    space_unit = models.ForeignKey(
        "spaces.SpaceUnit",
        verbose_name=_("空间"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    provider = models.ForeignKey(
        "directory.Organization", verbose_name=_("受理机构"), on_delete=models.CASCADE, related_name="+"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.CASCADE, related_name="+"
    )
    applicant_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("申请机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=EnquiryStatus.choices, default=EnquiryStatus.NEW, db_index=True
    )
    message = models.TextField(_("留言"), blank=True, max_length=4000)
    answers = models.JSONField(_("申请表回答"), default=list, blank=True)
    proposed_at = models.DateTimeField(_("希望看房时间"), null=True, blank=True)
    party_size = models.PositiveSmallIntegerField(_("来访人数"), null=True, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=100)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_shared_at = models.DateTimeField(_("同意提供联系方式时间"))
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("申请与咨询")
        verbose_name_plural = _("申请与咨询")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=EnquiryKind.SERVICE, service__isnull=False, space_unit__isnull=True)
                    | Q(kind=EnquiryKind.SPACE, space_unit__isnull=False, service__isnull=True)
                ),
                name="enquiry_target_matches_kind",
            )
        ]
        indexes = [
            models.Index(fields=["provider", "status"]),
            models.Index(fields=["applicant", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.target_title}"

    def get_absolute_url(self) -> str:
        return reverse("enquiries:detail", args=[self.pk])

    @property
    def target(self):
        return self.service if self.kind == EnquiryKind.SERVICE else self.space_unit

    @property
    def target_title(self) -> str:
        target = self.target
        return target.title if target is not None else ""

    @property
    def target_url(self) -> str:
        if self.kind == EnquiryKind.SERVICE:
            return reverse("catalogue:detail", args=[self.service_id])
        return reverse("spaces:unit_detail", args=[self.space_unit_id])


class Side(models.TextChoices):
    APPLICANT = "applicant", _("申请方")
    PROVIDER = "provider", _("受理方")


class EnquiryMessage(BaseModel):
    """One message of the thread: the applicant's first message is the enquiry itself; answers and
    follow-ups are rows here."""

    enquiry = models.ForeignKey(
        Enquiry, verbose_name=_("申请与咨询"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作者"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    side = models.CharField(_("发言方"), max_length=10, choices=Side.choices)
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    body = models.TextField(_("内容"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("往来消息")
        verbose_name_plural = _("往来消息")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_side_display()} {self.created_at:%Y-%m-%d %H:%M}"
