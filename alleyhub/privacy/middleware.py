"""Sign-in asks for the current privacy notice and terms: `flag_pending_documents` (connected to
`user_logged_in`) marks the session of a user who has not accepted them, and
`ConsentRequiredMiddleware` sends that session to the accept page until they are accepted. Only a
flag in the session is read on each request, so pages pay no query for it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from alleyhub.accounts.middleware import BACKGROUND_HEADER
from alleyhub.core.api_errors import problem_response
from alleyhub.core.gates import Gate

from . import selectors
from .conf import privacy_setting

SESSION_KEY = "privacy_documents_pending"


def flag_pending_documents(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session") or not privacy_setting("CONSENT_AT_SIGN_IN"):
        return
    if selectors.documents_pending(user=user):
        request.session[SESSION_KEY] = True


def clear_pending_documents(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def _exempt_prefixes() -> tuple[str, ...]:
    return (
        reverse("privacy:consent"),
        reverse("privacy:notice"),
        reverse("privacy:terms"),
        reverse("accounts:logout"),
        reverse("accounts:set_language"),
        "/i18n/",
        "/healthz",
        settings.STATIC_URL or "/static/",
    )


class ConsentRequiredMiddleware(Gate):
    """Sends a signed-in session flagged at sign-in to the accept page until the documents are
    accepted (the shape is core.gates.Gate's, shared with two-factor sign-in)."""

    # htmx follows HX-Redirect on a 200 answer.
    htmx_status = 200

    def pending(self, request: HttpRequest) -> bool:
        session = getattr(request, "session", None)
        return bool(session is not None and session.get(SESSION_KEY) and request.user.is_authenticated)

    def is_open(self, request: HttpRequest) -> bool:
        return request.path.startswith(_exempt_prefixes())

    def api(self, request: HttpRequest) -> HttpResponse | None:
        if "HTTP_AUTHORIZATION" in request.META:  # a token client, not this browser session
            return None
        return problem_response(
            request,
            403,
            _("需要同意隐私政策"),
            _("请先在网页上阅读并同意最新的隐私政策和用户协议。"),
        )

    def leave_fragment_alone(self, request: HttpRequest) -> bool:
        # A poll the page makes by itself (the notification badge): nothing to show, and it must
        # not send the user anywhere — least of all back to the accept page they are reading.
        return bool(request.headers.get(BACKGROUND_HEADER))

    def htmx_back(self, request: HttpRequest) -> str:
        # After accepting, back to the page the user was on (for htmx, the page, not the fragment).
        htmx = getattr(request, "htmx", None)
        current = htmx.current_url_abs_path if htmx else None
        return current or request.get_full_path()

    def step_url(self, request: HttpRequest, back: str) -> str:
        return f"{reverse('privacy:consent')}?{urlencode({'next': back})}"
