"""Spaces pages: buildings with their units, the filtered unit list, unit detail, renewal pipeline."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alleyhub.core.lists import paginate, render_list
from alleyhub.directory.ownership import can_edit_listing

from . import selectors
from .forms import UnitFilterForm

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
    }
    return render_list(request, "spaces/space_list.html", context)


def building_detail(request: HttpRequest, slug: str) -> HttpResponse:
    building = selectors.building_get(slug=slug)
    units = selectors.unit_list_for_user(user=request.user, building_id=building.pk)
    return render(
        request, "spaces/building_detail.html", {"obj": building, "page_obj": paginate(request, units)}
    )


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_user(pk=pk, user=request.user)
    return render(
        request,
        "spaces/unit_detail.html",
        {"obj": unit, "can_edit": can_edit_listing(user=request.user, listing=unit)},
    )


def renewal_list(request: HttpRequest) -> HttpResponse:
    return render(request, "spaces/renewal_list.html", {"pipeline": selectors.renewal_pipeline()})
