"""API authentication: the browser session (with CSRF) or a personal access token (Bearer)."""

from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        from alleyhub.accounts.models import PersonalAccessToken

        pat = (
            PersonalAccessToken.objects.select_related("user")
            .filter(token_hash=PersonalAccessToken.hash(token))
            .first()
        )
        if pat is None or not pat.is_active or not pat.user.is_active:
            return None
        PersonalAccessToken.objects.filter(pk=pat.pk).update(last_used_at=timezone.now())
        request.user = pat.user
        return pat.user


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


api_auth = [TokenAuth(), SessionAuth(), AnonymousAllowed()]
api_auth_required = [TokenAuth(), SessionAuth()]
