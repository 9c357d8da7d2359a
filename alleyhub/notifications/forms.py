from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference


class PreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        choices=NotificationPreference.EmailMode.choices, label=_("邮件通知"), widget=forms.RadioSelect
    )
