"""Staff sessions end when idle; two-factor sign-in is completed before anything else."""

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _

from alleyhub.accounts import selectors
from alleyhub.accounts.models import User
from alleyhub.core.gates import Gate, htmx_current_page, htmx_redirect

LAST_ACTIVITY_KEY = "accounts.last_activity"
# The last activity is written back at most this often, not on every request (one session write
# a minute instead of one per request); the idle limit is therefore exact to within this.
WRITE_EVERY_SECONDS = 60
# Requests a page makes on its own (polling the notification badge) send this header; they do
# not count as the user being active.
BACKGROUND_HEADER = "X-Background"
# Whether the signed-in user has a second factor, worked out once per session (the pages that
# turn it on and off update it).
TWO_FACTOR_ON_KEY = "accounts.two_factor_on"


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
                    return _htmx_redirect(request, resolve_url(settings.LOGIN_URL))
            elif not request.headers.get(BACKGROUND_HEADER) and (
                not isinstance(last, int) or now - last >= WRITE_EVERY_SECONDS
            ):
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class TwoFactorRequiredMiddleware(Gate):
    """After the password, the second factor: a signed-in user who must use it (platform staff
    while TWO_FACTOR_REQUIRED_FOR_STAFF is on, and everyone who turned it on) and has not entered
    a code in this session reaches only the two-factor pages, signing out and the language switch;
    any other page sends them to enter a code (or, without a device yet, to set one up), coming
    back afterwards. On the API such a session counts as not signed in (401 where sign-in is
    needed); personal access tokens are unaffected. The shape is core.gates.Gate's."""

    def pending(self, request: HttpRequest) -> bool:
        user = request.user
        # is_verified() comes from django-otp's OTPMiddleware, which runs before this one.
        verified = getattr(user, "is_verified", lambda: False)
        return bool(user.is_authenticated and not verified() and _two_factor_required(request, user))

    def is_api(self, request: HttpRequest) -> bool:
        return request.path.startswith(reverse("api:api-root"))

    def api(self, request: HttpRequest) -> HttpResponse | None:
        request.user = AnonymousUser()
        return None

    def is_open(self, request: HttpRequest) -> bool:
        return request.path in _open_paths()

    def leave_fragment_alone(self, request: HttpRequest) -> bool:
        # A fragment of the code page itself (the nav's badge): nothing to show yet.
        return urlsplit(request.headers.get("HX-Current-URL", "")).path in _open_paths()

    def step_url(self, request: HttpRequest, back: str) -> str:
        on = _two_factor_on(request, request.user)  # type: ignore[arg-type]
        step = "accounts:two_factor_verify" if on else "accounts:two_factor_setup"
        return redirect_to_login(back, resolve_url(step), REDIRECT_FIELD_NAME)["Location"]


def _two_factor_on(request: HttpRequest, user: User) -> bool:
    if TWO_FACTOR_ON_KEY not in request.session:
        request.session[TWO_FACTOR_ON_KEY] = selectors.two_factor_enabled(user=user)
    return bool(request.session[TWO_FACTOR_ON_KEY])


def _two_factor_required(request: HttpRequest, user: User) -> bool:
    staff_rule = settings.TWO_FACTOR_REQUIRED_FOR_STAFF and user.is_platform_staff
    return staff_rule or _two_factor_on(request, user)


def _open_paths() -> set[str]:
    """What a signed-in user may reach before the second factor."""
    names = ["two_factor_verify", "two_factor_setup", "logout", "set_language"]
    return {reverse(f"accounts:{name}") for name in names} | {
        reverse("set_language"),
        reverse("core:healthz"),
    }


def _htmx_redirect(request: HttpRequest, to: str) -> HttpResponse:
    """An htmx request (a fragment, a poll) sends the whole tab to `to`, coming back to the page
    it was on, rather than swapping that page into a fragment."""
    back = htmx_current_page(request)
    return htmx_redirect(redirect_to_login(back, to, REDIRECT_FIELD_NAME)["Location"])
