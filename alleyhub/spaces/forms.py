import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm, blank_choice
from alleyhub.core.pages import VersionField
from alleyhub.directory.listing_forms import DATE_INPUT, ListingEditForm

from .models import Building, RenewalSite, SpaceKind, SpaceUnit
from .selectors import subdistrict_choices

AREA_ERRORS = {"min_value": _("面积必须大于 0。"), "invalid": _("请输入数字。"), "max_value": _("数值过大。")}
RENT_ERRORS = {"min_value": _("租金不能为负数。"), "invalid": _("请输入数字。"), "max_value": _("数值过大。")}


class UnitFilterForm(FilterForm):
    kind = forms.ChoiceField(label=_("空间类型"), required=False, choices=blank_choice(SpaceKind.choices))
    subdistrict = forms.ChoiceField(label=_("街道"), required=False)
    area_min = forms.DecimalField(
        label=_("面积不小于（㎡）"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=10**7,
        error_messages=AREA_ERRORS,
    )
    area_max = forms.DecimalField(
        label=_("面积不大于（㎡）"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=10**7,
        error_messages=AREA_ERRORS,
    )
    rent_min = forms.DecimalField(
        label=_("租金不低于（元/㎡/天）"),
        required=False,
        min_value=0,
        max_value=10**5,
        error_messages=RENT_ERRORS,
    )
    rent_max = forms.DecimalField(
        label=_("租金不高于（元/㎡/天）"),
        required=False,
        min_value=0,
        max_value=10**5,
        error_messages=RENT_ERRORS,
    )
    available_on = forms.DateField(
        label=_("可入驻日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("请输入有效日期。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["subdistrict"]).choices = blank_choice(subdistrict_choices())

    def clean(self):
        data = super().clean()
        self._check_order("area_min", "area_max", _("面积下限不能大于上限。"))
        self._check_order("rent_min", "rent_max", _("租金下限不能高于上限。"))
        return data


# --- edit forms -----------------------------------------------------------------------------------


class FacilitiesField(forms.CharField):
    """Facilities as one label per line (or separated by commas / 、) ↔ the model's list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]  # a list, not a str
        text = super().to_python(value) or ""
        parts = re.split(r"[\n,，、;；]+", text)
        return [p.strip() for p in parts if p.strip()]


class UnitForm(ListingEditForm):
    """Create / edit a space unit and its availability. The building choice is limited to the
    buildings the user's organisations operate (operators: all)."""

    area_sqm = forms.DecimalField(
        label=_("面积（㎡）"),
        min_value=Decimal("1"),
        max_value=10**7,
        decimal_places=2,
        error_messages=AREA_ERRORS,
    )
    rent_per_sqm_day = forms.DecimalField(
        label=_("租金（元/㎡/天）"),
        min_value=0,
        max_value=10**5,
        decimal_places=2,
        error_messages=RENT_ERRORS,
    )
    facilities = FacilitiesField(
        label=_("设施"), required=False, help_text=_("每行一项，例如：会议室、路演厅。")
    )

    def __init__(self, *args: Any, buildings: Any = None, any_building: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.any_building = any_building
        building = self.fields["building"]
        assert isinstance(building, forms.ModelChoiceField)
        building.queryset = buildings if buildings is not None else Building.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        owner = data.get("owner") or (self.instance.owner if self.instance.pk else None)
        building = data.get("building")
        # The same rule the service enforces, shown beside the field: a unit's owner operates its
        # building (operators, who may place units anywhere, pass `any_building`).
        if owner and building and building.operator_id != owner.pk and not self.any_building:
            self.add_error("building", _("只能为本机构运营的楼宇发布空间。"))
        return data

    class Meta:
        model = SpaceUnit
        fields = [
            "owner",
            "building",
            "language",
            "kind",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "floor",
            "area_sqm",
            "rent_per_sqm_day",
            "capacity",
            "available_from",
            "available_until",
            "facilities",
            "expires_on",
        ]
        labels = {"building": _("所在楼宇")}
        widgets = {
            "available_from": DATE_INPUT,
            "available_until": DATE_INPUT,
            "expires_on": DATE_INPUT,
            "description_zh": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }


class BuildingForm(forms.ModelForm):
    version = VersionField()
    facilities = FacilitiesField(label=_("配套设施"), required=False, help_text=_("每行一项。"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        else:
            del self.fields["version"]

    class Meta:
        model = Building
        fields = [
            "slug",
            "language",
            "name_zh",
            "name_en",
            "operator",
            "address",
            "subdistrict",
            "description_zh",
            "description_en",
            "facilities",
            "latitude",
            "longitude",
        ]
        widgets = {
            "description_zh": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class RenewalSiteForm(forms.ModelForm):
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        else:
            del self.fields["version"]

    class Meta:
        model = RenewalSite
        fields = [
            "slug",
            "language",
            "name_zh",
            "name_en",
            "address",
            "stage",
            "site_area_sqm",
            "floor_area_sqm",
            "planned_use_zh",
            "planned_use_en",
            "lead_unit",
            "start_year",
            "target_year",
        ]
        widgets = {
            "planned_use_zh": forms.Textarea(attrs={"rows": 3}),
            "planned_use_en": forms.Textarea(attrs={"rows": 3}),
        }

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data
