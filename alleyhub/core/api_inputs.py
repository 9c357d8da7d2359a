"""Bodies that an API action may or may not have: a one-click action (`POST …/publish`) takes an
optional `{"version": 3, …}` as JSON, as form fields, or nothing at all. Ninja refuses a missing
body it was told about, so these endpoints read it with `optional_body` and describe it to OpenAPI
with `optional_body_openapi`."""

from __future__ import annotations

from typing import Any, TypeVar

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError

S = TypeVar("S", bound=Schema)


def optional_body(request: HttpRequest, schema: type[S]) -> S:
    """The body as `schema` (its defaults when there is none). Raises ninja's ValidationError (422
    problem JSON, like any other bad body) when it is there but invalid."""
    try:
        if request.content_type == "application/json":
            raw = request.body.strip()
            return schema.model_validate_json(raw) if raw else schema.model_validate({})
        form = {name: request.POST[name] for name in schema.model_fields if request.POST.get(name, "") != ""}
        return schema.model_validate(form)
    except PydanticValidationError as exc:
        raise NinjaValidationError([dict(e) for e in exc.errors()]) from exc


def optional_body_openapi(schema: type[Schema]) -> dict[str, Any]:
    """`openapi_extra` for an endpoint that reads `optional_body(request, schema)`."""
    return {
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }
