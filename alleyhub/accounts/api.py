"""The signed-in user (/api/me) and their personal access tokens (/api/tokens)."""

from datetime import timedelta

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Router, Status

from alleyhub.accounts import selectors, services
from alleyhub.accounts.lockout import token_create_limited
from alleyhub.accounts.schemas import MeOut, TokenCreatedOut, TokenCreateIn, TokenOut
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.exceptions import ApplicationError

router = Router(tags=["accounts"], auth=api_auth_required)

MAX_ID = 2**63 - 1


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request):
    return request.user


@router.get("/tokens", response=list[TokenOut], summary="My personal access tokens")
def token_list(request):
    return list(selectors.token_list_for_user(user=request.user))


@router.post("/tokens", response={201: TokenCreatedOut}, summary="Create a personal access token")
def token_create(request, payload: TokenCreateIn):
    if token_create_limited(request):
        raise ApplicationError(_("创建令牌过于频繁，请稍后再试。"), status=429)
    expires_at = timezone.now() + timedelta(days=payload.expires_in_days) if payload.expires_in_days else None
    token, plain = services.token_create(
        user=request.user, name=payload.name, expires_at=expires_at, actor=request.user
    )
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": plain})


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke a personal access token")
def token_revoke(request, token_id: Path[int]):
    if token_id < 1 or token_id > MAX_ID:
        raise Http404
    token = selectors.token_get_for_user(user=request.user, pk=token_id)
    services.token_revoke(token=token, actor=request.user)
    return Status(204, None)
