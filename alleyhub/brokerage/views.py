"""Pages of the brokers' pipeline. Views parse input, call one service or selector and render;
refusals (ApplicationError, ConflictError) become messages on the page."""

import mimetypes
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alleyhub.core.exceptions import ApplicationError

from . import selectors, services
from .forms import (
    ActivityForm,
    BoardFilterForm,
    CaseCreateForm,
    CaseEditForm,
    CaseMoveForm,
    RatingForm,
    StartFromMatchForm,
)
from .models import CaseStageChange, ConfidentialityAcceptance
from .transitions import CloseReason, ContractType, Stage

User = get_user_model()
NEEDS_DETAILS = {Stage.SIGNED.value, Stage.CLOSED.value}


def client_ip(request) -> str | None:
    # Behind the production proxy REMOTE_ADDR is the proxy; the proxy sets X-Real-IP.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR") or None


def _require_pipeline_user(user) -> None:
    if not (user.is_broker or user.is_operator):
        raise PermissionDenied(_("只有科技经纪人或运营方可以使用项目看板。"))


def _board_context(request, *, error: str = "") -> dict:
    user = request.user
    form = BoardFilterForm(request.GET or None, show_broker=user.is_operator)
    cases = (
        selectors.cases_visible_to(user=user) if user.is_operator else selectors.cases_brokered_by(user=user)
    )
    stale_only = False
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            cases = cases.filter(
                Q(title__icontains=data["q"])
                | Q(demand_org__name_zh__icontains=data["q"])
                | Q(demand_org__name_en__icontains=data["q"])
            )
        if data.get("supply_kind"):
            cases = cases.filter(supply_kind=data["supply_kind"])
        if data.get("broker"):
            cases = cases.filter(Q(broker=data["broker"]) | Q(co_brokers=data["broker"])).distinct()
        stale_only = bool(data.get("stale"))
    columns = selectors.board_columns(cases=cases)
    if stale_only:
        for column in columns:
            column["cases"] = [c for c in column["cases"] if c.is_stale]
    filter_qs = urlencode(
        {k: v for k, v in request.GET.items() if k in ("q", "supply_kind", "broker", "stale")}
    )
    return {
        "form": form,
        "columns": columns,
        "filter_qs": filter_qs,
        "board_error": error,
        "needs_details": NEEDS_DETAILS,
    }


@login_required
@require_GET
def board(request):
    _require_pipeline_user(request.user)
    context = _board_context(request)
    if request.htmx and request.htmx.target == "board":
        return render(request, "brokerage/board.html#board", context)
    return render(request, "brokerage/board.html", context)


@login_required
@require_GET
def case_list(request):
    """The cases I take part in (for parties; brokers and operators have the board)."""
    cases = selectors.cases_visible_to(user=request.user).order_by("-last_activity_at", "-id")[:200]
    return render(request, "brokerage/case_list.html", {"cases": cases})


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    _require_pipeline_user(request.user)
    initial = {"broker": request.user.pk} if request.user.is_broker else {}
    form = CaseCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_create(
                demand_org=data["demand_org"],
                demand=data["demand"],
                outcome=data["outcome"],
                expert=data["expert"],
                investor=data["investor"],
                broker=data["broker"],
                co_brokers=list(data["co_brokers"]),
                title=data["title"],
                note=data["note"],
                actor=request.user,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("对接项目已创建。"))
            return redirect(case)
    return render(request, "brokerage/case_form.html", {"form": form})


def _detail_context(request, case) -> dict:
    user = request.user
    role = selectors.case_role_of(case=case, user=user)
    allowed = selectors.allowed_next_stages(stage=case.stage)
    can_write = role in (selectors.CaseRole.OPERATOR, selectors.CaseRole.BROKER, selectors.CaseRole.CO_BROKER)
    wanted = request.GET.get("to", "")
    move_form = CaseMoveForm(
        allowed=allowed, initial={"version": case.version, "to_stage": wanted if wanted in allowed else None}
    )
    return {
        "case": case,
        "role": role,
        "can_write": can_write and not case.is_closed,
        "allowed": allowed,
        "move_form": move_form,
        "activity_form": ActivityForm(),
        "edit_form": CaseEditForm(
            initial={
                "title": case.title,
                "version": case.version,
                "co_brokers": list(case.co_brokers.values_list("pk", flat=True)),
            }
        ),
        "rating_form": RatingForm(),
        "activities": selectors.case_activities_for_user(case=case, user=user),
        "history": CaseStageChange.objects.filter(case=case).select_related("actor"),
        "can_see_confidential": selectors.case_can_see_confidential(case=case, user=user),
        "acceptance": ConfidentialityAcceptance.objects.filter(case=case, user=user).first(),
        "co_brokers": case.co_brokers.all(),
        "ratings": case.ratings.select_related("rater"),
        "is_party": role == selectors.CaseRole.PARTY,
        "is_stale": selectors.case_is_stale(case=case),
        "idle_days": selectors.case_idle_days(case=case),
        "close_reasons": CloseReason.choices,
        "contract_types": ContractType.choices,
    }


