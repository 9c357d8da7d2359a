"""API pieces every listing kind shares (listings, catalogue, spaces): turning a write payload
into service arguments, the ETag, and the status actions. Mirrors the outcome endpoints."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema

from alleyhub.accounts.selectors import api_actor
from alleyhub.core.api_inputs import optional_body
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import PublishableListing
from alleyhub.core.transitions import etag_for, expected_version_from

from . import listing_services
from .models import Industry

Action = Literal["publish", "archive", "confirm"]
ACTIONS: dict[str, Callable[..., PublishableListing]] = {
    "publish": listing_services.listing_publish,
    "archive": listing_services.listing_archive,
    "confirm": listing_services.listing_confirm,
}


def industries_from_codes(codes: Iterable[str]) -> list[Industry]:
    codes = list(codes or [])
    industries = list(Industry.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {i.code for i in industries})
    if unknown:
        raise ApplicationError(_("未知的产业领域：%(codes)s") % {"codes": ", ".join(unknown)}, status=422)
    return industries


def write_data(
    payload: Schema,
    *,
    nullable: set[str],
    m2m_names: Iterable[str] = ("industries",),
    required: Iterable[str] = (),
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Plain fields and M2M fields (industry codes → industries) from a write payload, only the
    fields that were sent. A null for a text field means ""; a null for a field in `required`
    is refused (422)."""
    data = payload.dict(exclude_unset=True)
    data.pop("owner_id", None)
    data.pop("version", None)
    m2m = {name: industries_from_codes(data.pop(name) or []) for name in m2m_names if name in data}
    for name, value in list(data.items()):
        if isinstance(value, list):
            data[name] = [getattr(v, "value", v) for v in value]
        elif value is None and name not in nullable:
            if name in required:
                raise ApplicationError(_("%(field)s 不能为空。") % {"field": name}, status=422)
            data[name] = ""
        else:
            data[name] = getattr(value, "value", value)
    return data, m2m


def with_etag(response: HttpResponse, listing: PublishableListing) -> PublishableListing:
    response["ETag"] = etag_for(listing)
    return listing


def act(
    request: HttpRequest,
    response: HttpResponse,
    *,
    getter: Callable[..., PublishableListing],
    listing_id: int,
    action: str,
    body: type[Schema],
) -> PublishableListing:
    """Publish, archive or confirm a listing (`version` in the body or If-Match)."""
    listing = getter(pk=listing_id, user=request.user)
    expected_version = expected_version_from(request, getattr(optional_body(request, body), "version", None))
    listing = ACTIONS[action](listing=listing, actor=api_actor(request), expected_version=expected_version)
    return with_etag(response, listing)
