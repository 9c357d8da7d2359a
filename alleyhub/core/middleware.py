"""Request hygiene shared by pages and the API."""

import json
import re
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from .api_errors import problem_response

# Characters that are never text: NUL (PostgreSQL refuses it) and the UTF-16 surrogates U+D800–U+DFFF
# (JSON can spell a lone one as "\udc80"; it cannot be encoded as UTF-8, so the database driver fails).
_INVALID_CHARACTERS = re.compile("[\x00\ud800-\udfff]")
# The same, as bytes a client may send percent-encoded in a query string or a form: NUL, and a
# surrogate encoded as if it were a character (0xED 0xA0–0xBF …), which Django would otherwise turn
# into replacement characters without a word.
_INVALID_BYTES = re.compile(rb"\x00|\xed[\xa0-\xbf][\x80-\xbf]")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_BODY_METHODS = ("POST", "PUT", "PATCH")


def _has_invalid_string(value: object) -> bool:
    """Whether any string in a parsed JSON document (keys included) holds an invalid character."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _INVALID_CHARACTERS.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _invalid_input(request: HttpRequest) -> str | None:
    """Why the request's input is refused (a translated sentence), or None."""
    try:
        post = request.POST if request.method == "POST" else None
    except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
        post = None  # a malformed or oversized body is refused downstream with its own error
    invalid_text = _("输入中含有不允许的字符（空字符 NUL 或孤立的 UTF-16 代理项）。")
    if _INVALID_CHARACTERS.search(request.path) or _INVALID_BYTES.search(
        unquote_to_bytes(request.META.get("QUERY_STRING", ""))
    ):
        return invalid_text
    for query in (request.GET, post):
        if query is None:
            continue
        for key, values in query.lists():
            if _INVALID_CHARACTERS.search(key) or any(_INVALID_CHARACTERS.search(v) for v in values):
                return invalid_text
    if request.method not in _BODY_METHODS:
        return None
    if request.content_type == "application/x-www-form-urlencoded":
        # request.POST has read it already; the raw bytes still show an encoded surrogate
        if _INVALID_BYTES.search(unquote_to_bytes(request.body.replace(b"+", b" "))):
            return invalid_text
        return None
    is_api = request.path.startswith("/api/")
    if request.content_type in _FORM_TYPES or not (is_api or request.content_type == "application/json"):
        return None
    # A JSON body (Ninja reads every API body that is not a form as JSON, whatever its content type).
    try:
        raw = request.body
    except RequestDataTooBig:
        return None
    if not raw.strip():
        return None
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError):
        return None  # not JSON: the parser downstream refuses it with its own error
    if _has_invalid_string(document):
        return invalid_text
    if is_api and not isinstance(document, dict):
        # Every API body is an object (the OpenAPI test checks each request schema says so); Ninja
        # would otherwise read an array or a string as an object without any of its fields.
        return _("请求正文必须是一个 JSON 对象。")
    return None


class RejectNulCharactersMiddleware:
    """Input that is never valid text — NUL characters, which PostgreSQL refuses to store or compare,
    and lone UTF-16 surrogates, which cannot be encoded as UTF-8 — in the path, the query string,
    form fields or a JSON body, and API bodies that are not JSON objects: refused up front as bad
    input (422 problem JSON on the API, a 400 page elsewhere) instead of letting a database or
    encoding error become a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        detail = _invalid_input(request)
        if detail is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return problem_response(
                request, 422, _("输入无效"), detail, instance=_INVALID_CHARACTERS.sub("", request.path)
            )
        return render(request, "400.html", {"detail": detail}, status=400)


class NumbersOutOfRangeMiddleware:
    """An id in a page's URL larger than the database's integers is a page that does not exist."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OverflowError):
            raise Http404 from exception
        return None
