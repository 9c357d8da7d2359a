from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .forms import PreferenceForm


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
@require_POST
def preferences(request):
    form = PreferenceForm(request.POST)
    if form.is_valid():
        services.preference_set(user=request.user, email_mode=form.cleaned_data["email_mode"])
        messages.success(request, _("通知偏好已保存。"))
    else:
        messages.error(request, _("请选择一种邮件方式。"))
    return redirect("notifications:list")
