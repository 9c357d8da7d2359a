"""The district's action plan (三年行动方案) as a tree of items, the progress updates units post on
them, and the KPIs (指标) the plan is measured by.

- `ActionPlan` → `PlanItem` (any depth, `parent`): each item has a lead unit and cooperating units
  (government units from the directory), dates, a status and a progress figure 0–100. A parent's
  figure is the weighted mean of its children (`plans.rollup`), unless an owner overrode it by
  hand (`progress_overridden`, with a reason); `computed_progress` always keeps the rolled-up value
  so both can be shown side by side.
- `ProgressUpdate`: a responsible unit's report (text, figure, evidence files), reviewed by the task
  force; accepting it applies the figure and rolls up.
- `PlanItemEvent`: the item's timeline (updates, reviews, status changes, edits).
- `Kpi` with `KpiTarget` per year and `KpiValue` entered per period (computed KPIs read live data
  through `plans.kpis.COMPUTATIONS`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel, VersionedModel, current_language_code
from alleyhub.core.uploads import random_upload_to

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def _localized(obj, field: str) -> str:
    lang = current_language_code()
    return (
        getattr(obj, f"{field}_{lang}", "")
        or getattr(obj, f"{field}_zh", "")
        or getattr(obj, f"{field}_en", "")
    )


class ActionPlan(BaseModel):
    slug = models.SlugField(_("标识"), max_length=80, unique=True)
    title_zh = models.CharField(_("中文名称"), max_length=200)
    title_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    description = models.TextField(_("说明"), blank=True)
    year_start = models.PositiveSmallIntegerField(_("起始年份"))
    year_end = models.PositiveSmallIntegerField(_("结束年份"))

    class Meta:
        verbose_name = _("行动方案")
        verbose_name_plural = _("行动方案")
        ordering = ["year_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_end__gte=models.F("year_start")), name="plan_years_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _localized(self, "title")


class ItemKind(models.TextChoices):
    MAJOR_TASK = "major_task", _("重大任务")
    SPECIAL_PROJECT = "special_project", _("专项")
    SPECIAL_ACTION = "special_action", _("专项行动")
    GUARANTEE = "guarantee", _("保障措施")
    WORK_POINT = "work_point", _("工作要点")
    SUB_ITEM = "sub_item", _("子项")
    MILESTONE = "milestone", _("里程碑")


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未启动")
    ON_TRACK = "on_track", _("按计划推进")
    AT_RISK = "at_risk", _("存在风险")
    LATE = "late", _("已滞后")
    DONE = "done", _("已完成")
    DROPPED = "dropped", _("已取消")


CLOSED_STATUSES = (ItemStatus.DONE, ItemStatus.DROPPED)


class PlanItem(VersionedModel, BaseModel):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("行动方案"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级事项"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("编号"), max_length=30, blank=True, help_text=_("如 2.3，按层级编排"))
    kind = models.CharField(_("类别"), max_length=20, choices=ItemKind.choices, db_index=True)
    title_zh = models.CharField(_("中文名称"), max_length=200)
    title_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    description = models.TextField(_("说明"), blank=True)
    lead_unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("牵头单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_items_led",
        limit_choices_to={"kind": "government_unit"},
    )
    cooperating_units = models.ManyToManyField(
        "directory.Organization",
        verbose_name=_("配合单位"),
        blank=True,
        related_name="plan_items_cooperating",
        limit_choices_to={"kind": "government_unit"},
    )
    lead_person = models.CharField(_("责任人"), max_length=100, blank=True)
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    due_date = models.DateField(_("完成时限"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED, db_index=True
    )
    weight = models.DecimalField(
        _("权重"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("在上级事项进度中的权重，默认各子项相同"),
    )
    progress = models.DecimalField(
        _("进度（%）"), max_digits=5, decimal_places=1, default=Decimal(0), validators=PERCENT
    )
    computed_progress = models.DecimalField(
        _("汇总进度（%）"), max_digits=5, decimal_places=1, null=True, blank=True, validators=PERCENT
    )
    progress_overridden = models.BooleanField(_("手动设定进度"), default=False)
    override_reason = models.TextField(_("手动设定理由"), blank=True)
    last_update_at = models.DateTimeField(_("最近进展更新"), null=True, blank=True, db_index=True)
    position = models.PositiveIntegerField(_("排序"), default=0)
    # What the item concerns (any of them may be empty).
    organizations = models.ManyToManyField(
        "directory.Organization", verbose_name=_("相关机构"), blank=True, related_name="plan_items"
    )
    buildings = models.ManyToManyField(
        "spaces.Building", verbose_name=_("相关楼宇"), blank=True, related_name="plan_items"
    )
    space_units = models.ManyToManyField(
        "spaces.SpaceUnit", verbose_name=_("相关空间"), blank=True, related_name="plan_items"
    )
    renewal_sites = models.ManyToManyField(
        "spaces.RenewalSite", verbose_name=_("相关更新地块"), blank=True, related_name="plan_items"
    )
    cases = models.ManyToManyField(
        "brokerage.Case", verbose_name=_("相关对接项目"), blank=True, related_name="plan_items"
    )
    services = models.ManyToManyField(
        "catalogue.ServiceOffering", verbose_name=_("相关服务"), blank=True, related_name="plan_items"
    )
    # Events live in another app (not yet merged): a free link until then.
    other_link = models.URLField(_("其他链接（如活动）"), blank=True)

    class Meta:
        verbose_name = _("方案事项")
        verbose_name_plural = _("方案事项")
        ordering = ["plan", "position", "pk"]
        indexes = [models.Index(fields=["plan", "parent", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="plan_item_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(due_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
                name="plan_item_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(progress_overridden=False) | ~Q(override_reason=""),
                name="plan_item_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def title(self) -> str:
        return _localized(self, "title")

    def get_absolute_url(self) -> str:
        return reverse("plans:item", args=[self.pk])


class UpdateStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    ACCEPTED = "accepted", _("已采纳")
    RETURNED = "returned", _("已退回")


class ProgressUpdate(VersionedModel, BaseModel):
    item = models.ForeignKey(
        PlanItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="updates"
    )
    unit = models.ForeignKey(
        "directory.Organization", verbose_name=_("报送单位"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报送人"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("进展情况"))
    progress = models.DecimalField(_("报送进度（%）"), max_digits=5, decimal_places=1, validators=PERCENT)
    status = models.CharField(
        _("状态"), max_length=20, choices=UpdateStatus.choices, default=UpdateStatus.SUBMITTED, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("进展报送")
        verbose_name_plural = _("进展报送")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="plan_update_progress_0_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.progress}%"

    def get_absolute_url(self) -> str:
        return reverse("plans:item", args=[self.item_id])


class UpdateEvidence(BaseModel):
    update = models.ForeignKey(
        ProgressUpdate, verbose_name=_("进展报送"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("文件"), upload_to=random_upload_to("plans/evidence"), max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小"), default=0)
    content_type = models.CharField(_("类型"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")

    def __str__(self) -> str:
        return self.original_name


class EventKind(models.TextChoices):
    CREATED = "created", _("创建")
    EDITED = "edited", _("修改")
    MOVED = "moved", _("调整层级")
    STATUS = "status", _("状态变更")
    UPDATE_POSTED = "update_posted", _("报送进展")
    UPDATE_ACCEPTED = "update_accepted", _("采纳进展")
    UPDATE_RETURNED = "update_returned", _("退回进展")
    OVERRIDE = "override", _("手动设定进度")
    OVERRIDE_CLEARED = "override_cleared", _("恢复自动汇总")
    FLAGGED = "flagged", _("提醒")


class PlanItemEvent(models.Model):
    """One line of an item's timeline (the audit trail keeps the same facts for the platform)."""

    item = models.ForeignKey(
        PlanItem, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("事项动态")
        verbose_name_plural = _("事项动态")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.kind}"


