"""Pages for technology outcomes, technology demands and investor profiles. Thin: parse, call a
selector or a service, render. List pages answer HTMX requests aimed at #results with the
`results` partial only; each list page calls the same selector with the same parameters as its
API endpoint. Refusals are never caught here: forms show them through `core.pages.form_errors`,
buttons through `core.pages.PageErrorMiddleware`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alleyhub.core.lists import paginate, render_list
from alleyhub.core.models import ListingStatus, PublishableListing
from alleyhub.directory import listing_pages
from alleyhub.directory.ownership import creatable_organizations

from . import selectors, services
from .forms import (
    DemandFilterForm,
    DemandForm,
    InvestorFilterForm,
    InvestorForm,
    OutcomeFilterForm,
    OutcomeForm,
)

# --- outcomes -------------------------------------------------------------------------------------


def outcome_list(request: HttpRequest) -> HttpResponse:
    form = OutcomeFilterForm(request.GET or None)
    outcomes = selectors.outcome_list(user=request.user, params=form.params())
    context = {
        "form": form,
        "page_obj": paginate(request, outcomes),
        "can_create": selectors.editable_organizations(user=request.user).exists(),
    }
    return render_list(request, "listings/outcome_list.html", context)


def outcome_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = selectors.outcome_get_for_user(pk=pk, user=request.user)
    return render(request, "listings/outcome_detail.html", _detail_context(request, outcome, "outcome"))


def _detail_context(request: HttpRequest, obj: PublishableListing, kind: str) -> dict[str, Any]:
    return {
        "obj": obj,
        "kind": kind,
        "can_view_confidential": selectors.can_view_confidential(user=request.user, listing=obj),
        "can_edit": selectors.can_edit_listing(user=request.user, listing=obj),
        # The status buttons the transition table offers now; "confirm" is not a move.
        "actions": [t.action for t in services.LISTING_MOVES.allowed(obj.status)],
        "can_confirm": obj.status != ListingStatus.ARCHIVED,
    }


@login_required
def outcome_create(request: HttpRequest) -> HttpResponse:
    return listing_pages.listing_create_page(
        request,
        form_class=OutcomeForm,
        create=services.outcome_create,
        detail_url="listings:outcome_detail",
        heading=_("发布科技成果"),
        cancel_url=reverse("listings:outcome_list"),
    )


@login_required
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = selectors.outcome_get_for_user(pk=pk, user=request.user)
    return listing_pages.listing_edit_page(
        request,
        outcome,
        form_class=OutcomeForm,
        update=lambda obj, **kw: services.outcome_update(outcome=obj, **kw),
        detail_url="listings:outcome_detail",
    )


# --- demands --------------------------------------------------------------------------------------


def demand_list(request: HttpRequest) -> HttpResponse:
    form = DemandFilterForm(request.GET or None)
    demands = selectors.demand_list(user=request.user, params=form.params())
    context = {
        "form": form,
        "page_obj": paginate(request, demands),
        "can_create": selectors.editable_organizations(user=request.user).exists(),
    }
    return render_list(request, "listings/demand_list.html", context)


def demand_detail(request: HttpRequest, pk: int) -> HttpResponse:
    demand = selectors.demand_get_for_user(pk=pk, user=request.user)
    return render(request, "listings/demand_detail.html", _detail_context(request, demand, "demand"))


@login_required
def demand_create(request: HttpRequest) -> HttpResponse:
    return listing_pages.listing_create_page(
        request,
        form_class=DemandForm,
        create=services.demand_create,
        detail_url="listings:demand_detail",
        heading=_("发布技术需求"),
        cancel_url=reverse("listings:demand_list"),
    )


@login_required
def demand_edit(request: HttpRequest, pk: int) -> HttpResponse:
    demand = selectors.demand_get_for_user(pk=pk, user=request.user)
    return listing_pages.listing_edit_page(
        request,
        demand,
        form_class=DemandForm,
        update=lambda obj, **kw: services.demand_update(demand=obj, **kw),
        detail_url="listings:demand_detail",
    )


# --- investors ------------------------------------------------------------------------------------


def investor_list(request: HttpRequest) -> HttpResponse:
    form = InvestorFilterForm(request.GET or None)
    investors = selectors.investor_list(user=request.user, params=form.params())
    context = {
        "form": form,
        "page_obj": paginate(request, investors),
        "can_create": creatable_organizations(
            user=request.user, kinds=services.INVESTOR_OWNER_KINDS
        ).exists(),
    }
    return render_list(request, "listings/investor_list.html", context)


def investor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    investor = selectors.investor_get_for_user(pk=pk, user=request.user)
    return render(request, "listings/investor_detail.html", _detail_context(request, investor, "investor"))


@login_required
def investor_create(request: HttpRequest) -> HttpResponse:
    return listing_pages.listing_create_page(
        request,
        form_class=InvestorForm,
        create=services.investor_create,
        detail_url="listings:investor_detail",
        heading=_("发布投资人画像"),
        cancel_url=reverse("listings:investor_list"),
        owner_kinds=services.INVESTOR_OWNER_KINDS,
    )


@login_required
def investor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    investor = selectors.investor_get_for_user(pk=pk, user=request.user)
    return listing_pages.listing_edit_page(
        request,
        investor,
        form_class=InvestorForm,
        update=lambda obj, **kw: services.investor_update(investor=obj, **kw),
        detail_url="listings:investor_detail",
    )


# --- status actions -------------------------------------------------------------------------------

GETTERS: dict[str, tuple[Callable[..., PublishableListing], str]] = {
    "outcome": (selectors.outcome_get_for_user, "listings:outcome_detail"),
    "demand": (selectors.demand_get_for_user, "listings:demand_detail"),
    "investor": (selectors.investor_get_for_user, "listings:investor_detail"),
}


@login_required
@require_POST
def listing_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """A status button (the shared `directory.listing_pages.listing_action_page`)."""
    if kind not in GETTERS:
        raise Http404
    getter, detail_url = GETTERS[kind]
    return listing_pages.listing_action_page(
        request, getter=getter, pk=pk, action=action, detail_url=detail_url
    )
