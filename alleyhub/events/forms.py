"""Filter forms (GET) and edit forms (POST) for events. Forms only validate; the views hand the
cleaned data to the services, which validate again and write."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm, blank_choice
from alleyhub.core.pages import VersionField
from alleyhub.core.uploads import IMAGES, UploadField
from alleyhub.directory.models import Industry, Organization, Person
from alleyhub.directory.ownership import editable_organizations
from alleyhub.spaces.models import SpaceKind, SpaceUnit

from .models import ApprovalMode, Event, EventKind, EventSeries

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _series_choices():
    return blank_choice([(s.slug, s.name) for s in EventSeries.objects.order_by("name_zh")])


def _industry_choices():
    return blank_choice([(i.code, i.localized_name) for i in Industry.objects.filter(parent__isnull=True)])


class EventFilterForm(FilterForm):
    when = forms.ChoiceField(
        label=_("时间"),
        required=False,
        choices=[("upcoming", _("即将举行")), ("past", _("往期活动")), ("all", _("全部"))],
    )
    series = forms.ChoiceField(label=_("系列"), required=False, choices=_series_choices)
    kind = forms.ChoiceField(label=_("活动类型"), required=False, choices=blank_choice(EventKind.choices))
    industry = forms.ChoiceField(label=_("产业领域"), required=False, choices=_industry_choices)
    month = forms.CharField(
        label=_("月份"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-12"}),
    )

    # The page's layout (list or month grid), kept when the filters change; not a filter.
    view = forms.ChoiceField(
        required=False,
        choices=[("", ""), ("list", "list"), ("calendar", "calendar")],
        widget=forms.HiddenInput,
    )

    def clean_month(self) -> str:
        value = (self.cleaned_data.get("month") or "").strip()
        if value and not MONTH.match(value):
            raise ValidationError(_("月份格式应为 YYYY-MM。"))
        return value

    def filters(self) -> dict:
        data = super().filters()
        data.pop("view", None)
        if data.get("when") == "all" or self.data.get("view") == "calendar":
            # The month grid shows the whole month, past and upcoming days alike.
            data.pop("when", None)
        return data


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
AGENDA_LINE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*(?:[-–~—]\s*(\d{1,2}):(\d{2}))?\s+(.+?)\s*$")


def _venue_choices():
    units = SpaceUnit.objects.filter(kind=SpaceKind.EVENT_VENUE).select_related("building")
    return [("", _("（不选择场地，填写地址）"))] + [
        (u.pk, f"{u.building} · {u.title}" + (f" ({u.capacity})" if u.capacity else "")) for u in units
    ]


class EventForm(forms.Form):
    version = VersionField()
    kind = forms.ChoiceField(label=_("活动类型"), choices=EventKind.choices)
    series = forms.ModelChoiceField(label=_("所属系列"), queryset=EventSeries.objects.all(), required=False)
    title_zh = forms.CharField(label=_("中文标题"), max_length=200, required=False)
    title_en = forms.CharField(label=_("英文标题"), max_length=200, required=False)
    description_zh = forms.CharField(
        label=_("中文介绍"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    description_en = forms.CharField(
        label=_("英文介绍"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    organizers = forms.ModelMultipleChoiceField(label=_("主办机构"), queryset=Organization.objects.none())
    venue = forms.TypedChoiceField(label=_("场地"), required=False, coerce=int, empty_value=None)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=DATETIME)
    capacity = forms.IntegerField(
        label=_("名额"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("留空：按场地容量；无场地时不限"),
    )
    approval_mode = forms.ChoiceField(label=_("报名审核"), choices=ApprovalMode.choices)
    registration_deadline = forms.DateTimeField(label=_("报名截止"), required=False, widget=DATETIME)
    offer_hours = forms.IntegerField(label=_("候补确认时限（小时）"), min_value=1, max_value=168, initial=24)
    speakers = forms.ModelMultipleChoiceField(
        label=_("嘉宾"), queryset=Person.objects.filter(is_published=True), required=False
    )
    industries = forms.ModelMultipleChoiceField(
        label=_("产业领域"), queryset=Industry.objects.all(), required=False
    )
    tags = forms.CharField(label=_("标签"), required=False, help_text=_("用逗号分隔"), max_length=600)
    agenda = forms.CharField(
        label=_("议程"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("每行一项，例如：08:30-09:00 签到与早餐"),
    )
    poster = UploadField(label=_("海报"), policy=IMAGES, required=False)

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizers"].queryset = editable_organizations(user=user)  # type: ignore[attr-defined]
        cast(forms.TypedChoiceField, self.fields["venue"]).choices = _venue_choices()

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        lines = []
        for s in event.sessions.all():
            begin = timezone.localtime(s.starts_at).strftime("%H:%M")
            end = f"-{timezone.localtime(s.ends_at):%H:%M}" if s.ends_at else ""
            lines.append(f"{begin}{end} {s.title}")
        return {
            "version": event.version,
            "kind": event.kind,
            "series": event.series_id,
            "title_zh": event.title_zh,
            "title_en": event.title_en,
            "description_zh": event.description_zh,
            "description_en": event.description_en,
            "organizers": list(event.organizers.all()),
            "venue": event.venue_id,
            "address": event.address,
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at),
            "capacity": event.capacity,
            "approval_mode": event.approval_mode,
            "registration_deadline": event.registration_deadline
            and timezone.localtime(event.registration_deadline),
            "offer_hours": event.offer_hours,
            "speakers": list(event.speakers.all()),
            "industries": list(event.industries.all()),
            "tags": ", ".join(event.tags),
            "agenda": "\n".join(lines),
        }

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags") or ""
        return [t.strip() for t in re.split(r"[,，、]", raw) if t.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_zh") or data.get("title_en")):
            self.add_error("title_zh", _("请至少填写中文或英文标题。"))
        starts = data.get("starts_at")
        agenda_text = data.get("agenda") or ""
        agenda = []
        if starts:
            day = timezone.localtime(starts).date()
            for number, line in enumerate(agenda_text.splitlines(), start=1):
                if not line.strip():
                    continue
                match = AGENDA_LINE.match(line)
                if not match:
                    self.add_error("agenda", _("第 %(n)s 行应为“时:分-时:分 议程”。") % {"n": number})
                    continue
                h1, m1, h2, m2, title = match.groups()
                try:
                    begin = timezone.make_aware(datetime.combine(day, time(int(h1), int(m1))))
                    end = timezone.make_aware(datetime.combine(day, time(int(h2), int(m2)))) if h2 else None
                except ValueError:
                    self.add_error("agenda", _("第 %(n)s 行的时间无效。") % {"n": number})
                    continue
                agenda.append({"starts_at": begin, "ends_at": end, "title": title[:200]})
        data["agenda"] = agenda
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        venue_id = data.pop("venue", None)
        data["venue"] = SpaceUnit.objects.filter(pk=venue_id).first() if venue_id else None
        data["organizers"] = list(data["organizers"])
        data["speakers"] = list(data["speakers"])
        data["industries"] = list(data["industries"])
        data["language"] = "zh" if data.get("title_zh") else "en"
        if not data.get("poster"):
            data.pop("poster", None)
        return data


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("问题"), max_length=200)
    choices = forms.CharField(
        label=_("选项"), required=False, help_text=_("用逗号分隔；留空为自由填写"), max_length=2000
    )
    required = forms.BooleanField(label=_("必答"), required=False)

    def clean_choices(self) -> list[str]:
        return [c.strip() for c in re.split(r"[,，、]", self.cleaned_data.get("choices") or "") if c.strip()]


class RegistrationForm(forms.Form):
    """Name, contact and organisation (asked only of people not signed in), the event's own
    questions, and the consent to the privacy notice (not signed in)."""

    name = forms.CharField(label=_("姓名"), max_length=100, required=False)
    email = forms.EmailField(label=_("邮箱"), required=False)
    phone = forms.CharField(label=_("手机号"), max_length=30, required=False)
    organization_name = forms.CharField(label=_("单位"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_("我已阅读并同意隐私政策：报名信息仅用于本次活动的组织、签到和通知。"), required=False
    )

    def __init__(self, *args: Any, event: Event, user, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signed_in = bool(getattr(user, "is_authenticated", False))
        if self.signed_in:
            for name in ("name", "email", "phone", "consent"):
                del self.fields[name]
        else:
            for name in ("name", "email", "phone", "consent"):
                self.fields[name].required = True
        for question in event.questions.all():
            if question.choices:
                field: forms.Field = forms.ChoiceField(
                    label=question.label,
                    required=question.required,
                    choices=blank_choice([(c, c) for c in question.choices]),
                )
            else:
                field = forms.CharField(label=question.label, required=question.required, max_length=1000)
            self.fields[question.field_name] = field

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        answers = {k: v for k, v in data.items() if k.startswith("q_")}
        return {
            "name": data.get("name", ""),
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "organization_name": data.get("organization_name", ""),
            "consent": bool(data.get("consent")),
            "answers": answers,
        }


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=100)
    phone = forms.CharField(label=_("手机号"), max_length=30, required=False)
    email = forms.EmailField(label=_("邮箱"), required=False)
    organization_name = forms.CharField(label=_("单位"), max_length=200, required=False)


class ScanForm(forms.Form):
    code = forms.CharField(label=_("票码"), max_length=200)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("评分"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("意见与建议"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
