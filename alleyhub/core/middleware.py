"""Request hygiene shared by pages and the API."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _


def _has_nul(request: HttpRequest) -> bool:
    try:
        post = request.POST if request.method == "POST" else None
    except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
        post = None  # a malformed or oversized body is refused downstream with its own error
    for query in (request.GET, post):
        if query is None:
            continue
        for values in query.lists():
            if "\x00" in values[0] or any("\x00" in v for v in values[1]):
                return True
    if request.content_type == "application/json" and request.method in ("POST", "PUT", "PATCH"):
        # JSON spells NUL as \u0000; the body of a JSON request is small and read once anyway.
        try:
            return b"\\u0000" in request.body or b"\x00" in request.body
        except RequestDataTooBig:
            return False
    return "\x00" in request.path


class RejectNulCharactersMiddleware:
    """NUL characters in input are never valid text and PostgreSQL refuses to store or compare them:
    refuse them up front as bad input (problem JSON on the API, a 400 page elsewhere) instead of
    letting a database error become a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            detail = _("输入中含有不允许的空字符 (NUL)。")
            if request.path.startswith("/api/"):
                body = {
                    "type": "about:blank",
                    "title": _("输入无效"),
                    "status": 422,
                    "detail": detail,
                    "instance": request.path.replace("\x00", ""),
                }
                return JsonResponse(body, status=422, content_type="application/problem+json")
            return render(request, "400.html", {"detail": detail}, status=400)
        return self.get_response(request)


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
