"""Pages for enterprise requests: thin — parse, call a selector or a service, render. Refusals are
core.pages': `form_errors` on the submit form, the action panel and the upload form."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alleyhub.accounts.models import Role
from alleyhub.core.pages import form_error_text, form_errors

from . import selectors, services
from .deadlines import current_deadline
from .forms import AttachmentForm, DateRangeForm, RequestActionForm, RequestSubmitForm
from .models import OPEN_STATUSES, Action, EnterpriseRequest, RequestStatus
from .selectors import RequestListParams
from .transitions import REQUEST_MOVES, VIEWER

PAGE_SIZE = 50


@login_required
def index(request) -> HttpResponse:
    user = request.user
    if user.is_superuser or user.role in (Role.TASK_FORCE, Role.OPERATOR):
        return redirect("requests:board")
    if user.role == Role.UNIT_STAFF or selectors.user_units(user).exists():
        return redirect("requests:inbox")
    return redirect("requests:mine")


@login_required
def mine(request) -> HttpResponse:
    rows = selectors.request_list(user=request.user, params=RequestListParams(scope="mine"))
    return render(
        request,
        "requests/mine.html",
        {
            "rows": selectors.with_deadlines(rows[:PAGE_SIZE]),
            "can_submit": selectors.user_can_submit(request.user),
        },
    )


@login_required
def inbox(request) -> HttpResponse:
    # An unknown status in the address shows everything, as the status menu's "all" does.
    status = request.GET.get("status", "")
    status = status if status in RequestStatus.values else ""
    params = RequestListParams(scope="unit", status=status, sort="deadline")
    rows = selectors.request_list(user=request.user, params=params)
    units = selectors.user_units(request.user)
    return render(
        request,
        "requests/inbox.html",
        {
            "rows": selectors.with_deadlines(rows[: PAGE_SIZE * 2]),
            "status": status,
            "statuses": RequestStatus.choices,
            "units": units,
            # Mark the requests a unit only cooperates on (not for the task force, who sees them all).
            "own_unit_ids": [] if request.user.is_operator else [u.pk for u in units],
        },
    )


@login_required
def board(request) -> HttpResponse:
    form = DateRangeForm(request.GET or None)
    today = timezone.localdate()
    start, end = today - timedelta(days=89), today
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    if end < start:
        start, end = end, start
    dashboard = selectors.dashboard_for_user(user=request.user, start=start, end=end)
    form = DateRangeForm(initial={"start": start, "end": end})
    return render(
        request,
        "requests/board.html",
        {
            "dashboard": dashboard,
            "form": form,
            "open_labels": [s.label for s in OPEN_STATUSES],
        },
    )


def _detail_context(request, req: EnterpriseRequest, *, form: RequestActionForm | None = None) -> dict:
    actions = selectors.request_actions_for_user(request=req, user=request.user)
    moves = [REQUEST_MOVES.get(a) for a in actions]
    return {
        "req": req,
        "deadline": current_deadline(req),
        "events": selectors.request_timeline(request=req),
        "attachments": req.attachments.all(),
        "cooperating_units": req.cooperating_units.all(),
        "ratings": req.ratings.all(),
        "actions": [(m.action, m.display(), m.note_required) for m in moves],
        # After a refusal the panel shows the error and keeps what the user wrote.
        "action_form": form or RequestActionForm(initial={"version": req.version}),
        "error": form_error_text(form) if form is not None else "",
        "attachment_form": AttachmentForm(),
        "can_attach": bool(selectors.request_roles_for_user(request=req, user=request.user) - {VIEWER})
        and req.status != RequestStatus.CLOSED,
    }


@login_required
def detail(request, pk: int) -> HttpResponse:
    req = selectors.request_get_for_user(request_id=pk, user=request.user)
    return render(request, "requests/detail.html", _detail_context(request, req))


@login_required
@require_POST
def act(request, pk: int, action: str) -> HttpResponse:
    """One click per action. With htmx the panel is swapped in place (showing the refusal, if
    any, above the current state); without, back to the page with a message."""
    if action not in REQUEST_MOVES:
        raise Http404
    form = RequestActionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            services.request_act(
                request_id=pk,
                action=action,
                actor=request.user,
                note=data["note"] or "",
                expected_version=data["version"],
                score=data["score"],
                responsible_unit=data["responsible_unit"],
                cooperating_units=data["cooperating_units"] or (),
            )
    req = selectors.request_get_for_user(request_id=pk, user=request.user)
    refused = bool(form.errors)
    if request.htmx:
        return render(
            request,
            "requests/detail.html#panel",
            _detail_context(request, req, form=form if refused else None),
        )
    if refused:
        messages.error(request, form_error_text(form))
    else:
        messages.success(request, _("已完成：%(action)s") % {"action": Action(action).label})
    return redirect("requests:detail", pk=pk)


@login_required
def submit(request) -> HttpResponse:
    orgs = selectors.submitter_organizations(request.user)
    if not orgs.exists():
        raise PermissionDenied(_("只有企业成员可以提交诉求。"))
    form = RequestSubmitForm(request.POST or None, request.FILES or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            req = services.request_submit(
                organization=data["organization"],
                actor=request.user,
                category=data["category"],
                title=data["title"],
                description=data["description"],
                contact_preference=data["contact_preference"],
                files=data["files"],
            )
            messages.success(request, _("诉求已提交，责任单位：%(unit)s") % {"unit": req.responsible_unit})
            return redirect("requests:detail", pk=req.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "requests/submit.html", {"form": form}, status=status)


@login_required
@require_POST
def attachment_upload(request, pk: int) -> HttpResponse:
    req = selectors.request_get_for_user(request_id=pk, user=request.user, for_write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with form_errors(form):
            services.attachment_add(request=req, uploaded=form.cleaned_data["file"], actor=request.user)
            messages.success(request, _("附件已上传。"))
            return redirect("requests:detail", pk=pk)
    messages.error(request, form_error_text(form))
    return redirect("requests:detail", pk=pk)
