from django import forms
from django.utils.translation import gettext_lazy as _

from alleyhub.core.pages import VersionField
from alleyhub.core.uploads import SPREADSHEETS, UploadField

from .specs import SPECS


class UploadForm(forms.Form):
    file = UploadField(
        label=_("电子表格文件"),
        policy=SPREADSHEETS,
        help_text=_("支持 .xlsx、.xls、.ods、.csv；可包含模板中的多个工作表。"),
    )
    kind = forms.ChoiceField(
        label=_("数据类型（CSV 文件请选择）"),
        required=False,
        choices=[("", _("按工作表名称识别"))] + [(key, spec.label) for key, spec in SPECS.items()],
    )


class CommitForm(forms.Form):
    version = VersionField()
