"""The service list (服务清单) as its own page, grouped by category or by lifecycle stage; a
service's page; and the create / edit / status pages of service providers and platforms (the
shared listing pages of `alleyhub.directory.listing_pages`, as for outcomes and demands)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alleyhub.core.lists import paginate, render_list
from alleyhub.directory import listing_pages
from alleyhub.directory.ownership import creatable_organizations

from . import selectors, services
from .forms import ServiceFilterForm, ServiceForm


def service_list(request: HttpRequest) -> HttpResponse:
    form = ServiceFilterForm(request.GET or None)
    group_by = form.grouping()
    filters = form.service_filters()
    services_qs = selectors.service_list_for_user(user=request.user, **filters)
    # Narrowed to one group (e.g. one category while grouping by category): a flat, paginated list.
    single_group = filters.get(group_by) if group_by in filters else None
    context: dict[str, Any] = {
        "form": form,
        "group_by": group_by,
        "single_group": single_group,
        "can_create": creatable_organizations(user=request.user, kinds=services.SERVICE_OWNER_KINDS).exists(),
    }
    if single_group:
        context["page_obj"] = paginate(request, services_qs)
        context["total"] = context["page_obj"].paginator.count
    else:
        context["groups"] = selectors.service_groups(queryset=services_qs, group_by=group_by)
        context["total"] = services_qs.count()
    return render_list(request, "catalogue/service_list.html", context)


def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_get_for_user(pk=pk, user=request.user)
    context = {"obj": service, "kind": "service", "edit_url": "catalogue:edit"}
    context.update(listing_pages.manage_context(request, service, action_url="catalogue:action"))
    return render(request, "catalogue/service_detail.html", context)


@login_required
def service_create(request: HttpRequest) -> HttpResponse:
    return listing_pages.listing_create_page(
        request,
        form_class=ServiceForm,
        create=services.service_create,
        detail_url="catalogue:detail",
        heading=_("发布服务"),
        cancel_url=reverse("catalogue:list"),
        owner_kinds=services.SERVICE_OWNER_KINDS,
    )


@login_required
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_get_for_user(pk=pk, user=request.user)
    return listing_pages.listing_edit_page(
        request,
        service,
        form_class=ServiceForm,
        update=lambda obj, **kw: services.service_update(service=obj, **kw),
        detail_url="catalogue:detail",
    )


@login_required
@require_POST
def service_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return listing_pages.listing_action_page(
        request, getter=selectors.service_get_for_user, pk=pk, action=action, detail_url="catalogue:detail"
    )
