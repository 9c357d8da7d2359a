"""Event pages. Thin: parse, call a selector or a service, render. Refusals are never caught here:
forms show them through `core.pages.form_errors`, buttons through `PageErrorMiddleware`."""

from __future__ import annotations

import csv
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.http import client_ip
from alleyhub.core.lists import paginate, render_list
from alleyhub.core.pages import form_errors
from alleyhub.core.uploads import StoredFile, file_response
from alleyhub.directory.ownership import editable_organizations

from . import selectors, services
from .calendars import calendar_bytes
from .forms import (
    EventFilterForm,
    EventForm,
    FeedbackForm,
    QuestionForm,
    RegistrationForm,
    ScanForm,
    WalkInForm,
)
from .models import RegistrationQuestion, RegistrationStatus
from .tickets import qr_svg, secret_from_code


def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events (default), past ones, or a month calendar (`view=calendar`)."""
    data = request.GET.copy()
    calendar_view = data.get("view") == "calendar"
    if calendar_view and not data.get("month"):
        data["month"] = timezone.localdate().strftime("%Y-%m")
    if not data.get("when") and not data.get("month"):
        data["when"] = "upcoming"
    form = EventFilterForm(data)
    filters = form.filters()
    events = selectors.event_list_for_user(user=request.user, **filters)
    context = {
        "form": form,
        "calendar_view": calendar_view,
        "can_create": editable_organizations(user=request.user).exists(),
        "series": selectors.series_list(),
    }
    series = selectors.series_get(slug=filters.get("series", ""))
    if series is not None and selectors.can_see_attendance(user=request.user, series=series):
        context["attendance"] = selectors.series_attendance(series=series)
        context["attendance_series"] = series
    if calendar_view and filters.get("month"):
        month = filters["month"]
        context["weeks"] = selectors.month_calendar(events=events, month=month)
        start, _end = selectors.month_bounds(month)
        context["month_start"] = start
        context["prev_month"] = (start.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
        context["next_month"] = (start.replace(day=28) + timedelta(days=5)).strftime("%Y-%m")
    else:
        context["page_obj"] = paginate(request, events)
    return render_list(request, "events/event_list.html", context)


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(pk=pk, user=request.user)
    can_manage = selectors.can_manage_event(user=request.user, event=event)
    registration = selectors.registration_of_user(event=event, user=request.user)
    context = {
        "event": event,
        "can_manage": can_manage,
        "registration": registration,
        "seats_left": selectors.seats_left(event),
        "figures": selectors.event_figures(event) if can_manage else None,
        "moves": services.EVENT_MOVES.allowed(event.status) if can_manage else [],
        "form": RegistrationForm(event=event, user=request.user),
    }
    return render(request, "events/event_detail.html", context)


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            event = services.event_create(actor=request.user, **form.service_kwargs())
            messages.success(request, _("活动已保存为草稿。"))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    form = EventForm(
        request.POST or None, request.FILES or None, user=request.user, initial=EventForm.initial_for(event)
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.event_update(
                event=event,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
                **form.service_kwargs(),
            )
            messages.success(request, _("已保存。"))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    version = request.POST.get("version")
    services.event_transition(
        event=event,
        action=action,
        actor=request.user,
        expected_version=int(version) if version and version.isdigit() else None,
    )
    messages.success(request, _("活动状态已更新。"))
    return redirect(event)


@login_required
def event_questions(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.question_add(event=event, actor=request.user, **form.cleaned_data)
            messages.success(request, _("问题已添加。"))
            return redirect("events:questions", pk=event.pk)
    return render(request, "events/questions.html", {"event": event, "form": form})


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    question = get_object_or_404(RegistrationQuestion, pk=question_id, event=event)
    services.question_delete(question=question, actor=request.user)
    return redirect("events:questions", pk=event.pk)


@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(pk=pk, user=request.user)
    form = RegistrationForm(request.POST, event=event, user=request.user)
    if form.is_valid():
        with form_errors(form):
            registration = services.registration_create(
                event=event, actor=request.user, ip=client_ip(request), **form.service_kwargs()
            )
            return redirect(registration)
    context = {
        "event": event,
        "can_manage": False,
        "registration": None,
        "seats_left": selectors.seats_left(event),
        "form": form,
    }
    return render(request, "events/event_detail.html", context, status=400)


def ticket(request: HttpRequest, secret: str, feedback_form: FeedbackForm | None = None) -> HttpResponse:
    """The ticket page: whoever has the link (the secret) sees it; it is not indexed. After the
    event has begun, an attendee who was checked in finds the feedback survey here."""
    registration = selectors.registration_get_by_secret(secret=secret)
    feedback = getattr(registration, "feedback", None) if registration.checked_in_at else None
    survey_open = registration.checked_in_at is not None and registration.event.starts_at <= timezone.now()
    if survey_open and feedback_form is None:
        initial = {"rating": feedback.rating, "comment": feedback.comment} if feedback else None
        feedback_form = FeedbackForm(initial=initial)
    response = render(
        request,
        "events/ticket.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr": qr_svg(registration.ticket_secret)
            if registration.status == RegistrationStatus.CONFIRMED
            else None,
            "feedback": feedback,
            "feedback_form": feedback_form if survey_open else None,
        },
        status=400 if feedback_form is not None and feedback_form.errors else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    # The secret is in the address: never sent to other sites (same-origin keeps the Origin
    # header that CSRF checks need on this page's own forms).
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def ticket_action(request: HttpRequest, secret: str, action: str) -> HttpResponse:
    """Cancel the registration or accept a waiting-list offer, by the ticket's holder."""
    registration = selectors.registration_get_by_secret(secret=secret)
    if action not in ("cancel", "accept_offer"):
        raise Http404
    services.registration_move(registration=registration, action=action, actor=request.user, secret=secret)
    messages.success(request, _("已更新。"))
    return redirect(registration)


