from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alleyhub.core.pages import form_errors

from . import selectors, services
from .forms import CategoryPreferenceForm, PreferenceForm


@login_required
@require_GET
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(
        selectors.notifications_for_user(user=request.user, unread_only=unread_only), 20
    ).get_page(request.GET.get("page"))
    preference = selectors.preference_for_user(user=request.user)
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "unread_only": unread_only,
            "unread": selectors.unread_count(user=request.user),
            "preference_form": PreferenceForm(initial={"email_mode": preference.email_mode}),
        },
    )


@login_required
@require_GET
def badge(request):
    return render(
        request, "notifications/list.html#badge", {"unread": selectors.unread_count(user=request.user)}
    )


@login_required
@require_GET
def notification_open(request, notification_id: int):
    """Mark as read and follow the notification's link (only links within this site)."""
    notification = selectors.notification_get_for_user(notification_id=notification_id, user=request.user)
    services.notification_mark_read(notification=notification, actor=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_read(request, notification_id: int):
    notification = selectors.notification_get_for_user(notification_id=notification_id, user=request.user)
    services.notification_mark_read(notification=notification, actor=request.user)
    if request.htmx:
        response = render(request, "notifications/list.html#row", {"n": notification})
        response["HX-Trigger"] = "notifications-changed"
        return response
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("已将 %(count)s 条通知标为已读。") % {"count": count})
    return redirect("notifications:list")


@login_required
def preferences(request):
    """E-mail delivery per category of event (in-app notifications always arrive). The short form
    on the notification list posts only the default; the page posts every category too."""
    preference = selectors.preference_for_user(user=request.user)
    if request.method == "POST":
        full = any(key.startswith("category_") for key in request.POST)
        form = CategoryPreferenceForm(request.POST) if full else PreferenceForm(request.POST)
        if form.is_valid():
            category_modes = form.category_modes() if isinstance(form, CategoryPreferenceForm) else None
            with form_errors(form):
                services.preference_set(
                    user=request.user,
                    email_mode=form.cleaned_data["email_mode"],
                    category_modes=category_modes,
                )
                messages.success(request, _("通知偏好已保存。"))
                return redirect("notifications:preferences" if full else "notifications:list")
        if not full:
            messages.error(request, _("请选择一种邮件方式。"))
            return redirect("notifications:list")
        return render(request, "notifications/preferences.html", {"form": form}, status=422)
    form = CategoryPreferenceForm(initial=CategoryPreferenceForm.initial_for(preference))
    return render(request, "notifications/preferences.html", {"form": form})


def account_section(request) -> dict:
    """The account page's short summary of the notification preferences (accounts' hook)."""
    preference = selectors.preference_for_user(user=request.user)
    differing = len(preference.category_modes or {})
    summary = _("默认：%(mode)s") % {"mode": preference.get_email_mode_display()}
    if differing:
        summary += _("；另有 %(n)s 类事件单独设置") % {"n": differing}
    return {"summary": summary}
