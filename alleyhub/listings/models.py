from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import PublishableListing
from alleyhub.directory.models import Industry, ListingAttachment, Organization, Person, validate_stages


class CooperationMode(models.TextChoices):
    TRANSFER = "transfer", _("转让")
    LICENCE = "licence", _("许可")
    JOINT_DEVELOPMENT = "joint_development", _("合作开发")
    EQUITY = "equity", _("作价入股")


class IPStatus(models.TextChoices):
    PATENT_GRANTED = "patent_granted", _("已授权专利")
    PATENT_PENDING = "patent_pending", _("专利申请中")
    SOFTWARE_COPYRIGHT = "software_copyright", _("软件著作权")
    KNOW_HOW = "know_how", _("技术秘密")
    NONE = "none", _("无知识产权")


def validate_modes(value):
    if not isinstance(value, list) or any(v not in CooperationMode.values for v in value):
        raise ValidationError(_("合作方式无效。"), code="invalid_modes")


class TechOutcome(PublishableListing):
    """科技成果: a patent, prototype or process offered for transfer, licence, joint development or equity."""

    # Attachments are deleted with the listing (one model for every kind, directory.ListingAttachment).
    attachments = GenericRelation(ListingAttachment)

    owner = models.ForeignKey(
        Organization, verbose_name=_("所属机构"), on_delete=models.CASCADE, related_name="outcomes"
    )
    title_zh = models.CharField(_("中文标题"), max_length=200, blank=True)
    title_en = models.CharField(_("英文标题"), max_length=200, blank=True)
    summary_zh = models.TextField(_("中文简介"), blank=True)
    summary_en = models.TextField(_("英文简介"), blank=True)
    applications_zh = models.TextField(_("应用场景（中文）"), blank=True)
    applications_en = models.TextField(_("应用场景（英文）"), blank=True)
    confidential_details = models.TextField(
        _("保密信息"), blank=True, help_text=_("仅所属机构、运营方及对接项目各方可见")
    )
    trl = models.PositiveSmallIntegerField(
        _("技术成熟度 (TRL)"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    ip_status = models.CharField(
        _("知识产权状态"), max_length=20, choices=IPStatus.choices, default=IPStatus.NONE
    )
    patent_numbers = models.CharField(_("专利号"), max_length=300, blank=True)
    cooperation_modes = models.JSONField(_("合作方式"), default=list, blank=True, validators=[validate_modes])
    price_min = models.PositiveBigIntegerField(_("最低报价（元）"), null=True, blank=True)
    price_max = models.PositiveBigIntegerField(_("最高报价（元）"), null=True, blank=True)
    industries = models.ManyToManyField(
        Industry, verbose_name=_("产业领域"), blank=True, related_name="outcomes"
    )
    inventors = models.ManyToManyField(Person, verbose_name=_("完成人"), blank=True, related_name="outcomes")
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("科技成果")
        verbose_name_plural = _("科技成果")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(trl__gte=1, trl__lte=9), name="outcome_trl_1_to_9"),
            models.CheckConstraint(
                condition=models.Q(price_min__isnull=True)
                | models.Q(price_max__isnull=True)
                | models.Q(price_max__gte=models.F("price_min")),
                name="outcome_price_range_in_order",
            ),
            models.CheckConstraint(condition=~models.Q(title_zh="", title_en=""), name="outcome_has_a_title"),
        ]
        # Lists are ordered newest first; this index serves that order at 100k+ rows.
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="outcome_list_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def summary(self) -> str:
        return self.localized("summary")

    @property
    def applications(self) -> str:
        return self.localized("applications")

    def clean(self):
        errors = {}
        if not (self.title_zh or self.title_en):
            errors["title_zh"] = _("请至少填写中文或英文标题。")
        if self.price_min is not None and self.price_max is not None and self.price_max < self.price_min:
            errors["price_max"] = _("最高报价不能低于最低报价。")
        if errors:
            raise ValidationError(errors)


