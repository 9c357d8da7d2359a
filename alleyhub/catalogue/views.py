"""The service list (服务清单) as its own page, grouped by category or by lifecycle stage."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from alleyhub.core.lists import paginate, render_list
from alleyhub.directory.ownership import can_edit_listing

from . import selectors
from .forms import ServiceFilterForm


def service_list(request: HttpRequest) -> HttpResponse:
    form = ServiceFilterForm(request.GET or None)
    group_by = form.grouping()
    filters = form.service_filters()
    services = selectors.service_list_for_user(user=request.user, **filters)
    # Narrowed to one group (e.g. one category while grouping by category): a flat, paginated list.
    single_group = filters.get(group_by) if group_by in filters else None
    context: dict[str, Any] = {"form": form, "group_by": group_by, "single_group": single_group}
    if single_group:
        context["page_obj"] = paginate(request, services)
        context["total"] = context["page_obj"].paginator.count
    else:
        context["groups"] = selectors.service_groups(queryset=services, group_by=group_by)
        context["total"] = services.count()
    return render_list(request, "catalogue/service_list.html", context)


def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_get_for_user(pk=pk, user=request.user)
    return render(
        request,
        "catalogue/service_detail.html",
        {"obj": service, "can_edit": can_edit_listing(user=request.user, listing=service)},
    )
