"""API authentication: a personal access token (Bearer) or the browser session (with CSRF).

Tokens are checked by the authenticators registered in `core.registry.api_token_authenticators`
(accounts registers its personal access tokens); with none registered, no token is accepted.

- A request that sends a Bearer token is judged by that token alone: a token that is unknown,
  expired or revoked is a 401 on every endpoint, public ones included — never a silent fall-back to
  the session or to anonymous access (a client would otherwise read public data believing it is
  signed in). Token callers need no CSRF token: a browser never attaches one by itself.
- A signed-in session is a cookie the browser sends on its own, also with a cross-site form post, so
  unsafe methods (POST, PUT, PATCH, DELETE) need the CSRF token (`X-CSRFToken` header or a
  `csrfmiddlewaretoken` field), checked by Django's own `CsrfViewMiddleware`; without it, 403.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from alleyhub.core.registry import api_token_authenticators


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        scheme, _sep, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != self.openapi_scheme:
            return None  # no Bearer credential (another scheme, e.g. a proxy's Basic, is not ours)
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if token:
            for authenticator in api_token_authenticators.providers():
                user = authenticator(token)
                if user is not None:
                    request.user = user
                    return user
        raise AuthenticationError(401, "invalid bearer token")


class SessionAuth(APIKeyCookie):
    """The logged-in session; Django's CSRF check for unsafe methods."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            # Refused outright: falling through to anonymous access would still act as this user.
            raise PermissionDenied(_("CSRF 校验失败：使用登录会话的写操作须带 X-CSRFToken 请求头。"))
        return user

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return None  # not used: `__call__` reads the session Django's middleware loaded


class AnonymousAllowed:
    """Lets read endpoints serve anonymous visitors (with public data only)."""

    def __call__(self, request):
        return getattr(request, "user", None) or True


api_auth: list[Callable[..., Any]] = [TokenAuth(), SessionAuth(), AnonymousAllowed()]
api_auth_required: list[Callable[..., Any]] = [TokenAuth(), SessionAuth()]
