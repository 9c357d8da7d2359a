from functools import partial

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alleyhub.accounts.models import SPOKEN_LANGUAGES
from alleyhub.accounts.tasks import send_password_reset_email
from alleyhub.core.uploads import IMAGES, UploadField


class LoginForm(AuthenticationForm):
    """Django's login form with our labels (so they are translated like the rest of the site)."""

    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def clean_username(self) -> str:
        # Accounts from sign-up have their e-mail in lower case as username: "Li.Na@Example.cn"
        # signs in as well.
        username = self.cleaned_data["username"]
        return username.strip().lower() if "@" in username else username


class PreferencesForm(forms.Form):
    preferred_language = forms.ChoiceField(label=_("偏好语言"), choices=settings.LANGUAGES)


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=_("令牌名称"), max_length=100, help_text=_("例如：数据同步脚本"))
    expires_in_days = forms.TypedChoiceField(
        label=_("有效期"),
        coerce=int,
        choices=[(30, _("30 天")), (90, _("90 天")), (365, _("一年")), (0, _("永不过期"))],
        initial=90,
    )


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("验证码"),
        max_length=16,
        help_text=_("身份验证器应用中的 6 位数字，或一个备用码。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class PasswordConfirmForm(forms.Form):
    """Re-authentication before a sensitive step: the signed-in user's password, checked through
    `authenticate()` so that django-axes counts wrong guesses like failed sign-ins."""

    password = forms.CharField(
        label=_("当前密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request: HttpRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        user = self.request.user
        if authenticate(self.request, username=user.get_username(), password=password) != user:
            raise forms.ValidationError(_("密码不正确。"))
        return password


class SignupForm(forms.Form):
    """Sign-up. Whether the address is taken is decided by `services.signup_register`, which never
    tells: the form only checks what the person typed."""

    email = forms.EmailField(
        label=_("邮箱"), max_length=150, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    display_name = forms.CharField(
        label=_("显示名称"),
        max_length=100,
        help_text=_("其他用户看到的名字，例如“王小明”。"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        help_text=_("至少 8 位，不能全是数字，也不能太常见或与邮箱、名字相近。"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    preferred_language = forms.ChoiceField(label=_("偏好语言"), choices=settings.LANGUAGES)
    accept = forms.BooleanField(
        label=_("我已阅读并同意隐私政策和用户协议"),
        required=False,
    )

    def clean_accept(self) -> bool:
        if not self.cleaned_data.get("accept"):
            raise forms.ValidationError(_("请阅读并同意隐私政策和用户协议。"))
        return True

    def clean(self):
        cleaned = super().clean() or {}
        if (
            cleaned.get("password")
            and cleaned.get("password2")
            and cleaned["password"] != cleaned["password2"]
        ):
            self.add_error("password2", _("两次输入的密码不一致。"))
        return cleaned


class EmailOnlyForm(forms.Form):
    email = forms.EmailField(
        label=_("邮箱"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form; the e-mail goes out in the account owner's language, not the language
    of whoever filled in the form."""

    email = forms.EmailField(
        label=_("邮箱"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def save(self, *args, **kwargs) -> None:
        """Django's matching of the address (active accounts with a usable password, any case);
        the e-mail itself goes out from a background task, in the owner's language: the answer
        takes as long whether the address has an account or not, and no SMTP wait is in it."""
        for user in self.get_users(self.cleaned_data["email"]):
            transaction.on_commit(partial(send_password_reset_email.enqueue, user_id=user.pk))


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("显示名称"), max_length=100)
    phone = forms.CharField(
        label=_("手机号"),
        max_length=30,
        required=False,
        help_text=_("11 位手机号，或以 + 和国家代码开头的国际号码。"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    job_title = forms.CharField(label=_("职务"), max_length=100, required=False)
    languages_spoken = forms.MultipleChoiceField(
        label=_("使用语言"), choices=SPOKEN_LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    photo = UploadField(label=_("照片"), policy=IMAGES, required=False)
    photo_clear = forms.BooleanField(label=_("删除现有照片"), required=False)

    def __init__(self, *args, has_photo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_photo:
            del self.fields["photo_clear"]  # nothing to remove
