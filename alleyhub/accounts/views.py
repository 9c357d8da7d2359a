from base64 import b32encode
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from alleyhub.accounts import selectors, services
from alleyhub.accounts.forms import (
    EmailOnlyForm,
    LoginForm,
    PasswordConfirmForm,
    PasswordResetForm,
    PreferencesForm,
    ProfileForm,
    SignupForm,
    TokenCreateForm,
    TwoFactorCodeForm,
)
from alleyhub.accounts.hooks import account_sections
from alleyhub.accounts.lockout import (
    address_limited,
    client_ip,
    login_limited,
    mailbox_limited,
    token_create_limited,
)
from alleyhub.accounts.middleware import TWO_FACTOR_ON_KEY
from alleyhub.accounts.tokens import email_verification_token
from alleyhub.core.pages import form_errors


def _apply_language(response, language: str) -> None:
    """Make `language` the active one for this response and the following requests."""
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LoginView(auth_views.LoginView):
    """Django's login, with the demo accounts listed while the demo district is loaded, and the
    user's preferred language applied on sign-in (anonymous visitors keep LocaleMiddleware's)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Per client address, whatever the usernames: django-axes locks one username at a time,
        # this stops one address from trying many.
        if login_limited(request):
            # An unbound form: validating the posted one would try the password after all.
            form = self.get_form_class()(request, initial={"username": request.POST.get("username", "")})
            context = self.get_context_data(form=form, refusal=_("登录尝试过于频繁，请一分钟后再试。"))
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["demo_accounts"], context["demo_password"] = selectors.demo_accounts_for_login()
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        _apply_language(response, form.get_user().preferred_language)
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): too many failed sign-ins for this
    username from this address. 429, in the visitor's language, saying when to try again."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/locked_out.html", context, status=429)


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@require_POST
def set_language(request):
    """Django's language switch; for a signed-in user it also becomes the preferred language."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_update_preferences(user=request.user, preferred_language=language, actor=request.user)
    return response


def _profile_initial(user) -> dict:
    return {
        "display_name": user.display_name,
        "phone": user.phone,
        "job_title": user.job_title,
        "languages_spoken": user.languages_spoken,
    }


@login_required
def my_account(request):
    user = request.user
    preferences_form = PreferencesForm(initial={"preferred_language": user.preferred_language})
    token_form = TokenCreateForm()
    if request.method == "POST" and request.POST.get("action") == "profile":
        profile_form = ProfileForm(request.POST, request.FILES, has_photo=bool(user.photo))
        if profile_form.is_valid():
            data = profile_form.cleaned_data
            with form_errors(profile_form):
                services.user_update_profile(
                    user=user,
                    actor=user,
                    display_name=data["display_name"],
                    phone=data["phone"],
                    job_title=data["job_title"],
                    languages_spoken=data["languages_spoken"],
                    photo=data["photo"] or None,
                    photo_clear=data.get("photo_clear", False),
                )
                messages.success(request, _("资料已保存。"))
                return redirect("accounts:me")
        return _render_my_account(request, profile_form=profile_form, status=422)
    if request.method == "POST" and request.POST.get("action") == "preferences":
        preferences_form = PreferencesForm(request.POST)
        if preferences_form.is_valid():
            language = preferences_form.cleaned_data["preferred_language"]
            services.user_update_preferences(user=user, preferred_language=language, actor=user)
            response = redirect("accounts:me")
            _apply_language(response, language)
            messages.success(request, _("偏好已保存。"))
            return response
    return _render_my_account(request, preferences_form=preferences_form, token_form=token_form)


def _render_my_account(
    request, *, preferences_form=None, token_form=None, profile_form=None, new_token=None, status=200
):
    user = request.user
    context = {
        "profile_form": profile_form
        or ProfileForm(initial=_profile_initial(user), has_photo=bool(user.photo)),
        "memberships": selectors.user_memberships(user=user),
        "tokens": selectors.token_list_for_user(user=user),
        "preferences_form": preferences_form
        or PreferencesForm(initial={"preferred_language": user.preferred_language}),
        "token_form": token_form or TokenCreateForm(),
        "new_token": new_token,
        "two_factor_on": selectors.two_factor_has_authenticator(user=user),
        "two_factor_required": settings.TWO_FACTOR_REQUIRED_FOR_STAFF and user.is_platform_staff,
        "sections": [
            {"key": s.key, "template": s.template, "context": s.context(request)}
            for s in account_sections.providers()
        ],
    }
    return render(request, "accounts/me.html", context, status=status)


