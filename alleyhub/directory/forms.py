"""Forms of the organisation pages: registering, joining, the profile, members and invitations.
They only parse input; the rules live in directory.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.accounts.models import Membership
from alleyhub.core.pages import VersionField
from alleyhub.core.uploads import IMAGES, UploadField
from alleyhub.core.validators import validate_credit_code

from .models import Industry, LifecycleStage, Organization, OrganizationKind
from .services import PROFILE_FIELDS


def industry_grouped_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Industries grouped under their top-level field, for checkboxes in groups (a parent is the
    first choice of its own group)."""
    industries = list(Industry.objects.order_by("code"))
    children: dict[int | None, list[Industry]] = {}
    for industry in industries:
        children.setdefault(industry.parent_id, []).append(industry)
    groups = []
    for top in children.get(None, []):
        members = [top]
        frontier = [top]
        while frontier:
            frontier = [c for parent in frontier for c in children.get(parent.pk, [])]
            members.extend(frontier)
        groups.append((top.localized_name, [(i.pk, i.localized_name) for i in members]))
    return groups


class IndustryCheckboxField(forms.TypedMultipleChoiceField):
    """Industries as grouped checkboxes (not a Ctrl-click list); cleans to Industry objects."""

    widget = forms.CheckboxSelectMultiple(attrs={"class": "industry-checkboxes"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("产业领域"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"invalid_choice": _("产业领域无效。")})
        super().__init__(coerce=int, choices=industry_grouped_choices, **kwargs)

    def clean(self, value: Any) -> list[Industry]:
        ids = super().clean(value)
        return list(Industry.objects.filter(pk__in=ids).order_by("code"))


class OrganizationRegisterForm(forms.Form):
    kind = forms.ChoiceField(label=_("机构类型"), choices=OrganizationKind.choices)
    name_zh = forms.CharField(label=_("中文名称"), max_length=200, required=False)
    name_en = forms.CharField(label=_("英文名称"), max_length=200, required=False)
    short_name = forms.CharField(label=_("简称"), max_length=60, required=False)
    credit_code = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=18,
        min_length=18,
        validators=[validate_credit_code],
        help_text=_("18 位，按 GB 32100 校验。"),
        error_messages={"min_length": _("统一社会信用代码应为 18 位。")},
    )
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    stage = forms.ChoiceField(
        label=_("发展阶段"), choices=[("", "—"), *LifecycleStage.choices], required=False
    )
    industries = IndustryCheckboxField()

    def clean_credit_code(self) -> str:
        return (self.cleaned_data.get("credit_code") or "").strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("name_zh") or data.get("name_en")):
            self.add_error("name_zh", _("请至少填写中文或英文名称。"))
        return data


class OrganizationProfileForm(forms.ModelForm):
    """The profile an organisation's admins (and operators) keep. `version` is the one the page
    showed (a stale one shows what changed meanwhile, core.pages)."""

    version = VersionField()
    website = forms.URLField(label=_("网站"), max_length=200, required=False, assume_scheme="https")
    industries = IndustryCheckboxField()
    logo = UploadField(
        label=_("标志"), policy=IMAGES, required=False, help_text=_("PNG 或 JPG，不超过 5 MB。")
    )

    class Meta:
        model = Organization
        fields = [
            "language",
            "name_zh",
            "name_en",
            "short_name",
            "description_zh",
            "description_en",
            "stage",
            "website",
            "founded_year",
            "employees",
            "address",
            "subdistrict",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "description_zh": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)
        self.initial.setdefault("industries", list(self.instance.industries.values_list("pk", flat=True)))

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in PROFILE_FIELDS if name in self.cleaned_data}
        data["industries"] = self.cleaned_data["industries"]
        data["logo"] = self.cleaned_data.get("logo") or None
        return data


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("留言（可选）"),
        max_length=1000,
        required=False,
        help_text=_("例如您的职务，便于管理员确认。"),
    )


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=1000, required=False)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("同事的邮箱"))
    role = forms.ChoiceField(
        label=_("角色"), choices=Membership.MemberRole.choices, initial=Membership.MemberRole.MEMBER
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=Membership.MemberRole.choices)
