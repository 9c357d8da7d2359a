"""A cache of the public pages as anonymous visitors see them (the home page, the lists, the detail
pages, the search), per language and full URL: most requests to the site are these, and they are
the same for every visitor. Where the time went before: docs in loadtest/README.md.

What is cached, and why it is correct:

- only GET requests of visitors who are certainly anonymous: no session cookie and no messages
  cookie (so no user, and no flash message that a cached page would swallow), no `Authorization`
  header, no htmx request (their fragments depend on headers), under PUBLIC_PREFIXES only;
- only 200 HTML responses that set no cookie (a view that starts a session is never cached);
- a member's page is never stored or served: a signed-in user always has a session cookie;
- the CSRF tokens in a page (the language switch, htmx headers) are stored as a placeholder and
  each visitor gets their own (`get_token`, which also sets their CSRF cookie), as without caching;
- freshness: every save / delete / m2m change of a model (except the private, high-churn ones in
  NOT_PUBLIC) bumps a generation number kept in the cache; a page stored under an older generation
  is not served. Changes that send no signal (`QuerySet.update`, raw SQL, another process with a
  per-process cache) are bounded by the TTL: a page is never older than PAGE_CACHE_SECONDS
  (default 30 s) after a write.

Several worker processes share what they store only with a shared cache (`CACHE_URL=redis://…`;
`make loadtest` uses Redis). With the default per-process memory cache the TTL still bounds
staleness. PAGE_CACHE_SECONDS = 0 turns the cache off (the tests do, except the cache's own)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

PUBLIC_PREFIXES = ("/listings/", "/directory/", "/services/", "/spaces/", "/search/")
PUBLIC_PATHS = ("/",)
# Models whose rows never show on a public page; they change on almost every request of a
# signed-in user, so they must not empty the cache.
NOT_PUBLIC = (
    "sessions.",
    "notifications.",
    "axes.",
    "admin.",
    "django_tasks_db.",
    "otp_",
    "privacy.",
    "core.auditentry",
    "accounts.user",
)
GENERATION_KEY = "pagecache:generation"
TOKEN_RE = re.compile(rb'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{32,64}"')
PLACEHOLDER = b"\x00csrf\x00"


def _seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 30))


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    path = request.path
    if path not in PUBLIC_PATHS and not path.startswith(PUBLIC_PREFIXES):
        return False
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
        or "HTTP_HX_REQUEST" in request.META
    )


def _key(request: HttpRequest) -> str:
    return f"pagecache:{get_language()}:{request.get_full_path()}"


class AnonymousPageCacheMiddleware:
    """Placed after the CSRF, authentication and message middleware (their work on a cached page
    is done again per request: the CSRF cookie, `Vary`), before everything that only concerns
    signed-in users."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = _seconds()
        if seconds <= 0 or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:  # the cache is down: serve the page as if there were none
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        generation = found.get(GENERATION_KEY, 0)
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            return self._replay(request, entry)
        response = self.get_response(request)
        if self._storable(request, response):
            content = TOKEN_RE.sub(lambda m: m.group(1) + PLACEHOLDER + b'"', response.content)
            headers = {k: v for k, v in response.items() if k.lower() not in ("content-length", "vary")}
            try:
                cache.set(key, {"generation": generation, "content": content, "headers": headers}, seconds)
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
        return response

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        session = getattr(request, "session", None)
        messages = getattr(request, "_messages", None)
        return (
            response.status_code == 200
            # A page that started a session or showed a message is this visitor's own.
            and not (session is not None and session.modified)
            and not getattr(messages, "_queued_messages", None)
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _replay(request: HttpRequest, entry: dict) -> HttpResponse:
        content: bytes = entry["content"]
        if PLACEHOLDER in content:
            # One fresh masked token for the page (Django masks a token anew on every call anyway).
            token = get_token(request).encode()
            content = content.replace(PLACEHOLDER, token)
        response = HttpResponse(content)
        for header, value in entry["headers"].items():
            response[header] = value
        return response


def _bump() -> None:
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not there yet (or evicted): any new value differs from the pages' one
            cache.add(GENERATION_KEY, 1, timeout=None)
    except Exception:
        # A write must not fail because the cache is down; the pages it holds expire with the TTL.
        logger.warning("page cache unavailable: generation not bumped", exc_info=True)


def page_cache_bump(**kwargs) -> None:
    """A write happened: pages stored before it are not served any more. Bumped at once and again
    after the commit, so a page rendered from the database between the two (before the write was
    visible) is not kept either."""
    sender = kwargs.get("sender")
    meta = getattr(sender, "_meta", None)
    if meta is None or _seconds() <= 0:
        return
    if meta.label_lower.startswith(NOT_PUBLIC):
        return
    _bump()
    transaction.on_commit(_bump, robust=True)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(page_cache_bump, dispatch_uid=f"core.page_cache.{signal!r}")
    m2m_changed.connect(page_cache_bump, dispatch_uid="core.page_cache.m2m")
