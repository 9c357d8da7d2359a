"""Pages of the brokers' pipeline. Views parse input, call one service or selector and render.

Refusals are mapped in one place, core.pages: a form page wraps its service call in
`form_errors(form)` and shows the form again (the case page with the refused move or edit form,
keeping what the user typed; a stale version lists what the other person changed); the board
re-renders itself with the refusal above the columns; anything else raised by a button reaches
`PageErrorMiddleware` (a message and back to the page)."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alleyhub.accounts.models import Role, User
from alleyhub.core.http import client_ip
from alleyhub.core.pages import form_error_text, form_errors
from alleyhub.directory.ownership import acts_for_every_organization
from alleyhub.listings.selectors import can_view_confidential
from alleyhub.matching.selectors import match_get_for_user

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
from .models import Case
from .transitions import CloseReason, ContractType, Stage

NEEDS_DETAILS = {Stage.SIGNED.value, Stage.CLOSED.value}
FILTER_KEYS = ("q", "supply_kind", "broker", "stale", "sort")


def _require_pipeline_user(user: Any) -> None:
    if not (user.is_broker or user.is_operator):
        raise PermissionDenied(_("只有科技经纪人或运营方可以使用项目看板。"))


def _require_case_opener(user: Any) -> None:
    """Brokers and operators open cases; the task force reads the board but opens none."""
    if not (user.is_broker or acts_for_every_organization(user)):
        raise PermissionDenied(_("只有科技经纪人或运营方可以管理对接项目。"))


def _board_context(request: Any, *, error: str = "") -> dict[str, Any]:
    user = request.user
    form = BoardFilterForm(request.GET or None, show_broker=user.is_operator)
    cases = selectors.case_list(user=user, params=form.params(brokered=True))
    filter_qs = urlencode({k: v for k, v in request.GET.items() if k in FILTER_KEYS})
    return {
        "form": form,
        "columns": selectors.board_columns(cases=cases),
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
    """The cases I take part in (for parties; brokers and operators have the board). Takes the
    board's filters from the address, as the API takes them from its query."""
    form = BoardFilterForm(request.GET or None, show_broker=request.user.is_operator)
    cases = selectors.case_list(user=request.user, params=form.params())[:200]
    return render(request, "brokerage/case_list.html", {"cases": cases})


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    _require_case_opener(request.user)
    initial = {"broker": request.user.pk} if request.user.is_broker else {}
    form = CaseCreateForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
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
            messages.success(request, _("对接项目已创建。"))
            return redirect(case)
    return render(request, "brokerage/case_form.html", {"form": form})