@login_required
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser's list of registrations, with approve / reject buttons."""
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    rows = selectors.registration_list_for_event(
        event=event, q=request.GET.get("q", "")[:100], status=request.GET.get("status", "")[:12] or None
    )
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "page_obj": paginate(request, rows, per_page=50),
            "statuses": RegistrationStatus.choices,
        },
    )


# A cell that a spreadsheet would read as a formula is written as text (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@require_POST
def ticket_feedback(request: HttpRequest, secret: str) -> HttpResponse:
    registration = selectors.registration_get_by_secret(secret=secret)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.feedback_submit(
                registration=registration, actor=request.user, secret=secret, **form.cleaned_data
            )
            messages.success(request, _("谢谢您的反馈！"))
            return redirect(registration)
    return ticket(request, secret, feedback_form=form)


@login_required
@require_GET
def registrations_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser's report: every registration with its answers and check-in, as CSV that
    spreadsheet programs open (UTF-8 with BOM)."""
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    rows = selectors.registration_list_for_event(event=event)
    questions = [q.label for q in event.questions.all()]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrations.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("姓名"),
            _("单位"),
            _("邮箱"),
            _("手机号"),
            _("状态"),
            _("来源"),
            _("报名时间"),
            _("签到时间"),
            *questions,
        ]
    )
    for r in rows:
        writer.writerow(
            [
                _cell(v)
                for v in (
                    r.name,
                    r.organization_name,
                    r.email,
                    r.phone,
                    r.get_status_display(),
                    r.get_source_display(),
                    timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
                    timezone.localtime(r.checked_in_at).strftime("%Y-%m-%d %H:%M") if r.checked_in_at else "",
                    *(r.answers.get(label, "") for label in questions),
                )
            ]
        )
    return response


@login_required
@require_POST
def registration_action(request: HttpRequest, pk: int, registration_id: int, action: str) -> HttpResponse:
    registration = selectors.registration_get_for_user(pk=registration_id, user=request.user, for_write=True)
    if registration.event_id != pk or action not in ("approve", "reject", "cancel"):
        raise Http404
    services.registration_move(registration=registration, action=action, actor=request.user)
    messages.success(request, _("已更新。"))
    return redirect("events:registrations", pk=pk)


# --- check-in -----------------------------------------------------------------------------------


@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser staff's check-in page (phone-sized): a scan field, search, walk-ins, count."""
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    q = request.GET.get("q", "").strip()[:100]
    context = {
        "event": event,
        "scan_form": ScanForm(),
        "walk_in_form": WalkInForm(),
        "q": q,
        "found": selectors.registration_list_for_event(event=event, q=q)[:20] if q else [],
        "figures": selectors.event_figures(event),
    }
    if request.htmx and request.htmx.target == "search-results":  # type: ignore[attr-defined]
        return render(request, "events/check_in.html#search", context)
    return render(request, "events/check_in.html", context)


