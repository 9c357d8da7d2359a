"""Pieces of every listing's edit form (outcomes, demands, investor profiles, services, space units),
shared by listings, catalogue and spaces: the owner choice, the hidden version, the industries
widget and the attachment upload. Forms only validate; views hand the cleaned data to the services,
which validate again (model `clean`) and write, so an import (Excel) can reuse the same forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alleyhub.core.pages import VersionField
from alleyhub.core.uploads import LISTING_FILES, UploadField

from .models import Industry

M2M_FIELDS = ("industries", "inventors", "sectors")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IndustryMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Industries as checkboxes with their names in the reader's language (a long <select
    multiple> needs Ctrl-click and is unusable on a phone)."""

    widget = forms.CheckboxSelectMultiple(attrs={"class": "industry-choices"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Industry.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple(attrs={"class": "industry-choices"}))
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Model) -> str:
        assert isinstance(obj, Industry)
        return obj.localized_name


class ListingEditForm(forms.ModelForm):
    """Shared parts: owner choice on create (limited to the organisations the user may create this
    kind for), no past expiry, and on edit the hidden `version` the page showed (a stale one is a
    conflict, core.pages)."""

    version = VersionField()

    def __init__(self, *args: Any, organizations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields.get("owner")
        if isinstance(owner, forms.ModelChoiceField):
            owner.queryset = organizations
            owner.empty_label = None
        for name in ("industries", "sectors"):
            field = self.fields.get(name)
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.queryset = Industry.objects.order_by("code")
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        else:
            del self.fields["version"]

    def clean_expires_on(self) -> Any:
        value = self.cleaned_data.get("expires_on")
        if value and value < timezone.localdate() and value != getattr(self.instance, "expires_on", None):
            raise forms.ValidationError(_("有效期不能早于今天。"))
        return value

    def service_data(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(plain fields, M2M fields) for the service call; owner and version are passed apart."""
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        data.pop("version", None)
        m2m: dict[str, Any] = {name: data.pop(name) for name in M2M_FIELDS if name in data}
        return data, m2m


class AttachmentForm(forms.Form):
    """One file for a listing: PDF, image or Office file, checked by content (core.uploads)."""

    file = UploadField(
        label=_("文件"),
        policy=LISTING_FILES,
        help_text=_("PDF、图片或 Office 文件，单个不超过 20 MB。"),
    )
    title = forms.CharField(label=_("说明"), max_length=200, required=False)
    confidential = forms.BooleanField(
        label=_("保密"),
        required=False,
        help_text=_("仅所属机构、运营方及获准查看保密信息的人可以下载"),
    )
