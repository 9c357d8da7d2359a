"""Filter forms (GET) and edit forms (POST) for listings. Edit forms only validate; the views hand
the cleaned data to the services, which validate again and write."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm, blank_choice
from alleyhub.directory.models import Industry, LifecycleStage, OrganizationKind

from .models import CooperationMode, IPStatus, TechDemand, TechOutcome
from .selectors import industry_choices

TRL_ERRORS = {
    "min_value": _("技术成熟度须在 1 到 9 之间。"),
    "max_value": _("技术成熟度须在 1 到 9 之间。"),
    "invalid": _("请输入 1 到 9 之间的整数。"),
}
AMOUNT_ERRORS = {"min_value": _("金额不能为负数。"), "invalid": _("请输入整数金额（元）。")}
MAX_AMOUNT = 10**15


class OutcomeFilterForm(FilterForm):
    industry = forms.ChoiceField(label=_("产业领域"), required=False)
    trl_min = forms.IntegerField(
        label=_("TRL 从"), required=False, min_value=1, max_value=9, error_messages=TRL_ERRORS
    )
    trl_max = forms.IntegerField(
        label=_("TRL 至"), required=False, min_value=1, max_value=9, error_messages=TRL_ERRORS
    )
    mode = forms.ChoiceField(
        label=_("合作方式"), required=False, choices=blank_choice(CooperationMode.choices)
    )
    ip_status = forms.ChoiceField(
        label=_("知识产权状态"), required=False, choices=blank_choice(IPStatus.choices)
    )
    owner_kind = forms.ChoiceField(
        label=_("机构类型"), required=False, choices=blank_choice(OrganizationKind.choices)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].choices = blank_choice(industry_choices())

    def clean(self):
        data = super().clean()
        self._check_order("trl_min", "trl_max", _("TRL 下限不能高于上限。"))
        return data


class DemandFilterForm(FilterForm):
    industry = forms.ChoiceField(label=_("产业领域"), required=False)
    mode = forms.ChoiceField(
        label=_("期望合作方式"), required=False, choices=blank_choice(CooperationMode.choices)
    )
    budget_min = forms.IntegerField(
        label=_("预算不低于（元）"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages=AMOUNT_ERRORS,
    )
    budget_max = forms.IntegerField(
        label=_("预算不高于（元）"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages=AMOUNT_ERRORS,
    )
    open_only = forms.BooleanField(label=_("仅显示未截止"), required=False)
    owner_kind = forms.ChoiceField(
        label=_("机构类型"), required=False, choices=blank_choice(OrganizationKind.choices)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].choices = blank_choice(industry_choices())

    def clean(self):
        data = super().clean()
        self._check_order("budget_min", "budget_max", _("预算下限不能高于上限。"))
        return data


class InvestorFilterForm(FilterForm):
    sector = forms.ChoiceField(label=_("关注领域"), required=False)
    stage = forms.ChoiceField(
        label=_("投资阶段"), required=False, choices=blank_choice(LifecycleStage.choices)
    )
    ticket = forms.IntegerField(
        label=_("单笔金额（元）"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages=AMOUNT_ERRORS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = blank_choice(industry_choices())


# --- edit forms -----------------------------------------------------------------------------------


class IndustryMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.localized_name


class ListingEditForm(forms.ModelForm):
    """Shared parts: owner choice on create (limited to the user's organisations), no past expiry."""

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields:
            self.fields["owner"].queryset = organizations
            self.fields["owner"].empty_label = None
        if "industries" in self.fields:
            self.fields["industries"].queryset = Industry.objects.order_by("code")

    def clean_expires_on(self):
        value = self.cleaned_data.get("expires_on")
        if value and value < timezone.localdate() and value != getattr(self.instance, "expires_on", None):
            raise forms.ValidationError(_("有效期不能早于今天。"))
        return value

    def service_data(self) -> tuple[dict, dict]:
        """(plain fields, M2M fields) for the service call."""
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        m2m = {name: data.pop(name) for name in ("industries", "inventors") if name in data}
        return data, m2m


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OutcomeForm(ListingEditForm):
    trl = forms.IntegerField(label=_("技术成熟度 (TRL)"), min_value=1, max_value=9, error_messages=TRL_ERRORS)
    cooperation_modes = forms.MultipleChoiceField(
        label=_("合作方式"),
        choices=CooperationMode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("合作方式无效。")},
    )
    price_min = forms.IntegerField(
        label=_("最低报价（元）"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages=AMOUNT_ERRORS,
    )
    price_max = forms.IntegerField(
        label=_("最高报价（元）"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages=AMOUNT_ERRORS,
    )
    industries = IndustryMultipleChoiceField(
        label=_("产业领域"),
        queryset=Industry.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = TechOutcome
        fields = [
            "owner",
            "language",
            "title_zh",
            "title_en",
            "summary_zh",
            "summary_en",
            "applications_zh",
            "applications_en",
            "trl",
            "ip_status",
            "patent_numbers",
            "cooperation_modes",
            "price_min",
            "price_max",
            "industries",
            "keywords",
            "expires_on",
            "confidential_details",
        ]
        widgets = {
            "expires_on": DATE_INPUT,
            "summary_zh": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
            "applications_zh": forms.Textarea(attrs={"rows": 3}),
            "applications_en": forms.Textarea(attrs={"rows": 3}),
            "confidential_details": forms.Textarea(attrs={"rows": 3}),
        }


class DemandForm(ListingEditForm):
    wanted_modes = forms.MultipleChoiceField(
        label=_("期望合作方式"),
        choices=CooperationMode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("合作方式无效。")},
    )
    budget_min = forms.IntegerField(
        label=_("预算下限（元）"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages=AMOUNT_ERRORS,
    )
    budget_max = forms.IntegerField(
        label=_("预算上限（元）"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages=AMOUNT_ERRORS,
    )
    min_trl = forms.IntegerField(
        label=_("最低技术成熟度"), required=False, min_value=1, max_value=9, error_messages=TRL_ERRORS
    )
    industries = IndustryMultipleChoiceField(
        label=_("产业领域"),
        queryset=Industry.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = TechDemand
        fields = [
            "owner",
            "language",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "budget_min",
            "budget_max",
            "deadline",
            "wanted_modes",
            "min_trl",
            "industries",
            "keywords",
            "expires_on",
            "confidential_details",
        ]
        widgets = {
            "deadline": DATE_INPUT,
            "expires_on": DATE_INPUT,
            "description_zh": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "confidential_details": forms.Textarea(attrs={"rows": 3}),
        }
