from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alleyhub.directory.models import Organization, Person
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome

from .models import CaseActivity, SupplyKind
from .transitions import CloseReason, ContractType, Stage

User = get_user_model()


def _brokers():
    return User.objects.filter(role="broker", is_active=True).order_by("display_name", "username")


class CaseCreateForm(forms.Form):
    demand_org = forms.ModelChoiceField(Organization.objects.all(), label=pgettext_lazy("对接项目", "需求方"))
    demand = forms.ModelChoiceField(
        TechDemand.objects.all(), label=pgettext_lazy("kind", "技术需求"), required=False
    )
    supply_kind = forms.ChoiceField(choices=SupplyKind.choices, label=_("供给方类型"))
    outcome = forms.ModelChoiceField(
        TechOutcome.objects.all(), label=pgettext_lazy("kind", "科技成果"), required=False
    )
    expert = forms.ModelChoiceField(Person.objects.all(), label=_("专家"), required=False)
    investor = forms.ModelChoiceField(InvestorProfile.objects.all(), label=_("投资机构"), required=False)
    broker = forms.ModelChoiceField(_brokers(), label=_("负责经纪人"))
    co_brokers = forms.ModelMultipleChoiceField(_brokers(), label=_("协作经纪人"), required=False)
    title = forms.CharField(label=_("名称"), max_length=200, required=False, help_text=_("留空则自动生成"))
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["broker"].queryset = _brokers()
        self.fields["co_brokers"].queryset = _brokers()

    def clean(self):
        data = super().clean()
        kind = data.get("supply_kind")
        if kind and not data.get(kind):
            self.add_error(kind, _("请选择供给方。"))
        for other in {"outcome", "expert", "investor"} - {kind}:
            data[other] = None
        return data


class CaseEditForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    co_brokers = forms.ModelMultipleChoiceField(_brokers(), label=_("协作经纪人"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_brokers"].queryset = _brokers()


class CaseMoveForm(forms.Form):
    to_stage = forms.ChoiceField(choices=Stage.choices, label=_("新阶段"))
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    close_reason = forms.ChoiceField(
        choices=[("", "—"), *CloseReason.choices], label=_("终止原因"), required=False
    )
    contract_type = forms.ChoiceField(
        choices=[("", "—"), *ContractType.choices], label=_("合同类型"), required=False
    )
    contract_amount = forms.DecimalField(
        label=_("合同金额（元）"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    contract_date = forms.DateField(
        label=_("签约日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["to_stage"].choices = [(s, Stage(s).label) for s in allowed]


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(choices=CaseActivity.Kind.choices, label=_("类型"))
    text = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    file = forms.FileField(label=_("文件"), required=False)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        choices=[(i, str(i)) for i in range(5, 0, -1)], coerce=int, label=_("评分")
    )
    comment = forms.CharField(
        label=_("评语"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class StartFromMatchForm(forms.Form):
    broker = forms.ModelChoiceField(_brokers(), label=_("负责经纪人"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["broker"].queryset = _brokers()


class BoardFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False)
    supply_kind = forms.ChoiceField(
        choices=[("", _("全部")), *SupplyKind.choices], label=_("供给方类型"), required=False
    )
    broker = forms.ModelChoiceField(_brokers(), label=_("经纪人"), required=False, empty_label=_("全部"))
    stale = forms.BooleanField(label=_("仅显示久未跟进"), required=False)

    def __init__(self, *args, show_broker: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["broker"].queryset = _brokers()
        if not show_broker:
            del self.fields["broker"]