# --- KPIs ---------------------------------------------------------------------------------------


class Direction(models.TextChoices):
    UP = "up", _("越高越好")
    DOWN = "down", _("越低越好")


class KpiSource(models.TextChoices):
    COMPUTED = "computed", _("平台实时计算")
    ENTERED = "entered", _("单位填报")


class Kpi(BaseModel):
    code = models.SlugField(_("代码"), max_length=60, unique=True)
    name_zh = models.CharField(_("中文名称"), max_length=200)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    unit_zh = models.CharField(_("计量单位（中文）"), max_length=30)
    unit_en = models.CharField(_("计量单位（英文）"), max_length=30, blank=True)
    direction = models.CharField(_("方向"), max_length=4, choices=Direction.choices, default=Direction.UP)
    source = models.CharField(_("来源"), max_length=10, choices=KpiSource.choices)
    computation = models.CharField(
        _("计算方法"), max_length=60, blank=True, help_text=_("平台实时计算的指标所用的计算")
    )
    responsible_unit = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("填报单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "government_unit"},
    )
    plan_items = models.ManyToManyField(PlanItem, verbose_name=_("关联事项"), blank=True, related_name="kpis")
    position = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="computed") | ~Q(computation=""), name="kpi_computed_has_computation"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localized(self, "name")

    @property
    def unit(self) -> str:
        return _localized(self, "unit")

    def get_absolute_url(self) -> str:
        return reverse("plans:kpi", args=[self.code])


class KpiTarget(BaseModel):
    kpi = models.ForeignKey(Kpi, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("年份"))
    value = models.DecimalField(_("目标值"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        ordering = ["kpi", "year"]
        constraints = [models.UniqueConstraint(fields=["kpi", "year"], name="kpi_target_unique_year")]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.year}: {self.value}"


class KpiValue(VersionedModel, BaseModel):
    """An entered figure for one period (a month, or a whole year when `month` is empty)."""

    kpi = models.ForeignKey(Kpi, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("年份"))
    month = models.PositiveSmallIntegerField(
        _("月份"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    value = models.DecimalField(_("数值"), max_digits=14, decimal_places=2)
    unit = models.ForeignKey(
        "directory.Organization", verbose_name=_("填报单位"), on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)
    evidence = models.FileField(
        _("佐证材料"), upload_to=random_upload_to("plans/kpi"), max_length=200, blank=True
    )
    evidence_name = models.CharField(_("文件名"), max_length=200, blank=True)
    evidence_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=UpdateStatus.choices, default=UpdateStatus.SUBMITTED, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("指标填报")
        verbose_name_plural = _("指标填报")
        ordering = ["kpi", "-year", "-month", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12), name="kpi_value_month_1_12"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.year}-{self.month or ''}: {self.value}"