def _detail_context(
    request: Any,
    case: Case,
    *,
    move_form: CaseMoveForm | None = None,
    edit_form: CaseEditForm | None = None,
) -> dict[str, Any]:
    """The case page; `move_form` / `edit_form` are given when a refused one is shown again."""
    user = request.user
    role = selectors.case_role_of(case=case, user=user)
    allowed = selectors.allowed_next_stages(stage=case.stage)
    can_write = role in (selectors.CaseRole.OPERATOR, selectors.CaseRole.BROKER, selectors.CaseRole.CO_BROKER)
    wanted = request.GET.get("to", "")
    if move_form is None:
        move_form = CaseMoveForm(
            allowed=allowed,
            initial={"version": case.version, "to_stage": wanted if wanted in allowed else None},
        )
    if edit_form is None:
        edit_form = CaseEditForm(
            initial={
                "title": case.title,
                "version": case.version,
                "co_brokers": list(case.co_brokers.values_list("pk", flat=True)),
            }
        )
    return {
        "case": case,
        "role": role,
        "can_write": can_write and not case.is_closed,
        "allowed": allowed,
        "move_form": move_form,
        "activity_form": ActivityForm(),
        "edit_form": edit_form,
        "rating_form": RatingForm(),
        "activities": selectors.case_activities_for_user(case=case, user=user),
        "history": selectors.case_history(case=case),
        "can_see_confidential": selectors.case_can_see_confidential(case=case, user=user),
        "can_see_outcome_confidential": case.outcome is not None
        and can_view_confidential(user=user, listing=case.outcome),
        "supply_agreed": selectors.case_side_agreed(case=case, side="supply"),
        "sides_to_agree": [
            side
            for side in selectors.case_sides_of_member(case=case, user=user)
            if not selectors.case_side_agreed(case=case, side=side)
        ],
        "acceptance": selectors.case_acceptance_of(case=case, user=user),
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


def _board_refusal(form: CaseMoveForm) -> str:
    """A refused move from the board, as the line above the re-rendered board. The cards now show
    the current state, so a conflict says who moved the case instead of asking to resubmit."""
    current = getattr(form, "conflict", None)
    if isinstance(current, Case):
        return _("%(message)s 页面已显示最新版本。") % {
            "message": selectors.case_conflict_message(case=current)
        }
    return form_error_text(form)


@login_required
@require_POST
def case_move(request, case_id: int):
    """A move from the case page's form, or from a card on the board (`view=board`; by htmx the
    board is rendered again, with a refusal above it)."""
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    from_board = request.POST.get("view") == "board"
    form = CaseMoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
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
            if from_board and request.htmx:
                return render(request, "brokerage/board.html#board", _board_context(request))
            if from_board:
                return redirect(_board_url(request))
            messages.success(request, _("已变更为「%(stage)s」。") % {"stage": moved.get_stage_display()})
            return redirect(moved)
    if from_board and request.htmx:
        return render(
            request, "brokerage/board.html#board", _board_context(request, error=_board_refusal(form))
        )
    if from_board:
        messages.error(request, _board_refusal(form))
        return redirect(_board_url(request))
    # The case page again (as it is now), with the move form as sent and why it was refused.
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    form.offer(selectors.allowed_next_stages(stage=case.stage))
    return render(request, "brokerage/case_detail.html", _detail_context(request, case, move_form=form))


def _board_url(request: HttpRequest) -> str:
    return reverse("brokerage:board") + (f"?{request.GET.urlencode()}" if request.GET else "")


@login_required
@require_POST
def case_edit(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    form = CaseEditForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            services.case_update(
                case=case,
                expected_version=data["version"],
                actor=request.user,
                title=data["title"],
                co_brokers=list(data["co_brokers"]),
            )
            messages.success(request, _("已保存。"))
            return redirect(case)
    # The case page again, the edit form open with what the user typed and why it was refused.
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    return render(request, "brokerage/case_detail.html", _detail_context(request, case, edit_form=form))


@login_required
@require_POST
def activity_add(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    back = reverse("brokerage:case_detail", kwargs={"case_id": case.pk}) + "#activities"
    form = ActivityForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            services.case_activity_add(
                case=case, actor=request.user, kind=data["kind"], text=data["text"], upload=data["file"]
            )
            messages.success(request, _("已记录。"))
            return redirect(back)
    # The activity form is not shown again (a file cannot be kept): the refusal is a message.
    messages.error(request, form_error_text(form))
    return redirect(back)


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
def case_side_accept(request, case_id: int):
    """A member of a side's organisation agrees to the case (and so to its brokers)."""
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    services.case_side_accept(case=case, actor=request.user)
    messages.success(request, _("您的机构已同意此对接项目。"))
    return redirect(case)


@login_required
@require_POST
def case_rate(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("评分须为 1 到 5。"))
        return redirect(case)
    with form_errors(form):
        services.case_rate(
            case=case,
            actor=request.user,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("感谢您的评价。"))
        return redirect(case)
    messages.error(request, form_error_text(form))
    return redirect(case)


@login_required
@require_http_methods(["GET", "POST"])
def case_start_from_match(request, match_id: int):
    """GET shows what the case will link (and, for operators, a broker to choose); POST starts it.
    A POST from a broker with no form fields is the one-click path from the match row."""
    _require_case_opener(request.user)
    # Only a match the user may see (a broker: of a public source, never a draft or a request).
    match = match_get_for_user(match_id=match_id, user=request.user)
    form = StartFromMatchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            case = services.case_start_from_match(
                match=match, actor=request.user, broker=form.cleaned_data["broker"]
            )
            messages.success(request, _("已由匹配发起对接项目。"))
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = case.get_absolute_url()
                return response
            return redirect(case)
        if request.htmx:
            # The match row swaps nothing: show the refusal on the confirmation page.
            messages.error(request, form_error_text(form))
            response = HttpResponse(status=204)
            response["HX-Redirect"] = request.path
            return response
    return render(
        request,
        "brokerage/start_from_match.html",
        {"match": match, "form": form, "error": " ".join(str(e) for e in form.non_field_errors())},
    )


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
    broker = get_object_or_404(User, pk=user_id, role=Role.BROKER)
    if not (request.user.is_operator or request.user.pk == broker.pk):
        raise PermissionDenied
    return render(request, "brokerage/broker_figures.html", {"fig": selectors.broker_figures(broker=broker)})