@login_required
@require_POST
def check_in_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """One scan or typed code (or a row of the search list): the result panel. A refused ticket
    (forged, another event's, not confirmed) is a result too, shown in red, not an error page."""
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    form = ScanForm(request.POST)
    registration_id = request.POST.get("registration")
    context: dict = {"event": event}
    try:
        if registration_id and registration_id.isdigit():
            result = services.registration_check_in(
                event=event, actor=request.user, registration_id=int(registration_id)
            )
        elif form.is_valid():
            result = services.registration_check_in(
                event=event, actor=request.user, secret=secret_from_code(form.cleaned_data["code"])
            )
        else:
            result = None
            context["error"] = _("请扫描或输入票码。")
    except ApplicationError as exc:
        # The scanner must keep going: the refusal is the answer shown to the staff member.
        result = None
        context["error"] = exc.message
    context["result"] = result
    if request.htmx:  # type: ignore[attr-defined]
        # 200 even for a refused ticket: htmx swaps only successful answers, and the refusal is
        # the answer the staff member reads.
        response = render(request, "events/check_in.html#result", context)
        response["HX-Trigger"] = "checkin-changed"  # the live count refreshes now, not in 10 s
        return response
    if result:
        messages.success(request, result.message)
    else:
        messages.error(request, context["error"])
    return redirect("events:check_in", pk=event.pk)


@login_required
@require_POST
def walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    form = WalkInForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            registration = services.walk_in_register(event=event, actor=request.user, **form.cleaned_data)
            messages.success(request, _("%(name)s 已登记并签到。") % {"name": registration.name})
            return redirect("events:check_in", pk=event.pk)
    context = {
        "event": event,
        "scan_form": ScanForm(),
        "walk_in_form": form,
        "q": "",
        "found": [],
        "figures": selectors.event_figures(event),
    }
    return render(request, "events/check_in.html", context, status=400)


@login_required
@require_GET
def check_in_count(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(pk=pk, user=request.user, for_write=True)
    return render(
        request, "events/check_in.html#count", {"event": event, "figures": selectors.event_figures(event)}
    )


# --- calendars ----------------------------------------------------------------------------------


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_for_user(pk=pk, user=request.user)
    return _ics(calendar_bytes([event]), f"event-{event.pk}.ics")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A user's personal feed: no sign-in (calendar apps cannot), the token is the key."""
    _feed, events = selectors.calendar_feed_events(token=token)
    response = _ics(calendar_bytes(events, name=_("硅巷通 · 我的活动")), "alleyhub-events.ics")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    """The user's registrations and the address of their calendar feed (revocable)."""
    if request.method == "POST":
        services.calendar_feed_revoke(user=request.user)
        messages.success(request, _("已生成新的订阅地址，旧地址已失效。"))
        return redirect("events:mine")
    feed = services.calendar_feed_ensure(user=request.user)
    return render(
        request,
        "events/mine.html",
        {
            "registrations": selectors.registrations_of_user(user=request.user),
            "feed_url": request.build_absolute_uri(reverse("events:feed", kwargs={"token": feed.token})),
        },
    )


def poster(request: HttpRequest, pk: int) -> FileResponse:
    """An event's poster, for whoever may see the event (drafts' posters stay private)."""
    event = selectors.event_get_for_user(pk=pk, user=request.user)
    if not event.poster:
        raise Http404
    response = file_response(
        StoredFile(
            file=event.poster, filename=f"poster-{event.pk}.{(event.poster.name or '').rsplit('.', 1)[-1]}"
        )
    )
    # A poster is shown in the page, not downloaded: the sandbox CSP and nosniff stay.
    response["Content-Disposition"] = "inline"
    return response
