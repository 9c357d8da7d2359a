"""Pages for technology outcomes, technology demands and investor profiles. Thin: parse, call a
selector or a service, render. List pages answer HTMX requests aimed at #results with the
`results` partial only; each list page calls the same selector with the same parameters as its
API endpoint. Refusals are never caught here: forms show them through `core.pages.form_errors`,
buttons through `core.pages.PageErrorMiddleware`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alleyhub.core.lists import paginate, render_list
from alleyhub.core.models import ListingStatus, PublishableListing
from alleyhub.core.pages import VersionField, form_errors
from alleyhub.directory import listing_pages
from alleyhub.directory.models import Organization
from alleyhub.directory.ownership import creatable_organizations

from . import selectors, services
from .forms import (
    DemandFilterForm,
    DemandForm,
    InvestorFilterForm,
    InvestorForm,
    ListingEditForm,
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


def _organizations_or_403(user: Any) -> QuerySet[Organization]:
    """The organisations offered in the owner field: the user's own; an operator without
    memberships gets every organisation (operators usually act for their own platform)."""
    organizations = selectors.editable_organizations(user=user)
    if not organizations.exists():
        raise PermissionDenied(_("只有机构成员可以发布条目。"))
    own = organizations.filter(id__in=selectors.user_organization_ids(user))
    return own if own.exists() else organizations.order_by("name_zh", "name_en")


def _listing_create(
    request: HttpRequest,
    *,
    kind: str,
    form_class: type[ListingEditForm],
    create: Callable[..., PublishableListing],
) -> HttpResponse:
    """The create page of an outcome or a demand: `create(actor=, owner=, **fields)` saves a draft."""
    form = form_class(request.POST or None, organizations=_organizations_or_403(request.user))
    if request.method == "POST" and form.is_valid():
        data, m2m = form.service_data()
        with form_errors(form):
            listing = create(actor=request.user, owner=form.cleaned_data["owner"], **data, **m2m)
            messages.success(request, _("已保存为草稿。"))
            return redirect(f"listings:{kind}_detail", pk=listing.pk)
    return render(request, "listings/listing_form.html", {"form": form, "kind": kind, "obj": None})


def _listing_edit(
    request: HttpRequest,
    listing: PublishableListing,
    *,
    kind: str,
    form_class: type[ListingEditForm],
    update: Callable[..., PublishableListing],
) -> HttpResponse:
    """The edit page of an outcome or a demand: `update(listing, actor=, expected_version=,
    **fields)` saves it. A stale hidden version shows what changed meanwhile (core.pages)."""
    if not selectors.can_edit_listing(user=request.user, listing=listing):
        raise PermissionDenied
    # The form validates on its own copy, so the service sees the stored values as "before".
    form = form_class(request.POST or None, instance=type(listing)._default_manager.get(pk=listing.pk))
    del form.fields["owner"]
    if request.method == "POST" and form.is_valid():
        data, m2m = form.service_data()
        with form_errors(form):
            update(
                listing,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **data,
                **m2m,
            )
            messages.success(request, _("已保存。"))
            return redirect(f"listings:{kind}_detail", pk=listing.pk)
    return render(request, "listings/listing_form.html", {"form": form, "kind": kind, "obj": listing})


@login_required
def outcome_create(request: HttpRequest) -> HttpResponse:
    return _listing_create(request, kind="outcome", form_class=OutcomeForm, create=services.outcome_create)


@login_required
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = selectors.outcome_get_for_user(pk=pk, user=request.user)
    return _listing_edit(
        request,
        outcome,
        kind="outcome",
        form_class=OutcomeForm,
        update=lambda obj, **kw: services.outcome_update(outcome=obj, **kw),
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
    return _listing_create(request, kind="demand", form_class=DemandForm, create=services.demand_create)


@login_required
def demand_edit(request: HttpRequest, pk: int) -> HttpResponse:
    demand = selectors.demand_get_for_user(pk=pk, user=request.user)
    return _listing_edit(
        request,
        demand,
        kind="demand",
        form_class=DemandForm,
        update=lambda obj, **kw: services.demand_update(demand=obj, **kw),
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
ACTIONS: dict[str, tuple[Callable[..., PublishableListing], Any]] = {
    "publish": (services.listing_publish, gettext_lazy("已发布。")),
    "archive": (services.listing_archive, gettext_lazy("已归档。")),
    "confirm": (services.listing_confirm, gettext_lazy("已确认信息仍然有效。")),
}


class ActionForm(forms.Form):
    """The hidden version a status button sends (the version the page showed)."""

    version = VersionField()


@login_required
@require_POST
def listing_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """A status button. A refusal (wrong state, stale version, expired) is shown by
    core.pages.PageErrorMiddleware on the page the button was on."""
    if kind not in GETTERS or action not in ACTIONS:
        raise Http404
    getter, detail_url = GETTERS[kind]
    listing = getter(pk=pk, user=request.user)
    service, done = ACTIONS[action]
    form = ActionForm(request.POST)
    expected_version = form.cleaned_data["version"] if form.is_valid() else None
    service(listing=listing, actor=request.user, expected_version=expected_version)
    messages.success(request, str(done))
    return redirect(detail_url, pk=listing.pk)
