"""API authentication: the browser session (with CSRF) or a personal access token (Bearer).

Tokens are checked by the authenticators registered in `core.registry.api_token_authenticators`
(accounts registers its personal access tokens); with none registered, no token is accepted."""

from collections.abc import Callable
from typing import Any

from ninja.security import APIKeyCookie, HttpBearer

from alleyhub.core.registry import api_token_authenticators


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        for authenticator in api_token_authenticators.providers():
            user = authenticator(token)
            if user is not None:
                request.user = user
                return user
        return None


class SessionAuth(APIKeyCookie):
    """The logged-in session; CSRF is checked for unsafe methods."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


class AnonymousAllowed:
    """Lets read endpoints serve anonymous visitors (with public data only)."""

    def __call__(self, request):
        return getattr(request, "user", None) or True


api_auth: list[Callable[..., Any]] = [TokenAuth(), SessionAuth(), AnonymousAllowed()]
api_auth_required: list[Callable[..., Any]] = [TokenAuth(), SessionAuth()]
