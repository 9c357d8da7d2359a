"""Gates: a step a signed-in user must complete before anything else (two-factor sign-in in
accounts, accepting the current privacy notice and terms in privacy). One mechanism, so both
answer the same way:

- a request the gate does not concern (`pending` is false, or the path is one of the gate's open
  paths: the step itself, signing out, the language switch, …) goes on;
- an API call: `api(request)` answers (a problem response) or returns None to let it go on;
- an htmx request (a fragment, a background poll): `leave_fragment_alone` says when it gets an
  empty 204 (nothing to show, and it must not send the user anywhere); otherwise the whole tab goes
  to the step (`HX-Redirect`), coming back to the page it was on, not to the fragment;
- any other request is redirected to the step, coming back to it afterwards.

A gate subclasses `Gate` and fills in the hooks; it is then a middleware."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


def htmx_current_page(request: HttpRequest, default: str = "/") -> str:
    """The page (path and query) an htmx request was sent from, for coming back to it."""
    current = request.headers.get("HX-Current-URL")
    if not current:
        return default
    page = urlsplit(current)
    return page.path + (f"?{page.query}" if page.query else "")


def htmx_redirect(to: str, *, status: int = 204) -> HttpResponse:
    """Sends the whole tab (not the fragment) to `to`."""
    response = HttpResponse(status=status)
    response["HX-Redirect"] = to
    return response


class Gate:
    # The status of the HX-Redirect answer to an htmx request.
    htmx_status = 204

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    # --- hooks -------------------------------------------------------------------------------------

    def pending(self, request: HttpRequest) -> bool:
        """Whether this signed-in user still has the step to do (cheap: called on every request)."""
        raise NotImplementedError

    def is_open(self, request: HttpRequest) -> bool:
        """Paths reachable before the step is done."""
        raise NotImplementedError

    def is_api(self, request: HttpRequest) -> bool:
        return request.path.startswith("/api/")

    def api(self, request: HttpRequest) -> HttpResponse | None:
        """The answer to an API call of such a session, or None to let it go on."""
        return None

    def leave_fragment_alone(self, request: HttpRequest) -> bool:
        """Whether an htmx request gets an empty 204 instead of sending the tab to the step."""
        return False

    def step_url(self, request: HttpRequest, back: str) -> str:
        """Where the step is, with `back` to return to afterwards."""
        raise NotImplementedError

    def htmx_back(self, request: HttpRequest) -> str:
        return htmx_current_page(request)

    # --- the mechanism -----------------------------------------------------------------------------

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.pending(request):
            return self.get_response(request)
        if self.is_api(request):
            answer = self.api(request)
            return answer if answer is not None else self.get_response(request)
        if self.is_open(request):
            return self.get_response(request)
        if request.headers.get("HX-Request"):
            if self.leave_fragment_alone(request):
                return HttpResponse(status=204)
            return htmx_redirect(self.step_url(request, self.htmx_back(request)), status=self.htmx_status)
        return HttpResponseRedirect(self.step_url(request, request.get_full_path()))