@login_required
@require_GET
def case_detail(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    return render(request, "brokerage/case_detail.html", _detail_context(request, case))


@login_required
@require_POST
def case_move(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    from_board = request.POST.get("view") == "board"
    form = CaseMoveForm(request.POST)
    error = ""
    if not form.is_valid():
        error = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    else:
        data = form.cleaned_data
        try:
            moved = services.case_move(
                case=case,
                to_stage=data["to_stage"],
                expected_version=data["version"],
                actor=request.user,
                note=data["note"],
                close_reason=data["close_reason"],
                contract_type=data["contract_type"],
                contract_amount=data["contract_amount"],
                contract_date=data["contract_date"],
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            if not from_board:
                messages.success(request, _("已变更为「%(stage)s」。") % {"stage": moved.get_stage_display()})
    if from_board and request.htmx:
        return render(request, "brokerage/board.html#board", _board_context(request, error=error))
    if error:
        messages.error(request, error)
    if from_board:
        return redirect(reverse("brokerage:board") + (f"?{request.GET.urlencode()}" if request.GET else ""))
    return redirect(case)


@login_required
@require_POST
def case_edit(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    form = CaseEditForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.case_update(
                case=case,
                expected_version=data["version"],
                actor=request.user,
                title=data["title"],
                co_brokers=list(data["co_brokers"]),
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已保存。"))
    else:
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(case)


@login_required
@require_POST
def activity_add(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    form = ActivityForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.case_activity_add(
                case=case, actor=request.user, kind=data["kind"], text=data["text"], upload=data["file"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已记录。"))
    else:
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("brokerage:case_detail", kwargs={"case_id": case.pk}) + "#activities")


@login_required
@require_POST
def confidentiality_accept(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    if request.POST.get("accept") != "yes":
        messages.error(request, _("请勾选“我同意保密条款”。"))
    else:
        services.case_confidentiality_accept(case=case, actor=request.user, ip_address=client_ip(request))
        messages.success(request, _("您已接受保密条款。"))
    return redirect(case)


@login_required
@require_POST
def case_rate(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.case_rate(
                case=case,
                actor=request.user,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("感谢您的评价。"))
    else:
        messages.error(request, _("评分须为 1 到 5。"))
    return redirect(case)


@login_required
@require_GET
def file_download(request, activity_id: int):
    """Files are stored outside the web root; this is the only way to them, after the checks."""
    activity = selectors.case_file_get_for_user(activity_id=activity_id, user=request.user)
    try:
        handle = activity.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = (
        activity.content_type or mimetypes.guess_type(activity.file_name)[0] or "application/octet-stream"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=activity.file_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _get_match(match_id: int):
    from alleyhub.matching.models import Match

    return get_object_or_404(Match, pk=match_id)


@login_required
@require_http_methods(["GET", "POST"])
def case_start_from_match(request, match_id: int):
    """GET shows what the case will link (and, for operators, a broker to choose); POST starts it.
    A POST from a broker with no form fields is the one-click path from the match row."""
    _require_pipeline_user(request.user)
    match = _get_match(match_id)
    form = StartFromMatchForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_start_from_match(
                match=match, actor=request.user, broker=form.cleaned_data["broker"]
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(request, _("已由匹配发起对接项目。"))
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = case.get_absolute_url()
                return response
            return redirect(case)
        if request.htmx:
            # The match row swaps nothing: show the refusal on the confirmation page.
            messages.error(request, error)
            response = HttpResponse(status=204)
            response["HX-Redirect"] = request.path
            return response
    return render(request, "brokerage/start_from_match.html", {"match": match, "form": form, "error": error})


@login_required
@require_GET
def ranking(request):
    """The district-wide ranking; `?year=2026` counts only cases opened that year."""
    years = selectors.case_years()
    year = request.GET.get("year", "")
    since = until = None
    if year.isdigit() and int(year) in years:
        since, until = date(int(year), 1, 1), date(int(year), 12, 31)
    else:
        year = ""
    rows = selectors.broker_ranking(since=since, until=until)
    return render(
        request,
        "brokerage/ranking.html",
        {
            "rows": rows,
            "totals": selectors.district_totals(),
            "years": years,
            "year": year,
            "gold_min_signed": selectors.GOLD_MIN_SIGNED,
            "gold_min_rating": selectors.GOLD_MIN_RATING,
            "gold_top_n": selectors.GOLD_TOP_N,
        },
    )


@login_required
@require_GET
def broker_figures(request, user_id: int):
    broker = get_object_or_404(User, pk=user_id, role="broker")
    if not (request.user.is_operator or request.user.pk == broker.pk):
        raise PermissionDenied
    return render(request, "brokerage/broker_figures.html", {"fig": selectors.broker_figures(broker=broker)})
