from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel, BilingualMixin, PublishableListing, VersionedModel
from alleyhub.directory.models import ListingAttachment, Organization


def validate_facilities(value):
    """Facilities are a short list of short labels, e.g. ["会议室", "路演厅"]."""
    if (
        not isinstance(value, list)
        or len(value) > 30
        or any(not isinstance(v, str) or not v.strip() or len(v) > 50 for v in value)
    ):
        raise ValidationError(
            _("配套设施须为不超过 30 项的文字列表，每项不超过 50 字。"), code="invalid_facilities"
        )


class Building(BilingualMixin, VersionedModel, BaseModel):
    """A building or campus with space units (e.g. 硅巷 NO.1, 硅巷创客厅, 武夷新象限)."""

    slug = models.SlugField(_("标识"), max_length=80, unique=True)
    name_zh = models.CharField(_("中文名称"), max_length=200, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    operator = models.ForeignKey(
        Organization,
        verbose_name=_("运营方"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="buildings",
    )
    address = models.CharField(_("地址"), max_length=200)
    subdistrict = models.CharField(_("街道"), max_length=50, blank=True, db_index=True)
    description_zh = models.TextField(_("中文简介"), blank=True)
    description_en = models.TextField(_("英文简介"), blank=True)
    facilities = models.JSONField(_("配套设施"), default=list, blank=True, validators=[validate_facilities])
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("楼宇")
        verbose_name_plural = _("楼宇")
        ordering = ["name_zh"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name_zh="", name_en=""), name="building_has_a_name")
        ]

    def __str__(self) -> str:
        return self.localized("name")

    @property
    def name(self) -> str:
        return self.localized("name")


class SpaceKind(models.TextChoices):
    OFFICE = "office", _("办公")
    LAB = "lab", _("实验室")
    MAKER_SPACE = "maker_space", _("众创空间")
    EVENT_VENUE = "event_venue", _("活动场地")


class SpaceUnit(PublishableListing):
    """A rentable unit in a building: area, rent in 元/㎡/天, availability."""

    # Attachments are deleted with the listing (one model for every kind, directory.ListingAttachment).
    attachments = GenericRelation(ListingAttachment)

    owner = models.ForeignKey(
        Organization, verbose_name=_("出租方"), on_delete=models.CASCADE, related_name="space_units"
    )
    building = models.ForeignKey(
        Building, verbose_name=_("楼宇"), on_delete=models.CASCADE, related_name="units"
    )
    kind = models.CharField(_("空间类型"), max_length=20, choices=SpaceKind.choices, db_index=True)
    title_zh = models.CharField(_("中文名称"), max_length=200, blank=True)
    title_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    description_zh = models.TextField(_("中文描述"), blank=True)
    description_en = models.TextField(_("英文描述"), blank=True)
    floor = models.CharField(_("楼层"), max_length=20, blank=True)
    area_sqm = models.DecimalField(
        _("面积（㎡）"), max_digits=9, decimal_places=2, validators=[MinValueValidator(1)]
    )
    rent_per_sqm_day = models.DecimalField(
        _("租金（元/㎡/天）"), max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    available_from = models.DateField(_("可租起始日"), null=True, blank=True)
    available_until = models.DateField(_("可租截止日"), null=True, blank=True)
    facilities = models.JSONField(_("设施"), default=list, blank=True, validators=[validate_facilities])
    capacity = models.PositiveIntegerField(_("容纳人数"), null=True, blank=True)

    class Meta:
        verbose_name = _("空间单元")
        verbose_name_plural = _("空间单元")
        ordering = ["building", "floor", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(area_sqm__gt=0), name="space_area_positive"),
            models.CheckConstraint(
                condition=models.Q(rent_per_sqm_day__gte=0), name="space_rent_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(available_until__isnull=True)
                | models.Q(available_from__isnull=True)
                | models.Q(available_until__gte=models.F("available_from")),
                name="space_availability_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.localized("title") or f"{self.building} {self.floor}"

    @property
    def description(self) -> str:
        return self.localized("description")

    @property
    def monthly_rent(self):
        """Rent for the whole unit per month (30.4 days), in 元."""
        return round(float(self.area_sqm) * float(self.rent_per_sqm_day) * 365 / 12)

    def clean(self):
        errors = {}
        if self.available_from and self.available_until and self.available_until < self.available_from:
            errors["available_until"] = _("可租截止日不能早于起始日。")
        if errors:
            raise ValidationError(errors)


class RenewalSite(BilingualMixin, VersionedModel, BaseModel):
    """An urban-renewal site in the pipeline (e.g. 人民电器厂, 新联纺, 武夷路305号)."""

    class Stage(models.TextChoices):
        STUDY = "study", _("更新研究")
        PLANNING = "planning", _("规划设计")
        CONSTRUCTION = "construction", _("施工改造")
        OPERATING = "operating", _("投入运营")

    slug = models.SlugField(_("标识"), max_length=80, unique=True)
    name_zh = models.CharField(_("中文名称"), max_length=200, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    stage = models.CharField(
        _("阶段"), max_length=20, choices=Stage.choices, default=Stage.STUDY, db_index=True
    )
    site_area_sqm = models.DecimalField(
        _("用地面积（㎡）"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    floor_area_sqm = models.DecimalField(
        _("建筑面积（㎡）"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    planned_use_zh = models.TextField(_("规划用途（中文）"), blank=True)
    planned_use_en = models.TextField(_("规划用途（英文）"), blank=True)
    lead_unit = models.ForeignKey(
        Organization,
        verbose_name=_("牵头单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewal_sites",
    )
    start_year = models.PositiveSmallIntegerField(
        _("启动年份"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    target_year = models.PositiveSmallIntegerField(
        _("目标年份"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )

    class Meta:
        verbose_name = _("城市更新地块")
        verbose_name_plural = _("城市更新地块")
        ordering = ["name_zh"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(target_year__gte=models.F("start_year")),
                name="renewal_years_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(site_area_sqm__isnull=True) | models.Q(site_area_sqm__gt=0),
                name="renewal_site_area_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(floor_area_sqm__isnull=True) | models.Q(floor_area_sqm__gt=0),
                name="renewal_floor_area_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.localized("name")

    @property
    def name(self) -> str:
        return self.localized("name")

    def clean(self):
        if self.start_year and self.target_year and self.target_year < self.start_year:
            raise ValidationError({"target_year": _("目标年份不能早于启动年份。")})