class TechDemand(PublishableListing):
    """技术需求: an enterprise's technical problem looking for a solution."""

    # Attachments are deleted with the listing (one model for every kind, directory.ListingAttachment).
    attachments = GenericRelation(ListingAttachment)

    owner = models.ForeignKey(
        Organization, verbose_name=_("所属机构"), on_delete=models.CASCADE, related_name="demands"
    )
    title_zh = models.CharField(_("中文标题"), max_length=200, blank=True)
    title_en = models.CharField(_("英文标题"), max_length=200, blank=True)
    description_zh = models.TextField(_("问题描述（中文）"), blank=True)
    description_en = models.TextField(_("问题描述（英文）"), blank=True)
    confidential_details = models.TextField(_("保密信息"), blank=True)
    budget_min = models.PositiveBigIntegerField(_("预算下限（元）"), null=True, blank=True)
    budget_max = models.PositiveBigIntegerField(_("预算上限（元）"), null=True, blank=True)
    deadline = models.DateField(_("截止日期"), null=True, blank=True)
    wanted_modes = models.JSONField(_("期望合作方式"), default=list, blank=True, validators=[validate_modes])
    min_trl = models.PositiveSmallIntegerField(
        _("最低技术成熟度"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    industries = models.ManyToManyField(
        Industry, verbose_name=_("产业领域"), blank=True, related_name="demands"
    )
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("技术需求")
        verbose_name_plural = _("技术需求")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_min__isnull=True)
                | models.Q(budget_max__isnull=True)
                | models.Q(budget_max__gte=models.F("budget_min")),
                name="demand_budget_range_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(min_trl__isnull=True) | models.Q(min_trl__gte=1, min_trl__lte=9),
                name="demand_min_trl_1_to_9",
            ),
            models.CheckConstraint(condition=~models.Q(title_zh="", title_en=""), name="demand_has_a_title"),
        ]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="demand_list_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def description(self) -> str:
        return self.localized("description")

    @property
    def deadline_passed(self) -> bool:
        return bool(self.deadline and self.deadline < timezone.localdate())

    def clean(self):
        errors = {}
        if not (self.title_zh or self.title_en):
            errors["title_zh"] = _("请至少填写中文或英文标题。")
        if self.budget_min is not None and self.budget_max is not None and self.budget_max < self.budget_min:
            errors["budget_max"] = _("预算上限不能低于预算下限。")
        # A deadline already past is refused when it is set or changed, not for old records.
        if self.deadline and self.deadline < timezone.localdate():
            old = (
                type(self).objects.filter(pk=self.pk).values_list("deadline", flat=True).first()
                if self.pk
                else None
            )
            if old != self.deadline:
                errors["deadline"] = _("截止日期不能早于今天。")
        if errors:
            raise ValidationError(errors)


class InvestorProfile(PublishableListing):
    """An investor's stages, sectors and ticket range."""

    # Attachments are deleted with the listing (one model for every kind, directory.ListingAttachment).
    attachments = GenericRelation(ListingAttachment)

    owner = models.ForeignKey(
        Organization, verbose_name=_("投资机构"), on_delete=models.CASCADE, related_name="investor_profiles"
    )
    title_zh = models.CharField(_("中文标题"), max_length=200, blank=True)
    title_en = models.CharField(_("英文标题"), max_length=200, blank=True)
    thesis_zh = models.TextField(_("投资方向（中文）"), blank=True)
    thesis_en = models.TextField(_("投资方向（英文）"), blank=True)
    stages = models.JSONField(_("投资阶段"), default=list, blank=True, validators=[validate_stages])
    sectors = models.ManyToManyField(
        Industry, verbose_name=_("关注领域"), blank=True, related_name="investors"
    )
    ticket_min = models.PositiveBigIntegerField(_("单笔投资下限（元）"), null=True, blank=True)
    ticket_max = models.PositiveBigIntegerField(_("单笔投资上限（元）"), null=True, blank=True)
    portfolio = models.TextField(_("代表案例"), blank=True)

    class Meta:
        verbose_name = _("投资人画像")
        verbose_name_plural = _("投资人画像")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ticket_min__isnull=True)
                | models.Q(ticket_max__isnull=True)
                | models.Q(ticket_max__gte=models.F("ticket_min")),
                name="investor_ticket_range_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="investor_list_order"),
        ]

    def __str__(self) -> str:
        return self.title or str(self.owner)

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def thesis(self) -> str:
        return self.localized("thesis")

    def clean(self):
        if self.ticket_min is not None and self.ticket_max is not None and self.ticket_max < self.ticket_min:
            raise ValidationError({"ticket_max": _("单笔投资上限不能低于下限。")})