@login_required
@require_POST
def token_create(request):
    form = TokenCreateForm(request.POST)
    if token_create_limited(request):
        form.add_error(None, _("创建令牌过于频繁，请稍后再试。"))
        return _render_my_account(request, token_form=form, status=429)
    if form.is_valid():
        days = form.cleaned_data["expires_in_days"]
        expires_at = timezone.now() + timedelta(days=days) if days else None
        with form_errors(form):
            token, plain = services.token_create(
                user=request.user, name=form.cleaned_data["name"], expires_at=expires_at, actor=request.user
            )
            # Rendered in this response only (not redirected through the session): the plain
            # token is never stored anywhere.
            return _render_my_account(request, new_token={"name": token.name, "value": plain})
    return _render_my_account(request, token_form=form, status=422)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.token_get_for_user(user=request.user, pk=pk)
    services.token_revoke(token=token, actor=request.user)  # a refusal: core.pages' middleware
    messages.success(request, _("令牌“%(name)s”已撤销。") % {"name": token.name})
    return redirect("accounts:me")


# The authenticator secret offered on the set-up page, kept in the session until it is confirmed.
SETUP_KEY_SESSION_KEY = "accounts.two_factor_setup_key"


def _next_url(request) -> str:
    """Where to go after a two-factor step: a `next` on this site, else the home page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def two_factor_setup(request):
    """Set up an authenticator app: its secret (as text and as an otpauth:// link; no QR image,
    the site draws none) and the code it shows to confirm. Ends on the backup codes, shown once."""
    user = request.user
    if selectors.two_factor_has_authenticator(user=user):
        messages.info(request, _("两步验证已经开启。"))
        return redirect("accounts:me")
    key = request.session.get(SETUP_KEY_SESSION_KEY) or random_hex()
    request.session[SETUP_KEY_SESSION_KEY] = key
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            device, codes = services.two_factor_enable(
                user=user, key=key, code=form.cleaned_data["code"], actor=user
            )
            del request.session[SETUP_KEY_SESSION_KEY]
            otp_login(request, device)
            request.session[TWO_FACTOR_ON_KEY] = True
            context = {"codes": codes, "fresh": True, "next": _next_url(request)}
            return render(request, "accounts/two_factor_backup_codes.html", context)
    device = TOTPDevice(user=user, key=key)  # not saved: only to spell out the secret
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "otpauth_url": device.config_url,
        "next": _next_url(request),
        "required": settings.TWO_FACTOR_REQUIRED_FOR_STAFF and user.is_platform_staff,
    }
    return render(request, "accounts/two_factor_setup.html", context, status=422 if form.errors else 200)


@login_required
def two_factor_verify(request):
    """The second step of signing in: a code from the authenticator app or a backup code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not selectors.two_factor_enabled(user=user):
        # Turned off meanwhile (in another session): nothing to enter, unless the role needs it.
        request.session[TWO_FACTOR_ON_KEY] = False
        if not (settings.TWO_FACTOR_REQUIRED_FOR_STAFF and user.is_platform_staff):
            return redirect(_next_url(request))
        return redirect(
            f"{resolve_url('accounts:two_factor_setup')}?{urlencode({'next': _next_url(request)})}"
        )
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.two_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("验证码不正确或已使用。多次输错后需等待片刻才能再试。"))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/two_factor_verify.html", context, status=422 if form.errors else 200)


@login_required
def two_factor_backup_codes(request):
    """The unused backup codes, after the password is entered again; or a fresh set."""
    form = PasswordConfirmForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "regenerate":
            with form_errors(form):
                codes = services.two_factor_backup_codes_regenerate(user=request.user, actor=request.user)
                return render(
                    request, "accounts/two_factor_backup_codes.html", {"codes": codes, "fresh": True}
                )
        else:
            codes = selectors.two_factor_backup_codes(user=request.user)
            return render(request, "accounts/two_factor_backup_codes.html", {"codes": codes})
    status = 422 if form.errors else 200
    return render(
        request, "accounts/two_factor_confirm.html", {"form": form, "action": "backup_codes"}, status=status
    )


