from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alleyhub.core.pages import VersionField
from alleyhub.core.uploads import UploadField
from alleyhub.directory.models import Organization, OrganizationKind

from .attachments import ATTACHMENTS, MAX_ATTACHMENTS_PER_REQUEST
from .models import Category, ContactPreference

ACCEPT = ",".join(sorted(ATTACHMENTS.extensions))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(UploadField):
    """Several files, each checked by core.uploads.upload_validate (a bad one is a field error)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(policy=ATTACHMENTS, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
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
    # Named like BaseForm.files (the uploaded data) in the stubs; the field name is the page's input name.
    files = MultipleFileField(label=_("附件"), required=False)  # type: ignore[assignment]

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Interpolated here, in the request's language (a lazy string would be fixed at import).
        self.fields["files"].help_text = gettext(
            "最多 %(n)s 个，每个不超过 10 MB；PDF、DOCX、XLSX、PNG、JPG、TXT"
        ) % {"n": MAX_ATTACHMENTS_PER_REQUEST}
        organization = cast(forms.ModelChoiceField, self.fields["organization"])
        organization.queryset = organizations
        if organizations.count() == 1:
            organization.initial = organizations.first()
            organization.widget = forms.HiddenInput()


class RequestActionForm(forms.Form):
    version = VersionField()
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
    file = UploadField(label=_("附件"), policy=ATTACHMENTS, error_messages={"required": _("请选择文件。")})


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
