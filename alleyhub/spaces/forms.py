from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm, blank_choice

from .models import SpaceKind
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
