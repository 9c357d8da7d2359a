"""Pages for the plan and the KPIs: thin — parse, call a selector or a service, render. Refusals
come back as form errors (`core.pages.form_errors`) or through PageErrorMiddleware."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alleyhub.core.pages import form_error_text, form_errors

from . import excel, selectors, services
from .forms import (
    ImportForm,
    ItemForm,
    KpiValueForm,
    OverrideForm,
    PlanFilterForm,
    ReviewForm,
    StatusForm,
    UpdateForm,
)
from .models import ActionPlan, KpiValue, PlanItem, UpdateStatus
from .selectors import PlanFilter


def filter_params(form: PlanFilterForm) -> PlanFilter:
    data = form.filters()
    unit = data.get("unit")
    return PlanFilter(
        plan=data.get("plan", ""),
        unit=unit.pk if unit else None,
        status=data.get("status", ""),
        kind=data.get("kind", ""),
        year=data.get("year"),
        flag=data.get("flag", ""),
        q=data.get("q", ""),
    )


@login_required
def index(request) -> HttpResponse:
    selectors.require_reader(request.user)
    form = PlanFilterForm(request.GET or None)
    params = filter_params(form)
    rows = selectors.plan_tree(user=request.user, params=params)
    plans = {p.pk: p for p in ActionPlan.objects.all()}
    return render(
        request,
        "plans/index.html",
        {
            "form": form,
            "rows": rows,
            "plans": plans,
            "is_owner": selectors.is_plan_owner(request.user),
            "my_units": selectors.user_units(request.user),
            "pending": selectors.updates_pending(user=request.user).count(),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def mine(request) -> HttpResponse:
    items = list(selectors.unit_items(user=request.user))
    today = timezone.localdate()
    return render(
        request,
        "plans/mine.html",
        {"items": items, "units": selectors.user_units(request.user), "today": today},
    )


@login_required
def reviews(request) -> HttpResponse:
    if not selectors.is_plan_owner(request.user):
        raise PermissionDenied(_("只有工作专班可以审核进展报送。"))
    return render(
        request,
        "plans/reviews.html",
        {
            "updates": selectors.updates_pending(user=request.user),
            "kpi_values": KpiValue.objects.filter(status=UpdateStatus.SUBMITTED).select_related(
                "kpi", "unit", "entered_by"
            ),
            "late": selectors.late_items(),
            "stale": selectors.stale_items(),
            "by_unit": selectors.progress_by_unit(),
        },
    )


def _item_context(request, item: PlanItem, **extra) -> dict:
    user = request.user
    return {
        "item": item,
        "ancestors": selectors.item_ancestors(item),
        "children": item.children.select_related("lead_unit").order_by("position", "pk"),
        "cooperating_units": item.cooperating_units.all(),
        "updates": selectors.item_updates(item=item),
        "timeline": selectors.item_timeline(item=item),
        "actions": selectors.item_actions_for_user(item=item, user=user),
        "can_update": selectors.can_post_update(item=item, user=user),
        "is_owner": selectors.is_plan_owner(user),
        "update_form": extra.pop("update_form", None) or UpdateForm(initial={"progress": item.progress}),
        "override_form": extra.pop("override_form", None) or OverrideForm(initial={"version": item.version}),
        "status_form": extra.pop("status_form", None) or StatusForm(initial={"version": item.version}),
        "late": bool(
            item.due_date and item.due_date < timezone.localdate() and item.status not in ("done", "dropped")
        ),
        "links": [
            (_("相关机构"), item.organizations.all()),
            (_("相关楼宇"), item.buildings.all()),
            (_("相关空间"), item.space_units.all()),
            (_("相关更新地块"), item.renewal_sites.all()),
            (_("相关对接项目"), item.cases.all()),
            (_("相关服务"), item.services.all()),
        ],
        "kpis": item.kpis.all(),
        **extra,
    }


@login_required
def item_detail(request, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(pk=pk, user=request.user)
    return render(request, "plans/item.html", _item_context(request, item))


@login_required
def item_edit(request, pk: int | None = None) -> HttpResponse:
    item = selectors.item_get_for_user(pk=pk, user=request.user, for_write=True) if pk else None
    if item is None and not selectors.is_plan_owner(request.user):
        raise PermissionDenied(_("只有街区运营方和工作专班可以编辑行动方案。"))
    if request.method == "POST":
        form = ItemForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            plan, parent, version = data.pop("plan"), data.pop("parent"), data.pop("version")
            progress, coop = data.pop("progress"), data.pop("cooperating_units")
            data["position"] = data.get("position") or 0
            with form_errors(form):
                if item is None:
                    item = services.item_create(
                        plan=plan,
                        parent=parent,
                        actor=request.user,
                        progress=progress,
                        links={"cooperating_units": coop},
                        **data,
                    )
                else:
                    item = services.item_update(
                        item_id=item.pk,
                        actor=request.user,
                        expected_version=version,
                        parent=parent,
                        progress=progress,
                        links={"cooperating_units": coop},
                        **data,
                    )
                messages.success(request, _("已保存。"))
                return redirect(item)
    elif item is not None:
        form = ItemForm(
            initial={
                "plan": item.plan_id,
                "parent": item.parent_id,
                "code": item.code,
                "kind": item.kind,
                "title_zh": item.title_zh,
                "title_en": item.title_en,
                "description": item.description,
                "lead_unit": item.lead_unit_id,
                "cooperating_units": list(item.cooperating_units.all()),
                "lead_person": item.lead_person,
                "start_date": item.start_date,
                "due_date": item.due_date,
                "weight": item.weight,
                "progress": None if item.children.exists() else item.progress,
                "position": item.position,
                "version": item.version,
            }
        )
    else:
        parent = PlanItem.objects.filter(pk=request.GET.get("parent") or 0).first()
        plan = parent.plan if parent else selectors.default_plan()
        form = ItemForm(
            initial={"plan": plan.pk if plan else None, "parent": parent.pk if parent else None, "weight": 1}
        )
    return render(request, "plans/item_form.html", {"form": form, "item": item})


@login_required
@require_POST
def item_override(request, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(pk=pk, user=request.user, for_write=True)
    form = OverrideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            progress = None if data["clear"] else data["progress"]
            if progress is None and not data["clear"]:
                raise ValidationError({"progress": [_("请填写进度。")]})
            services.item_progress_override(
                item_id=item.pk,
                actor=request.user,
                progress=progress,
                reason=data["reason"],
                expected_version=data["version"],
            )
            return redirect(item)
    return render(request, "plans/item.html", _item_context(request, item, override_form=form), status=400)


@login_required
@require_POST
def item_status(request, pk: int, action: str) -> HttpResponse:
    item = selectors.item_get_for_user(pk=pk, user=request.user)
    form = StatusForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.item_move_status(
                item_id=item.pk,
                action=action,
                actor=request.user,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
            return redirect(item)
    return render(request, "plans/item.html", _item_context(request, item, status_form=form), status=400)


@login_required
@require_POST
def update_create(request, pk: int) -> HttpResponse:
    item = selectors.item_get_for_user(pk=pk, user=request.user)
    if not selectors.can_post_update(item=item, user=request.user):
        raise PermissionDenied(_("只有该事项的责任单位可以报送进展。"))
    form = UpdateForm(request.POST, request.FILES)
    if form.is_valid():
        with form_errors(form):
            services.update_post(
                item=item,
                actor=request.user,
                text=form.cleaned_data["text"],
                progress=form.cleaned_data["progress"],
                files=form.files_list(),
            )
            messages.success(request, _("进展已报送，等待工作专班审核。"))
            return redirect(item)
    return render(request, "plans/item.html", _item_context(request, item, update_form=form), status=400)


@login_required
@require_POST
def update_review(request, pk: int, action: str) -> HttpResponse:
    update = selectors.update_get_for_user(pk=pk, user=request.user)
    form = ReviewForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.update_review(
                update_id=update.pk,
                action=action,
                actor=request.user,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
            return redirect(update.item)
    messages.error(request, form_error_text(form))
    return redirect(update.item)


@login_required
def export(request) -> HttpResponse:
    selectors.require_reader(request.user)
    plan = get_object_or_404(
        ActionPlan, slug=request.GET.get("plan") or getattr(selectors.default_plan(), "slug", "")
    )
    response = HttpResponse(
        excel.export_plan(plan=plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.slug}.xlsx"'
    return response


@login_required
def import_view(request) -> HttpResponse:
    if not selectors.is_plan_owner(request.user):
        raise PermissionDenied(_("只有街区运营方和工作专班可以导入行动方案。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            counts = excel.import_plan(
                plan=form.cleaned_data["plan"], data=form.cleaned_data["file"].read(), actor=request.user
            )
            messages.success(request, _("已导入：新增 %(created)s 项，更新 %(updated)s 项。") % counts)
            return redirect("plans:index")
    return render(
        request,
        "plans/import.html",
        {"form": form, "columns": excel.COLUMNS},
        status=400 if form.errors else 200,
    )


# --- KPIs ---------------------------------------------------------------------------------------


@login_required
def kpi_list(request) -> HttpResponse:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    rows = selectors.kpi_actual_vs_target(user=request.user, year=year)
    return render(
        request,
        "plans/kpis.html",
        {"rows": rows, "year": year, "years": range(2023, timezone.localdate().year + 1)},
    )


@login_required
def kpi_detail(request, code: str, form: KpiValueForm | None = None) -> HttpResponse:
    kpi = selectors.kpi_get_for_user(code=code, user=request.user)
    roles = selectors.kpi_roles(kpi=kpi, user=request.user)
    return render(
        request,
        "plans/kpi.html",
        {
            "kpi": kpi,
            "trend": selectors.kpi_trend(kpi=kpi, by="year"),
            "months": selectors.kpi_trend(kpi=kpi, by="month"),
            "values": selectors.kpi_values(kpi=kpi),
            "can_enter": kpi.source == "entered" and "unit" in roles,
            "is_owner": selectors.is_plan_owner(request.user),
            "form": form or KpiValueForm(initial={"year": timezone.localdate().year}),
            "items": kpi.plan_items.all(),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def kpi_value_create(request, code: str) -> HttpResponse:
    kpi = selectors.kpi_get_for_user(code=code, user=request.user)
    form = KpiValueForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            services.kpi_value_enter(
                kpi=kpi,
                actor=request.user,
                year=data["year"],
                month=data["month"],
                value=data["value"],
                note=data["note"],
                evidence=data["evidence"],
            )
            messages.success(request, _("已填报，等待工作专班审核。"))
            return redirect(kpi)
    return kpi_detail(request, code, form=form)


@login_required
@require_POST
def kpi_value_review(request, pk: int, action: str) -> HttpResponse:
    row = selectors.kpi_value_get_for_user(pk=pk, user=request.user)
    form = ReviewForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.kpi_value_review(
                value_id=row.pk,
                action=action,
                actor=request.user,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
            return redirect(row.kpi)
    messages.error(request, form_error_text(form))
    return redirect(row.kpi)
