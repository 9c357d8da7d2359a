"""RFC 9457 problem details for every error the API returns."""

import logging
from typing import Any

from django.core.exceptions import (
    ImproperlyConfigured,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.db import OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from .exceptions import ApplicationError

logger = logging.getLogger(__name__)
PROBLEM_CONTENT_TYPE = "application/problem+json"

PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "RFC 9457 problem details; extension members (e.g. `errors`, `current_version`) may follow",
    "type": "object",
    "properties": {
        "type": {"type": "string", "title": "Type"},
        "title": {"type": "string", "title": "Title"},
        "status": {"type": "integer", "title": "Status"},
        "detail": {"type": "string", "title": "Detail"},
        "instance": {"type": "string", "title": "Instance"},
        "errors": {"title": "Errors", "description": "the invalid fields (422)"},
        "current_version": {"type": "integer", "title": "Current Version", "description": "409 conflicts"},
        "current_state": {"title": "Current State", "description": "409 conflicts"},
    },
    "required": ["type", "title", "status"],
    "additionalProperties": True,
}
# What every operation may answer besides its own responses (documented in the OpenAPI schema).
PROBLEM_RESPONSES = {
    401: "Not signed in, or the Bearer token is invalid, expired or revoked",
    403: "Not allowed, or a session write without the CSRF token",
    404: "Not found (or not visible to you)",
    409: "Conflict: a stale version or a move the current state does not allow",
    422: "Invalid input",
}


class ProblemOpenAPISchema(OpenAPISchema):
    """Ninja's OpenAPI document, plus the problem responses of every operation, and a refusal to
    let two different schemas share one component name (Ninja would keep the last one silently and
    clients would validate against the wrong schema)."""

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            if name in self.schemas and self.schemas[name] != definition:
                raise ImproperlyConfigured(
                    f"Two different API schemas are named {name!r}: give each a unique name "
                    "(the Schema class, or the enum through core.schemas.choices_json_schema)."
                )
        super().add_schema_definitions(definitions)

    def responses(self, operation: Operation) -> dict[int, dict]:
        result = super().responses(operation)
        for status, description in PROBLEM_RESPONSES.items():
            result.setdefault(
                status,
                {
                    "description": description,
                    "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                },
            )
        return result

    def get_components(self) -> dict:
        self.add_schema_definitions({"Problem": PROBLEM_SCHEMA})
        return super().get_components()


class ProblemJsonAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI schema documents the problem JSON every operation may answer."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return ProblemOpenAPISchema(self, path_prefix)


def problem_body(
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    *,
    instance: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The RFC 9457 problem document every error of the API answers with."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "instance": request.path if instance is None else instance,
    }
    if detail:
        body["detail"] = detail
    # Extension members never overwrite the standard ones (RFC 9457 §3.2).
    body.update({key: value for key, value in extra.items() if key not in body and key != "type"})
    return body


def problem(api: NinjaAPI, request: HttpRequest, status: int, title: str, detail: str = "", **extra):
    response = api.create_response(
        request, problem_body(request, status, title, detail, **extra), status=status
    )
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def problem_response(
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    *,
    instance: str | None = None,
    **extra: Any,
) -> JsonResponse:
    """The same problem document, for the few answers given before the API is reached (middleware,
    /healthz)."""
    body = problem_body(request, status, title, detail, instance=instance, **extra)
    return JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)


def install_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        return problem(api, request, exc.status, _("请求无法完成"), exc.message, **exc.extra)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc: NinjaValidationError):
        errors = [
            {
                "loc": [str(p) for p in e.get("loc", [])],
                "msg": str(e.get("msg", "")),
                "type": e.get("type", ""),
            }
            for e in exc.errors
        ]
        return problem(api, request, 422, _("输入无效"), _("请求中有无效的字段。"), errors=errors)

    @api.exception_handler(ValidationError)
    def django_validation_error(request, exc: ValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return problem(api, request, 422, _("输入无效"), _("请求中有无效的字段。"), errors=errors)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        if request.headers.get("Authorization", "").lower().startswith("bearer"):
            response = problem(api, request, 401, _("访问令牌无效"), _("访问令牌无效、已过期或已被撤销。"))
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        response = problem(api, request, 401, _("需要登录"), _("请登录或提供有效的访问令牌。"))
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return problem(api, request, 403, _("无权访问"), str(exc) or _("您无权执行此操作。"))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(api, request, 404, _("未找到"), _("请求的资源不存在。"))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return problem(api, request, exc.status_code, str(exc) or _("请求无法完成"))

    @api.exception_handler(MultiPartParserError)
    def malformed_body(request, exc):
        return problem(api, request, 400, _("请求格式错误"), _("请求正文无法解析。"))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return problem(api, request, 413, _("请求过大"), _("请求正文超过了允许的大小。"))

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):
        return problem(api, request, 400, _("请求无效"), _("请求无法处理。"))

    @api.exception_handler(OverflowError)
    def number_out_of_range(request, exc):
        # e.g. an id or page number larger than the database's integers
        return problem(api, request, 422, _("输入无效"), _("数值超出允许范围。"))

    @api.exception_handler(OperationalError)
    def database_busy(request, exc):
        logger.warning("Database unavailable on %s: %s", request.path, exc)
        response = problem(api, request, 503, _("服务暂时繁忙"), _("数据库暂时繁忙，请稍后重试。"))
        response["Retry-After"] = "2"
        return response

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        logger.exception("Unhandled API error on %s", request.path)
        return problem(api, request, 500, _("服务器内部错误"), _("发生了意外错误，已记录。"))
