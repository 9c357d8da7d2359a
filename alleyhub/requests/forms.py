from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alleyhub.directory.models import Organization, OrganizationKind

from .attachments import MAX_ATTACHMENTS_PER_REQUEST
from .models import Category, ContactPreference


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.txt"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class RequestSubmitForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("提交企业"), queryset=Organization.objects.none())
    category = forms.ChoiceField(label=_("诉求类别"), choices=Category.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    description = forms.CharField(label=_("诉求内容"), widget=forms.Textarea(attrs={"rows": 6}))
    contact_preference = forms.ChoiceField(
        label=_("联系方式偏好"), choices=ContactPreference.choices, initial=ContactPreference.PHONE
    )
    files = MultipleFileField(label=_("附件"), required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        # Interpolated here, in the request's language (a lazy string would be fixed at import).
        self.fields["files"].help_text = gettext(
            "最多 %(n)s 个，每个不超过 10 MB；PDF、DOCX、XLSX、PNG、JPG、TXT"
        ) % {"n": MAX_ATTACHMENTS_PER_REQUEST}
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()
            self.fields["organization"].widget = forms.HiddenInput()


class RequestActionForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput())
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    score = forms.TypedChoiceField(
        label=_("评分"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(i, str(i)) for i in range(5, 0, -1)],
    )
    responsible_unit = forms.ModelChoiceField(
        label=_("责任单位"),
        required=False,
        queryset=Organization.objects.filter(kind=OrganizationKind.GOVERNMENT_UNIT),
    )
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"),
        required=False,
        queryset=Organization.objects.filter(kind=OrganizationKind.GOVERNMENT_UNIT),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
