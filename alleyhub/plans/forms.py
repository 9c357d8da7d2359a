from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm
from alleyhub.core.pages import VersionField
from alleyhub.core.uploads import UploadField
from alleyhub.directory.models import Organization, OrganizationKind

from .models import ActionPlan, ItemKind, ItemStatus, PlanItem


def percent_field(**kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        min_value=Decimal(0), max_value=Decimal(100), max_digits=5, decimal_places=1, **kwargs
    )


def _units():
    return Organization.objects.filter(kind=OrganizationKind.GOVERNMENT_UNIT).order_by("pk")


class PlanFilterForm(FilterForm):
    plan = forms.ChoiceField(label=_("行动方案"), required=False)
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Organization.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), *ItemStatus.choices]
    )
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=[("", _("全部")), *ItemKind.choices])
    year = forms.IntegerField(label=_("年份"), required=False, min_value=2000, max_value=2100)
    flag = forms.ChoiceField(
        label=_("提醒"),
        required=False,
        choices=[("", _("全部")), ("late", _("已逾期")), ("stale", _("30 天未报送"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["plan"]).choices = [("", _("全部"))] + [
            (p.slug, p.title) for p in ActionPlan.objects.all()
        ]
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = _units()


class ItemForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("行动方案"), queryset=ActionPlan.objects.all())
    parent = forms.ModelChoiceField(label=_("上级事项"), queryset=PlanItem.objects.none(), required=False)
    code = forms.CharField(label=_("编号"), max_length=30, required=False)
    kind = forms.ChoiceField(label=_("类别"), choices=ItemKind.choices)
    title_zh = forms.CharField(label=_("中文名称"), max_length=200)
    title_en = forms.CharField(label=_("英文名称"), max_length=200, required=False)
    description = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    lead_unit = forms.ModelChoiceField(
        label=_("牵头单位"), queryset=Organization.objects.none(), required=False
    )
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"), queryset=Organization.objects.none(), required=False
    )
    lead_person = forms.CharField(label=_("责任人"), max_length=100, required=False)
    start_date = forms.DateField(
        label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due_date = forms.DateField(
        label=_("完成时限"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    weight = forms.DecimalField(
        label=_("权重"), min_value=Decimal(0), max_digits=6, decimal_places=2, initial=1
    )
    progress = percent_field(
        label=_("进度（%）"), required=False, help_text=_("仅无下级事项的事项可直接填写")
    )
    position = forms.IntegerField(label=_("排序"), min_value=0, initial=0, required=False)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = PlanItem.objects.select_related(
            "plan"
        ).order_by("plan", "position", "pk")
        cast(forms.ModelChoiceField, self.fields["lead_unit"]).queryset = _units()
        cast(forms.ModelChoiceField, self.fields["cooperating_units"]).queryset = _units()

    def clean(self):
        data = super().clean() or {}
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("完成时限不能早于开始日期。"))
        return data


class OverrideForm(forms.Form):
    progress = percent_field(label=_("手动设定进度（%）"), required=False)
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    clear = forms.BooleanField(required=False)
    version = VersionField()


class StatusForm(forms.Form):
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    version = VersionField()


class UpdateForm(forms.Form):
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    progress = percent_field(label=_("当前进度（%）"))
    file1 = UploadField(label=_("佐证材料"), required=False)
    file2 = UploadField(label=_("佐证材料（二）"), required=False)

    def files_list(self):
        return [f for f in (self.cleaned_data.get("file1"), self.cleaned_data.get("file2")) if f]


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    version = VersionField()


class KpiValueForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月份（留空为全年）"), min_value=1, max_value=12, required=False)
    value = forms.DecimalField(label=_("数值"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("说明"), required=False, max_length=2000)
    evidence = UploadField(label=_("佐证材料"), required=False)


class ImportForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("导入到行动方案"), queryset=ActionPlan.objects.all())
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))
