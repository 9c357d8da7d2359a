"""The brokers' pipeline: a case (对接项目) links a demand side and a supply side, moves through
stages recorded as `CaseStageChange` rows, collects activities and files, and ends signed or closed."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alleyhub.core.models import BaseModel, VersionedModel
from alleyhub.core.uploads import random_file_name

from .transitions import CloseReason, ContractType, Stage

__all__ = [
    "Stage",
    "CloseReason",
    "ContractType",
    "Case",
    "CaseStageChange",
    "CaseActivity",
    "ConfidentialityAcceptance",
    "CaseRating",
    "StageTransition",
    "StageRule",
    "SupplyKind",
]


class SupplyKind(models.TextChoices):
    OUTCOME = "outcome", pgettext_lazy("kind", "科技成果")
    EXPERT = "expert", _("专家")
    INVESTOR = "investor", _("投资机构")


class StageTransition(models.Model):
    """One allowed move. The table is the pipeline's rule book; operators edit it in the admin."""

    from_stage = models.CharField(_("原阶段"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("新阶段"), max_length=20, choices=Stage.choices)

    class Meta:
        verbose_name = _("允许的阶段变更")
        verbose_name_plural = _("允许的阶段变更")
        ordering = ["from_stage", "to_stage"]
        constraints = [
            models.UniqueConstraint(fields=["from_stage", "to_stage"], name="stage_transition_unique"),
            models.CheckConstraint(
                condition=~Q(from_stage=models.F("to_stage")), name="stage_transition_moves"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


class StageRule(models.Model):
    """How long a case may sit in a stage without activity before its broker is reminded and,
    later, operators are told."""

    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, unique=True)
    remind_after_days = models.PositiveSmallIntegerField(
        _("提醒经纪人（天）"), validators=[MinValueValidator(1)]
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("上报运营方（天）"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("阶段提醒规则")
        verbose_name_plural = _("阶段提醒规则")
        ordering = ["stage"]
        constraints = [
            models.CheckConstraint(
                condition=Q(escalate_after_days__gte=models.F("remind_after_days")),
                name="stage_rule_escalate_after_remind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.remind_after_days}/{self.escalate_after_days}"


class Case(VersionedModel, BaseModel):
    """对接项目: one brokered pairing of a demand side with a supply side. Every write goes through
    a service that locks the row and checks the `version` the user saw (core.transitions)."""

    title = models.CharField(_("名称"), max_length=200)
    demand_org = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("需求方"),
        on_delete=models.PROTECT,
        related_name="demand_cases",
    )
    demand = models.ForeignKey(
        "listings.TechDemand",
        verbose_name=pgettext_lazy("kind", "技术需求"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    supply_kind = models.CharField(_("供给方类型"), max_length=10, choices=SupplyKind.choices)
    outcome = models.ForeignKey(
        "listings.TechOutcome",
        verbose_name=pgettext_lazy("kind", "科技成果"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    expert = models.ForeignKey(
        "directory.Person",
        verbose_name=_("专家"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    investor = models.ForeignKey(
        "listings.InvestorProfile",
        verbose_name=_("投资机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    supply_org = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("供给方机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supply_cases",
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("负责经纪人"), on_delete=models.PROTECT, related_name="cases"
    )
    co_brokers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("协作经纪人"), blank=True, related_name="co_brokered_cases"
    )
    stage = models.CharField(
        _("阶段"), max_length=20, choices=Stage.choices, default=Stage.LEAD, db_index=True
    )
    stage_entered_at = models.DateTimeField(_("进入本阶段时间"))
    last_activity_at = models.DateTimeField(_("最近活动时间"), db_index=True)
    close_reason = models.CharField(_("终止原因"), max_length=20, choices=CloseReason.choices, blank=True)
    contract_type = models.CharField(_("合同类型"), max_length=20, choices=ContractType.choices, blank=True)
    contract_amount = models.DecimalField(
        _("合同金额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    contract_date = models.DateField(_("签约日期"), null=True, blank=True)
    source_match_id = models.BigIntegerField(_("来源匹配"), null=True, blank=True, unique=True)
    reminded_at = models.DateTimeField(_("最近提醒时间"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("上报运营方时间"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Each side's organisation agrees to the case (and so to the brokers on it): a member accepted
    # it, or it was opened / its brokers assigned by an operator or by a member of that side. Until
    # a side agrees, nobody outside it sees its listing's confidential part through the case.
    supply_accepted_at = models.DateTimeField(_("供给方同意时间"), null=True, blank=True)
    supply_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("供给方同意人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    demand_accepted_at = models.DateTimeField(_("需求方同意时间"), null=True, blank=True)
    demand_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("需求方同意人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("对接项目")
        verbose_name_plural = _("对接项目")
        ordering = ["-last_activity_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        supply_kind="outcome",
                        outcome__isnull=False,
                        expert__isnull=True,
                        investor__isnull=True,
                    )
                    | Q(
                        supply_kind="expert",
                        outcome__isnull=True,
                        expert__isnull=False,
                        investor__isnull=True,
                    )
                    | Q(
                        supply_kind="investor",
                        outcome__isnull=True,
                        expert__isnull=True,
                        investor__isnull=False,
                    )
                ),
                name="case_exactly_one_supply_side",
            ),
            models.CheckConstraint(
                condition=~Q(stage="signed")
                | Q(contract_type__gt="", contract_amount__isnull=False, contract_date__isnull=False),
                name="case_signed_has_contract",
            ),
            models.CheckConstraint(
                condition=~Q(stage="closed") | Q(close_reason__gt=""), name="case_closed_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("brokerage:case_detail", kwargs={"case_id": self.pk})

    @property
    def supply_object(self):
        return self.outcome or self.expert or self.investor

    @property
    def is_closed(self) -> bool:
        return self.stage == Stage.CLOSED

    @property
    def is_final(self) -> bool:
        return self.stage in (Stage.SIGNED, Stage.CLOSED)


class CaseStageChange(models.Model):
    """One stage change: who moved the case, when, from where to where, and why."""

    case = models.ForeignKey(
        Case, verbose_name=_("对接项目"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("原阶段"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("新阶段"), max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), db_index=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("阶段变更")
        verbose_name_plural = _("阶段变更")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_stage or '-'} → {self.to_stage}"


def case_file_path(instance: "CaseActivity", filename: str) -> str:
    """Case files are stored the core way, as cases/<yyyy>/<mm>/<random hex>.<ext> (the user's
    file name stays on the row, never in the path). A module-level function rather than
    `core.uploads.random_upload_to("cases")`, whose inner function migrations cannot serialise."""
    return random_file_name("cases", filename)


class CaseActivity(BaseModel):
    class Kind(models.TextChoices):
        NOTE = "note", _("备注")
        CALL = "call", _("电话")
        MEETING = "meeting", _("会面")
        FILE = "file", _("文件")

    case = models.ForeignKey(
        Case, verbose_name=_("对接项目"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("内容"), blank=True)
    occurred_at = models.DateTimeField(_("发生时间"))
    file = models.FileField(_("文件"), upload_to=case_file_path, blank=True, max_length=300)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    file_size = models.PositiveIntegerField(_("文件大小"), null=True, blank=True)
    content_type = models.CharField(_("文件类型"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("项目活动")
        verbose_name_plural = _("项目活动")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="file") | ~Q(file=""), name="case_activity_file_has_file"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.case}"


class ConfidentialityAcceptance(models.Model):
    """A party's acceptance of the case's confidentiality terms: who, when, from which address."""

    case = models.ForeignKey(
        Case, verbose_name=_("对接项目"), on_delete=models.CASCADE, related_name="confidentiality_acceptances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="+"
    )
    accepted_at = models.DateTimeField(_("接受时间"))
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    terms_version = models.CharField(_("条款版本"), max_length=20)

    class Meta:
        verbose_name = _("保密条款确认")
        verbose_name_plural = _("保密条款确认")
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="confidentiality_unique_case_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.case}"


class CaseRating(BaseModel):
    """A party's rating (1–5) of the broker's work on a finished case."""

    case = models.ForeignKey(
        Case, verbose_name=_("对接项目"), on_delete=models.CASCADE, related_name="ratings"
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评价人"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("评语"), blank=True)

    class Meta:
        verbose_name = _("项目评价")
        verbose_name_plural = _("项目评价")
        constraints = [
            models.UniqueConstraint(fields=["case", "rater"], name="case_rating_unique_rater"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="case_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.score}"
