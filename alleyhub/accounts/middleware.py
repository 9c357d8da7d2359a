"""Staff sessions end when idle."""

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

LAST_ACTIVITY_KEY = "accounts.last_activity"
# The last activity is written back at most this often, not on every request (one session write
# a minute instead of one per request); the idle limit is therefore exact to within this.
WRITE_EVERY_SECONDS = 60
# Requests a page makes on its own (polling the notification badge) send this header; they do
# not count as the user being active.
BACKGROUND_HEADER = "X-Background"


class StaffIdleTimeoutMiddleware:
    """Signs platform staff (`User.is_platform_staff`) out after STAFF_SESSION_IDLE_SECONDS
    without a request of theirs. The request that finds the session expired goes on as an
    anonymous one (a page that needs sign-in sends to the login page) with a message saying why;
    an htmx request (the badge's polling) makes the whole tab go to the login page instead of
    swapping the login form into a fragment. Token-authenticated API calls carry no session and are not affected."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_platform_staff:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if isinstance(last, int) and now - last > settings.STAFF_SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(request, _("您已长时间未操作，为保护账号安全已自动退出，请重新登录。"))
                if request.headers.get("HX-Request"):
                    page = urlsplit(request.headers.get("HX-Current-URL", "/"))
                    back = page.path + (f"?{page.query}" if page.query else "")
                    login = redirect_to_login(back, resolve_url(settings.LOGIN_URL), REDIRECT_FIELD_NAME)
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = login["Location"]
                    return response
            elif not request.headers.get(BACKGROUND_HEADER) and (
                not isinstance(last, int) or now - last >= WRITE_EVERY_SECONDS
            ):
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
