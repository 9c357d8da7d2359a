"""Forms of the enquiry pages. They parse input; the rules (required answers, consent, visit
time, party size) are the services', whose refusals `core.pages.form_errors` puts on the form."""

from __future__ import annotations

import json
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm, blank_choice
from alleyhub.core.models import current_language_code
from alleyhub.core.pages import VersionField
from alleyhub.directory.models import Organization

from .models import EnquiryKind, EnquiryStatus, QuestionType
from .questions import choice_label, question_label


class EnquiryForm(forms.Form):
    """Apply for a service (its questions, or a message) or ask about a space unit (a visit)."""

    applicant_organization: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("代表机构"), queryset=Organization.objects.none(), required=False, empty_label=_("以个人身份")
    )
    message = forms.CharField(
        label=_("留言"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=4000
    )
    proposed_at = forms.DateTimeField(
        label=_("希望看房时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    party_size = forms.IntegerField(label=_("来访人数"), required=False, min_value=1, max_value=50)
    consent = forms.BooleanField(
        label=_("我同意将我的姓名、邮箱和电话提供给对方，用于处理本次申请或咨询。"), required=False
    )

    def __init__(self, *args: Any, kind: str, questions: list[dict], organizations, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.questions = questions
        cast(forms.ModelChoiceField, self.fields["applicant_organization"]).queryset = organizations
        if not organizations.exists():
            del self.fields["applicant_organization"]
        if kind == EnquiryKind.SERVICE:
            del self.fields["proposed_at"], self.fields["party_size"]
            if questions:
                self.fields["message"].label = _("补充说明（可选）")
        else:
            self.fields["message"].label = _("留言（可选）")
        lang = current_language_code()
        for q in questions:
            name = f"answer_{q['key']}"
            label = question_label(q, lang)
            required = bool(q.get("required"))
            if q["type"] == QuestionType.CHOICE:
                choices = [(str(i), choice_label(c, lang)) for i, c in enumerate(q.get("choices") or [])]
                field: forms.Field = forms.ChoiceField(
                    label=label, choices=[("", "—"), *choices], required=False
                )
            elif q["type"] == QuestionType.DATE:
                field = forms.CharField(
                    label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}), max_length=10
                )
            else:
                field = forms.CharField(label=label, required=False, max_length=1000)
            # Required answers are checked by the service; the browser is only told.
            field.widget.attrs["required"] = required
            self.fields[name] = field
        # Question fields first, then the message, then the consent.
        order = [f"answer_{q['key']}" for q in questions]
        self.order_fields(
            ["applicant_organization", *order, "proposed_at", "party_size", "message", "consent"]
        )

    def answers(self) -> dict[str, str]:
        return {q["key"]: self.cleaned_data.get(f"answer_{q['key']}") or "" for q in self.questions}


class EnquiryActionForm(forms.Form):
    body = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    version = VersionField()


class EnquiryFilterForm(FilterForm):
    status = forms.ChoiceField(label=_("状态"), choices=blank_choice(EnquiryStatus.choices), required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=blank_choice(EnquiryKind.choices), required=False)
    listing = forms.ChoiceField(label=_("信息"), choices=[("", _("全部"))], required=False)

    def __init__(self, *args: Any, listings: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["q"]
        if listings is None:
            del self.fields["listing"]
        else:
            cast(forms.ChoiceField, self.fields["listing"]).choices = blank_choice(listings)


class ServiceFormForm(forms.Form):
    questions = forms.CharField(
        label=_("申请表问题（JSON）"),
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        required=False,
        help_text=_("留空或 [] 表示只请申请人留言。"),
    )

    def clean_questions(self) -> Any:
        raw = (self.cleaned_data.get("questions") or "").strip() or "[]"
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise forms.ValidationError(_("不是有效的 JSON：%(error)s") % {"error": exc}) from None
