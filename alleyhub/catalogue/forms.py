from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm, blank_choice
from alleyhub.directory.listing_forms import DATE_INPUT, ListingEditForm
from alleyhub.directory.models import LifecycleStage

from .models import ServiceCategory, ServiceOffering
from .selectors import GROUPINGS


class ServiceFilterForm(FilterForm):
    category = forms.ChoiceField(
        label=_("服务类别"), required=False, choices=blank_choice(ServiceCategory.choices)
    )
    stage = forms.ChoiceField(
        label=_("适用发展阶段"), required=False, choices=blank_choice(LifecycleStage.choices)
    )
    free = forms.BooleanField(label=_("仅免费服务"), required=False)
    group = forms.ChoiceField(
        label=_("分组方式"),
        required=False,
        choices=[("category", _("按服务类别")), ("stage", _("按发展阶段"))],
        widget=forms.HiddenInput,
    )

    def grouping(self) -> str:
        value = self.filters().get("group")
        return value if value in GROUPINGS else "category"

    def service_filters(self) -> dict:
        return {k: v for k, v in self.filters().items() if k != "group"}


class ServiceForm(ListingEditForm):
    """Create / edit a service (the same rules as the model's `clean`, checked again by the
    service; an Excel import can reuse this form)."""

    stages = forms.MultipleChoiceField(
        label=_("适用发展阶段"),
        choices=LifecycleStage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("发展阶段无效。")},
    )

    class Meta:
        model = ServiceOffering
        fields = [
            "owner",
            "language",
            "category",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "stages",
            "eligibility_zh",
            "eligibility_en",
            "how_to_apply_zh",
            "how_to_apply_en",
            "is_free",
            "fee_zh",
            "fee_en",
            "contact_name",
            "contact_phone",
            "contact_email",
            "expires_on",
        ]
        widgets = {
            "expires_on": DATE_INPUT,
            "description_zh": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "eligibility_zh": forms.Textarea(attrs={"rows": 3}),
            "eligibility_en": forms.Textarea(attrs={"rows": 3}),
            "how_to_apply_zh": forms.Textarea(attrs={"rows": 3}),
            "how_to_apply_en": forms.Textarea(attrs={"rows": 3}),
        }
