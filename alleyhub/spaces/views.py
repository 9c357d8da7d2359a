"""Spaces pages: buildings with their units, the filtered unit list, unit detail, renewal pipeline;
and the pages of those who keep them: units (space operators / incubators, through the shared
listing pages of `alleyhub.directory.listing_pages`, as outcomes), buildings and renewal sites
(operators)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alleyhub.core.lists import paginate, render_list
from alleyhub.core.pages import form_errors
from alleyhub.directory import listing_pages
from alleyhub.directory.ownership import acts_for_every_organization

from . import selectors, services
from .forms import BuildingForm, RenewalSiteForm, UnitFilterForm, UnitForm

BUILDINGS_ON_LIST = 24


def space_list(request: HttpRequest) -> HttpResponse:
    form = UnitFilterForm(request.GET or None)
    units = selectors.unit_list_for_user(user=request.user, **form.filters())
    buildings = selectors.building_list()
    context = {
        "form": form,
        "page_obj": paginate(request, units),
        "buildings": buildings[:BUILDINGS_ON_LIST],
        "building_count": buildings.count(),
        "can_create": selectors.unit_owner_organizations(user=request.user).exists(),
        "can_create_building": acts_for_every_organization(request.user),
    }
    return render_list(request, "spaces/space_list.html", context)


def building_detail(request: HttpRequest, slug: str) -> HttpResponse:
    building = selectors.building_get(slug=slug)
    units = selectors.unit_list_for_user(user=request.user, building_id=building.pk)
    context = {
        "obj": building,
        "page_obj": paginate(request, units),
        "can_edit_building": selectors.can_edit_building(user=request.user, building=building),
    }
    return render(request, "spaces/building_detail.html", context)


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_user(pk=pk, user=request.user)
    context = {"obj": unit, "kind": "unit", "edit_url": "spaces:unit_edit"}
    context.update(listing_pages.manage_context(request, unit, action_url="spaces:unit_action"))
    return render(request, "spaces/unit_detail.html", context)


def renewal_list(request: HttpRequest) -> HttpResponse:
    context = {
        "pipeline": selectors.renewal_pipeline(),
        "can_edit": acts_for_every_organization(request.user),
    }
    return render(request, "spaces/renewal_list.html", context)


# --- units ----------------------------------------------------------------------------------------


def _unit_form_kwargs(request: HttpRequest) -> dict[str, Any]:
    return {
        "buildings": selectors.unit_buildings_for_user(user=request.user),
        "any_building": acts_for_every_organization(request.user),
    }


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    return listing_pages.listing_create_page(
        request,
        form_class=UnitForm,
        create=services.unit_create,
        detail_url="spaces:unit_detail",
        heading=_("发布空间"),
        cancel_url=reverse("spaces:list"),
        organizations=selectors.unit_owner_organizations(user=request.user),
        form_kwargs=_unit_form_kwargs(request),
    )


@login_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_user(pk=pk, user=request.user)
    return listing_pages.listing_edit_page(
        request,
        unit,
        form_class=UnitForm,
        update=lambda obj, **kw: services.unit_update(unit=obj, **kw),
        detail_url="spaces:unit_detail",
        form_kwargs=_unit_form_kwargs(request),
    )


@login_required
@require_POST
def unit_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return listing_pages.listing_action_page(
        request, getter=selectors.unit_get_for_user, pk=pk, action=action, detail_url="spaces:unit_detail"
    )


# --- buildings and renewal sites (operators) -----------------------------------------------------


def _form_page(request: HttpRequest, form: Any, *, heading: str, cancel_url: str) -> HttpResponse:
    context = {"form": form, "obj": form.instance if form.instance.pk else None, "heading": heading}
    context["cancel_url"] = cancel_url
    return render(request, listing_pages.FORM_TEMPLATE, context)


@login_required
def building_create(request: HttpRequest) -> HttpResponse:
    if not acts_for_every_organization(request.user):
        raise PermissionDenied
    form = BuildingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            building = services.building_create(actor=request.user, **form.service_data())
            messages.success(request, _("已保存。"))
            return redirect("spaces:building_detail", slug=building.slug)
    return _form_page(request, form, heading=_("新增楼宇"), cancel_url=reverse("spaces:list"))


@login_required
def building_edit(request: HttpRequest, slug: str) -> HttpResponse:
    building = selectors.building_get_for_user(slug=slug, user=request.user, for_write=True)
    form = BuildingForm(request.POST or None, instance=type(building).objects.get(pk=building.pk))
    if not acts_for_every_organization(request.user):
        # Admins of the operator organisation keep their building but do not hand it over.
        del form.fields["operator"]
        del form.fields["slug"]
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        with form_errors(form):
            building = services.building_update(
                building=building,
                actor=request.user,
                expected_version=form.cleaned_data.get("version"),
                **data,
            )
            messages.success(request, _("已保存。"))
            return redirect("spaces:building_detail", slug=building.slug)
    cancel = reverse("spaces:building_detail", kwargs={"slug": building.slug})
    return _form_page(request, form, heading=_("编辑：%(title)s") % {"title": building}, cancel_url=cancel)


@login_required
def renewal_create(request: HttpRequest) -> HttpResponse:
    if not acts_for_every_organization(request.user):
        raise PermissionDenied
    form = RenewalSiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.renewal_site_create(actor=request.user, **form.service_data())
            messages.success(request, _("已保存。"))
            return redirect("spaces:renewal_list")
    return _form_page(request, form, heading=_("新增城市更新地块"), cancel_url=reverse("spaces:renewal_list"))


@login_required
def renewal_edit(request: HttpRequest, slug: str) -> HttpResponse:
    site = selectors.renewal_site_get_for_user(slug=slug, user=request.user, for_write=True)
    form = RenewalSiteForm(request.POST or None, instance=type(site).objects.get(pk=site.pk))
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        with form_errors(form):
            services.renewal_site_update(
                site=site, actor=request.user, expected_version=form.cleaned_data.get("version"), **data
            )
            messages.success(request, _("已保存。"))
            return redirect("spaces:renewal_list")
    heading = _("编辑：%(title)s") % {"title": site}
    return _form_page(request, form, heading=heading, cancel_url=reverse("spaces:renewal_list"))
