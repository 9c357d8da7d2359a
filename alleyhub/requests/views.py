"""Pages for enterprise requests: thin — parse, call a selector or a service, render."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alleyhub.accounts.models import Role
from alleyhub.core.exceptions import ApplicationError

from . import selectors, services
from .forms import AttachmentForm, DateRangeForm, RequestActionForm, RequestSubmitForm
from .models import OPEN_STATUSES, Action, RequestStatus
from .transitions import TRANSITIONS

PAGE_SIZE = 50


def _error_text(exc) -> str:
    if isinstance(exc, ApplicationError):
        return exc.message
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


@login_required
def index(request):
    user = request.user
    if user.is_superuser or user.role in (Role.TASK_FORCE, Role.OPERATOR):
        return redirect("requests:board")
    if user.role == Role.UNIT_STAFF or selectors.user_units(user).exists():
        return redirect("requests:inbox")
    return redirect("requests:mine")


@login_required
def mine(request):
    rows = selectors.request_list_for_user(user=request.user, scope="mine").order_by("-submitted_at")[
        :PAGE_SIZE
    ]
    return render(
        request,
        "requests/mine.html",
        {
            "rows": selectors.with_deadlines(rows),
            "can_submit": selectors.user_can_submit(request.user),
        },
    )


@login_required
def inbox(request):
    qs = selectors.request_list_for_user(user=request.user, scope="unit")
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        qs = qs.filter(status=status)
    rows = selectors.with_deadlines(qs.order_by("accept_due_at")[: PAGE_SIZE * 2])
    order = {"red": 0, "yellow": 1, "green": 2}
    # Running deadlines first (red, yellow, green; oldest first), then the rest newest first.
    rows.sort(
        key=lambda r: (
            (order.get(r.deadline.colour, 3), r.submitted_at.timestamp())
            if r.deadline
            else (3, -r.submitted_at.timestamp())
        )
    )
    units = selectors.user_units(request.user)
    return render(
        request,
        "requests/inbox.html",
        {
            "rows": rows,
            "status": status,
            "statuses": RequestStatus.choices,
            "units": units,
            # Mark the requests a unit only cooperates on (not for the task force, who sees them all).
            "own_unit_ids": [] if request.user.is_operator else [u.pk for u in units],
        },
    )


@login_required
def board(request):
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


def _detail_context(request, req, *, error: str = "", form=None):
    actions = selectors.request_actions_for_user(request=req, user=request.user)
    return {
        "req": req,
        "deadline": selectors.with_deadlines([req])[0].deadline,
        "events": selectors.request_timeline(request=req),
        "attachments": req.attachments.all(),
        "cooperating_units": req.cooperating_units.all(),
        "ratings": req.ratings.all(),
        "actions": [(a, Action(a).label, TRANSITIONS[a].note_required) for a in actions],
        "action_form": form or RequestActionForm(initial={"version": req.version}),
        "attachment_form": AttachmentForm(),
        "can_attach": bool(selectors.request_roles_for_user(request=req, user=request.user) - {"viewer"})
        and req.status != RequestStatus.CLOSED,
        "error": error,
    }


@login_required
def detail(request, pk: int):
    req = selectors.request_get_for_user(request_id=pk, user=request.user)
    return render(request, "requests/detail.html", _detail_context(request, req))


@login_required
@require_POST
def act(request, pk: int, action: str):
    """One click per action (HTMX swaps the panel; without HTMX, redirect back with a message)."""
    if action not in TRANSITIONS:
        raise Http404
    form = RequestActionForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("输入无效，请检查。")
    else:
        data = form.cleaned_data
        try:
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
        except (ApplicationError, ValidationError) as exc:
            error = _error_text(exc)
    req = selectors.request_get_for_user(request_id=pk, user=request.user)
    if request.htmx:
        return render(request, "requests/detail.html#panel", _detail_context(request, req, error=error))
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("已完成：%(action)s") % {"action": Action(action).label})
    return redirect("requests:detail", pk=pk)


@login_required
def submit(request):
    orgs = selectors.submitter_organizations(request.user)
    if not orgs.exists():
        raise PermissionDenied(_("只有企业成员可以提交诉求。"))
    form = RequestSubmitForm(request.POST or None, request.FILES or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            req = services.request_submit(
                organization=data["organization"],
                actor=request.user,
                category=data["category"],
                title=data["title"],
                description=data["description"],
                contact_preference=data["contact_preference"],
                files=data["files"],
            )
        except (ApplicationError, ValidationError) as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("诉求已提交，责任单位：%(unit)s") % {"unit": req.responsible_unit})
            return redirect("requests:detail", pk=req.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "requests/submit.html", {"form": form}, status=status)


@login_required
@require_POST
def attachment_upload(request, pk: int):
    req = selectors.request_get_for_user(request_id=pk, user=request.user, for_write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(request=req, uploaded=form.cleaned_data["file"], actor=request.user)
            messages.success(request, _("附件已上传。"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("请选择文件。"))
    return redirect("requests:detail", pk=pk)


@login_required
def attachment_download(request, pk: int):
    """Attachments live under MEDIA_ROOT (not served by the web server); this view checks that the
    user may see the request and always sends the file as a download."""
    att = selectors.attachment_get_for_user(attachment_id=pk, user=request.user)
    try:
        handle = att.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=att.original_name, content_type=att.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
