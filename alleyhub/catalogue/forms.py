from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm, blank_choice
from alleyhub.directory.models import LifecycleStage

from .models import ServiceCategory
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