@login_required
def two_factor_disable(request):
    """Turn two-factor sign-in off, after the password is entered again."""
    form = PasswordConfirmForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.two_factor_disable(user=request.user, actor=request.user)
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            request.session[TWO_FACTOR_ON_KEY] = False
            messages.success(request, _("两步验证已关闭。"))
            return redirect("accounts:me")
    status = 422 if form.errors else 200
    return render(
        request, "accounts/two_factor_confirm.html", {"form": form, "action": "disable"}, status=status
    )


# --- sign-up ------------------------------------------------------------------------------------------


def _signup_enabled() -> None:
    if not settings.SIGNUP_ENABLED:
        raise Http404


def signup(request):
    """The sign-up form. Whatever the address, a valid form ends on "check your mailbox"."""
    _signup_enabled()
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None, initial={"preferred_language": translation.get_language()})
    if request.method == "POST":
        if address_limited(request, "signup"):
            form.add_error(None, _("注册过于频繁，请稍后再试。"))
            return render(request, "accounts/signup.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            if mailbox_limited(request, "signup", data["email"]):
                return redirect("accounts:signup_sent")
            with form_errors(form):
                services.signup_register(
                    email=data["email"],
                    display_name=data["display_name"],
                    password=data["password"],
                    preferred_language=data["preferred_language"],
                    documents_accepted=data["accept"],
                    ip=client_ip(request),
                )
                return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form}, status=422 if form.errors else 200)


def signup_sent(request):
    _signup_enabled()
    hours = settings.SIGNUP_VERIFICATION_SECONDS // 3600
    return render(request, "accounts/signup_sent.html", {"hours": hours})


def signup_resend(request):
    """Send the link again. The same answer for every address (no account enumeration)."""
    _signup_enabled()
    form = EmailOnlyForm(request.POST or None)
    if request.method == "POST":
        if address_limited(request, "signup"):
            form.add_error(None, _("请求过于频繁，请稍后再试。"))
            return render(request, "accounts/signup_resend.html", {"form": form}, status=429)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if not mailbox_limited(request, "signup", email):
                services.signup_resend(email=email)
            return redirect("accounts:signup_sent")
    return render(request, "accounts/signup_resend.html", {"form": form}, status=422 if form.errors else 200)


def signup_verify(request, uidb64: str, token: str):
    """The e-mailed link. Opening it (a GET, which mail scanners also do) only shows a button;
    pressing it (a POST) activates the account, signs the person in and goes on to the welcome
    page. A wrong, expired, used or replaced link: 400 with the way to get a new one."""
    _signup_enabled()
    user = services.signup_user_from_link(uidb64)
    if user is None or not user.is_signup_pending or not email_verification_token.check_token(user, token):
        error = _("验证链接无效、已使用或已过期。请重新发送验证邮件，或直接登录。")
        return render(request, "accounts/signup_verify.html", {"error": error}, status=400)
    if request.method == "POST":
        # Checked again under a lock by the service (two tabs pressing at once: one wins).
        user = services.signup_verify(uidb64=uidb64, token=token, ip=client_ip(request))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        response = redirect("accounts:welcome")
        _apply_language(response, user.preferred_language)
        return response
    return render(request, "accounts/signup_verify.html", {"pending_user": user})


@login_required
def welcome(request):
    """Where a new account lands: join an organisation or register one (the directory's pages)."""
    context = {
        "onboarding_url": settings.ONBOARDING_URL,
        "memberships": selectors.user_memberships(user=request.user),
    }
    return render(request, "accounts/welcome.html", context)


# --- passwords ----------------------------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form: the same answer for every address, links on SITE_URL (never the Host
    header), rate-limited per client address (429) and per address typed (quietly not sent)."""

    template_name = "accounts/password_reset_form.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if address_limited(request, "password_reset"):
            form = self.get_form_class()(request.POST)
            form.add_error(None, _("请求过于频繁，请稍后再试。"))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if mailbox_limited(self.request, "password_reset", form.cleaned_data["email"]):
            return redirect(self.success_url)
        form.save()  # e-mails from a background task (forms.PasswordResetForm.save)
        return redirect(self.success_url)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed_record(user=form.user, how="reset", ip=client_ip(self.request))
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every signed-in user changes their own password here (the session stays signed in)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:me")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed_record(user=form.user, how="change", ip=client_ip(self.request))
        messages.success(self.request, _("密码已修改。"))
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response
