"""The one place where pages turn a refused action into something the user reads, as
`core.api_errors` does for the API. Views never catch ApplicationError, ValidationError or
ConflictError themselves:

- **A form page** wraps the service call in `form_errors(form)`: on success the block returns (a
  redirect); on a refusal the error lands on the form — on its field when the error names one —
  and the view goes on to render the form again with the user's input kept::

      if request.method == "POST" and form.is_valid():
          with form_errors(form):
              demand = services.demand_update(demand=demand, actor=request.user, **form.cleaned_data)
              messages.success(request, _("已保存。"))
              return redirect(demand)
      return render(request, "directory/listing_form.html", {"form": form})

  A stale `version` (someone else saved first) keeps the user's input, moves the hidden version to
  the current one and lists the saved values that differ from the input (`form.conflict_changes`), so a second
  submit overwrites knowingly and nothing is lost silently.
- **A button** (a POST without a form to show again) just calls the service. If it raises,
  `PageErrorMiddleware` shows the message and sends the user back to the page (for htmx requests
  the page reloads, showing the current state): `HX-Refresh` / a 303 to the page.

PermissionDenied is not mapped here: it stays Django's 403 page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .exceptions import ApplicationError, ConflictError

logger = logging.getLogger(__name__)

PAGE_ERRORS = (ApplicationError, ValidationError)


def error_messages(exc: Exception) -> list[str]:
    """The sentences a user reads for a refused action, in the active language."""
    if isinstance(exc, ApplicationError):
        return [exc.message]
    if isinstance(exc, ValidationError):
        return [str(m) for m in exc.messages]
    return [str(exc)]


def error_text(exc: Exception) -> str:
    return " ".join(error_messages(exc))


def form_error_text(form: forms.BaseForm) -> str:
    """Every error of a form in one sentence, for a message or a panel that has no field to show
    them beside."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


class VersionField(forms.IntegerField):
    """The hidden `version` every edit form of a versioned object carries (core.transitions)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


@contextmanager
def form_errors(form: forms.BaseForm) -> Iterator[None]:
    """Run a service call; put any refusal onto `form` instead of raising (see module doc)."""
    try:
        yield
    except ConflictError as exc:
        _conflict_onto_form(form, exc)
    except ValidationError as exc:
        _validation_onto_form(form, exc)
    except ApplicationError as exc:
        field = exc.extra.get("field")
        form.add_error(field if field in form.fields else None, exc.message)


def _validation_onto_form(form: forms.BaseForm, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        target = name if name in form.fields and name != NON_FIELD_ERRORS else None
        for error in errors:
            # A model error on a field the form does not show still reaches the user, named.
            if target is None and name != NON_FIELD_ERRORS:
                form.add_error(None, f"{name}: {' '.join(error.messages)}")
            else:
                form.add_error(target, error)


def _conflict_onto_form(form: forms.BaseForm, exc: ConflictError) -> None:
    form.add_error(
        None,
        _(
            "%(message)s 下面列出了与您填写不同的已保存内容；您填写的内容仍在表单中，再次提交将以您的内容为准。"
        )
        % {"message": exc.message},
    )
    current = exc.current
    form.conflict = current  # type: ignore[attr-defined]
    form.conflict_changes = conflict_changes(form, current) if current is not None else []  # type: ignore[attr-defined]
    if current is not None and "version" in form.fields and form.is_bound:
        data = form.data.copy()  # type: ignore[attr-defined]
        data[form.add_prefix("version")] = str(getattr(current, "version", ""))
        form.data = data


def conflict_changes(form: forms.BaseForm, current: Model) -> list[tuple[str, str]]:
    """(label, value now saved) for each field of `form` whose saved value differs from what the
    user sent, shown next to the user's own input (the form does not know the values the user first
    saw, so the user's own edits are listed too: the list says "saved now", not "they changed")."""
    sent = getattr(form, "cleaned_data", {}) or {}
    changes = []
    for name, field in form.fields.items():
        if name == "version" or name not in sent or not hasattr(current, name):
            continue
        now = getattr(current, name)
        if hasattr(now, "all") and callable(now.all):  # a many-to-many manager
            now_values = set(now.all())
            if now_values != set(sent[name] or []):
                changes.append((str(field.label or name), ", ".join(sorted(str(v) for v in now_values))))
            continue
        if (now or "") != (sent[name] or ""):
            display = getattr(current, f"get_{name}_display", None)
            changes.append((str(field.label or name), str(display() if callable(display) else now)))
    return changes


def _back_url(request: HttpRequest) -> str | None:
    """The page the user came from, when it is one of ours."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


class PageErrorMiddleware:
    """Refusals raised by page views that have no form to show them on (buttons, htmx actions):
    a message in the user's language and back to the page, which now shows the current state.
    The API has its own handlers (problem JSON) and is left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, PAGE_ERRORS) or request.path.startswith("/api/"):
            return None
        if request.method in ("GET", "HEAD", "OPTIONS"):
            # Nothing was being changed: say what is wrong with the address, never redirect in a loop.
            return render(request, "400.html", {"detail": error_text(exc)}, status=400)
        back = _back_url(request)
        is_htmx = request.headers.get("HX-Request") == "true"
        if back is None and not is_htmx:
            # No page of ours to go back to (no or a foreign Referer): say it here rather than
            # redirect to an address that only takes POST.
            status = exc.status if isinstance(exc, ApplicationError) else 400
            return render(request, "400.html", {"detail": error_text(exc)}, status=status)
        if isinstance(exc, ConflictError):
            messages.error(request, _("%(message)s 页面已显示最新版本。") % {"message": exc.message})
        else:
            messages.error(request, error_text(exc))
        if is_htmx:
            response = HttpResponse(status=200)
            response["HX-Refresh"] = "true"
            return response
        return HttpResponseRedirect(back or "/", status=303)
