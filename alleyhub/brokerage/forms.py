from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alleyhub.accounts.models import Role, User
from alleyhub.core.pages import VersionField
from alleyhub.directory.models import Organization, Person
from alleyhub.directory.ownership import listing_visible_queryset
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome

from .models import CaseActivity, SupplyKind
from .selectors import CaseListParams
from .transitions import CloseReason, ContractType, Stage


def _brokers() -> QuerySet[User]:
    return User.objects.filter(role=Role.BROKER, is_active=True).order_by("display_name", "username")


def _set_brokers(form: forms.BaseForm, *names: str) -> None:
    """Re-read the brokers for every form (the class attribute was evaluated once, at import)."""
    for name in names:
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = _brokers()


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

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_brokers(self, "broker", "co_brokers")
        # Only listings `user` may see: a broker never sees the titles of other organisations'
        # drafts in the choices (docs/permissions.md).
        for name, model in (("demand", TechDemand), ("outcome", TechOutcome), ("investor", InvestorProfile)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 — declared above
            field.queryset = listing_visible_queryset(model, user=user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("supply_kind")
        if kind and not data.get(kind):
            self.add_error(kind, _("请选择供给方。"))
        for other in {"outcome", "expert", "investor"} - {kind}:
            data[other] = None
        return data


class CaseEditForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    co_brokers = forms.ModelMultipleChoiceField(_brokers(), label=_("协作经纪人"), required=False)
    version = VersionField(required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_brokers(self, "co_brokers")


class CaseMoveForm(forms.Form):
    to_stage = forms.ChoiceField(choices=Stage.choices, label=_("新阶段"))
    version = VersionField(required=True)
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

    def __init__(self, *args: Any, allowed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.offer(allowed)

    def offer(self, allowed: list[str]) -> None:
        """Offer only the stages in `allowed` (the moves open now)."""
        to_stage = self.fields["to_stage"]
        if isinstance(to_stage, forms.ChoiceField):
            to_stage.choices = [(s, Stage(s).label) for s in allowed]


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_brokers(self, "broker")


class BoardFilterForm(forms.Form):
    """The filters of the board and of "my cases", read from the query string into the one
    CaseListParams that the API builds from its own query (selectors.case_list)."""

    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    supply_kind = forms.ChoiceField(
        choices=[("", _("全部")), *SupplyKind.choices], label=_("供给方类型"), required=False
    )
    broker = forms.ModelChoiceField(_brokers(), label=_("经纪人"), required=False, empty_label=_("全部"))
    stale = forms.BooleanField(label=_("仅显示久未跟进"), required=False)
    # Sorting comes from the address (?sort=title) and stays with the filters; unknown values sort
    # by the default (most recent activity first).
    sort = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, show_broker: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_brokers(self, "broker")
        if not show_broker:
            del self.fields["broker"]

    def params(self, *, brokered: bool = False) -> CaseListParams:
        """The list parameters the form was given; none (but `brokered`) if it is not valid."""
        if not self.is_valid():
            return CaseListParams(brokered=brokered)
        data = self.cleaned_data
        broker = data.get("broker")
        return CaseListParams(
            q=data.get("q") or "",
            supply_kind=data.get("supply_kind") or "",
            broker_id=broker.pk if broker is not None else None,
            stale=bool(data.get("stale")),
            brokered=brokered,
            sort=data.get("sort") or CaseListParams.sort,
        )
