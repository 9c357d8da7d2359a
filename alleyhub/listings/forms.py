"""Filter forms (GET) and edit forms (POST) for listings. Edit forms only validate; the views hand
the cleaned data to the services, which validate again and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm, blank_choice
from alleyhub.directory.listing_forms import DATE_INPUT, IndustryMultipleChoiceField, ListingEditForm
from alleyhub.directory.models import LifecycleStage, OrganizationKind

from .models import CooperationMode, InvestorProfile, IPStatus, TechDemand, TechOutcome
from .selectors import DemandListParams, InvestorListParams, OutcomeListParams, industry_choices

TRL_ERRORS = {
    "min_value": _("技术成熟度须在 1 到 9 之间。"),
    "max_value": _("技术成熟度须在 1 到 9 之间。"),
    "invalid": _("请输入 1 到 9 之间的整数。"),
}
AMOUNT_ERRORS = {"min_value": _("金额不能为负数。"), "invalid": _("请输入整数金额（元）。")}
MAX_AMOUNT = 10**15
ID_MAX = 2**63 - 1


def _industry_choices() -> list[tuple[str, str]]:
    # A callable, so the taxonomy is read when a form is made, not when this module is imported.
    return blank_choice(industry_choices())


class OutcomeFilterForm(FilterForm):
    industry = forms.ChoiceField(label=_("产业领域"), required=False, choices=_industry_choices)
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
    # Parameters the API takes too (links from other pages), so page and API list the same rows.
    trl = forms.IntegerField(
        label=_("技术成熟度 (TRL)"),
        required=False,
        min_value=1,
        max_value=9,
        error_messages=TRL_ERRORS,
        widget=forms.HiddenInput,
    )
    owner_id = forms.IntegerField(
        label=_("所属机构"), required=False, min_value=1, max_value=ID_MAX, widget=forms.HiddenInput
    )

    def clean(self):
        data = super().clean()
        self._check_order("trl_min", "trl_max", _("TRL 下限不能高于上限。"))
        return data

    def params(self) -> OutcomeListParams:
        return OutcomeListParams.from_values(self.filters())


class DemandFilterForm(FilterForm):
    industry = forms.ChoiceField(label=_("产业领域"), required=False, choices=_industry_choices)
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
    # Parameters the API takes too (links from other pages), so page and API list the same rows.
    deadline_after = forms.DateField(label=_("截止日期"), required=False, widget=forms.HiddenInput)
    owner_id = forms.IntegerField(
        label=_("所属机构"), required=False, min_value=1, max_value=ID_MAX, widget=forms.HiddenInput
    )

    def clean(self):
        data = super().clean()
        self._check_order("budget_min", "budget_max", _("预算下限不能高于上限。"))
        return data

    def params(self) -> DemandListParams:
        return DemandListParams.from_values(self.filters())


class InvestorFilterForm(FilterForm):
    sector = forms.ChoiceField(label=_("关注领域"), required=False, choices=_industry_choices)
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

    def params(self) -> InvestorListParams:
        return InvestorListParams.from_values(self.filters())


# --- edit forms -----------------------------------------------------------------------------------


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
    industries = IndustryMultipleChoiceField(label=_("产业领域"))

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
    industries = IndustryMultipleChoiceField(label=_("产业领域"))

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


class InvestorForm(ListingEditForm):
    stages = forms.MultipleChoiceField(
        label=_("投资阶段"),
        choices=LifecycleStage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("发展阶段无效。")},
    )
    ticket_min = forms.IntegerField(
        label=_("单笔投资下限（元）"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages=AMOUNT_ERRORS,
    )
    ticket_max = forms.IntegerField(
        label=_("单笔投资上限（元）"),
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT,
        error_messages=AMOUNT_ERRORS,
    )
    sectors = IndustryMultipleChoiceField(label=_("关注领域"))

    class Meta:
        model = InvestorProfile
        fields = [
            "owner",
            "language",
            "title_zh",
            "title_en",
            "thesis_zh",
            "thesis_en",
            "stages",
            "ticket_min",
            "ticket_max",
            "sectors",
            "portfolio",
            "expires_on",
        ]
        widgets = {
            "expires_on": DATE_INPUT,
            "thesis_zh": forms.Textarea(attrs={"rows": 4}),
            "thesis_en": forms.Textarea(attrs={"rows": 4}),
            "portfolio": forms.Textarea(attrs={"rows": 3}),
        }
