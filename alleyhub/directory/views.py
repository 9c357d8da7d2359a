from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from alleyhub.directory import selectors
from alleyhub.directory.filters import OrganizationFilter
from alleyhub.directory.models import Affiliation, LifecycleStage, Organization, OrganizationKind, Person

PAGE_SIZE = 20


def organization_list(request):
    """The directory. HTMX requests (filter changes) get only the results partial."""
    filterset = OrganizationFilter(request.GET or None, queryset=Organization.objects.none())
    page = Paginator(filterset.results_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "kind_choices": OrganizationKind.choices,
        "stage_choices": LifecycleStage.choices,
        "industry_options": [
            (industry.code, ("\u3000" * depth + "└ " if depth else "") + industry.localized_name)
            for industry, depth in selectors.industry_choices()
        ],
        "subdistrict_options": selectors.subdistrict_choices(),
        "current": {
            name: request.GET.get(name, "") for name in ("q", "kind", "industry", "stage", "subdistrict")
        },
    }
    template = "directory/organization_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def organization_detail(request, slug: str):
    org = selectors.organization_get_for_user(user=request.user, slug=slug)
    context = {
        "org": org,
        "people": selectors.organization_people(organization=org, user=request.user),
        "listings": selectors.organization_listings(organization=org),
        "show_contact": selectors.organization_contact_visible(user=request.user),
    }
    return render(request, "directory/organization_detail.html", context)


def person_detail(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    context = {
        "person": person,
        "show_contact": selectors.person_contact_visible(person=person, user=request.user),
    }
    return render(request, "directory/person_detail.html", context)


def person_list(request):
    """Experts, researchers, brokers, entrepreneurs and investors, with kind and text filters."""
    kind = request.GET.get("kind", "")
    if kind not in Person.Kind.values:
        kind = ""
    q = request.GET.get("q", "")[: selectors.SEARCH_MAX_LENGTH]
    people = selectors.person_list(user=request.user, kind=kind, q=q).prefetch_related(
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.filter(is_primary=True, end_date__isnull=True).select_related(
                "organization"
            ),
            to_attr="primary_affiliations",
        )
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "kind_choices": Person.Kind.choices, "current": {"kind": kind, "q": q}}
    template = "directory/person_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
