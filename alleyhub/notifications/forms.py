from django import forms
from django.utils.translation import gettext_lazy as _

from .categories import CATEGORIES
from .models import NotificationPreference


class PreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        choices=NotificationPreference.EmailMode.choices, label=_("邮件通知"), widget=forms.RadioSelect
    )


class CategoryPreferenceForm(PreferenceForm):
    """The default e-mail delivery and, per category of event, one that differs from it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_mode"].label = _("默认邮件方式")
        choices = [("", _("同默认"))] + list(NotificationPreference.EmailMode.choices)
        for key, label in CATEGORIES:
            self.fields[f"category_{key}"] = forms.ChoiceField(label=label, choices=choices, required=False)

    def category_modes(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"category_{key}") or "" for key, _label in CATEGORIES}

    @classmethod
    def initial_for(cls, preference: NotificationPreference) -> dict:
        initial = {"email_mode": preference.email_mode}
        for key, mode in (preference.category_modes or {}).items():
            initial[f"category_{key}"] = mode
        return initial
