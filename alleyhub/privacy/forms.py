from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.core.forms import FilterForm

from .selectors import AUDIT_FILTER_MAX_LENGTH


class AuditFilterForm(FilterForm):
    """The audit page's filters; the same names and meaning as `GET /api/audit`'s parameters."""

    q = None  # type: ignore[assignment]  # no text search: the audit log is filtered exactly
    actor = forms.IntegerField(label=_("操作人编号"), required=False, min_value=1, max_value=2**62)
    target_type = forms.CharField(
        label=_("对象类型"),
        required=False,
        max_length=AUDIT_FILTER_MAX_LENGTH,
        help_text=_("例如 requests.enterpriserequest"),
    )
    target_id = forms.CharField(label=_("对象编号"), required=False, max_length=AUDIT_FILTER_MAX_LENGTH)
    code = forms.CharField(
        label=_("动作"),
        required=False,
        max_length=AUDIT_FILTER_MAX_LENGTH,
        help_text=_("完整动作代码，或以“.”结尾的前缀，例如 requests."),
    )


class DocumentsAcceptForm(forms.Form):
    accept = forms.BooleanField(
        label=_("我已阅读并同意《隐私政策》和《用户协议》"),
        required=True,
        error_messages={"required": _("请勾选同意后继续。")},
    )


class DeletionConfirmForm(forms.Form):
    password = forms.CharField(
        label=_("当前密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("我了解：宽限期结束后，我的账号和个人信息将被删除，无法恢复。"),
        required=True,
        error_messages={"required": _("请勾选确认后继续。")},
    )
