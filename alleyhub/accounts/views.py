from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from alleyhub.accounts import selectors, services
from alleyhub.accounts.forms import LoginForm, PreferencesForm, TokenCreateForm
from alleyhub.accounts.hooks import account_sections
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["demo_accounts"], context["demo_password"] = selectors.demo_accounts_for_login()
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        _apply_language(response, form.get_user().preferred_language)
        return response


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


@login_required
def my_account(request):
    user = request.user
    preferences_form = PreferencesForm(initial={"preferred_language": user.preferred_language})
    token_form = TokenCreateForm()
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


def _render_my_account(request, *, preferences_form=None, token_form=None, new_token=None, status=200):
    user = request.user
    context = {
        "memberships": selectors.user_memberships(user=user),
        "tokens": selectors.token_list_for_user(user=user),
        "preferences_form": preferences_form
        or PreferencesForm(initial={"preferred_language": user.preferred_language}),
        "token_form": token_form or TokenCreateForm(),
        "new_token": new_token,
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
