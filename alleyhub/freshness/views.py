"""Pages of freshness: the one-click "still valid" link and the operators' stale-data list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from alleyhub.directory.models import Organization
from alleyhub.directory.ownership import is_operator

from . import selectors, services


@never_cache
def confirm(request, token: str) -> HttpResponse:
    """Opened from the reminder e-mail: confirms at once (one click; confirming again only moves
    the timestamp) and says so, with a link to the listing."""
    listing, kind = services.listing_confirm_by_link(token=token)
    return render(
        request, "freshness/confirmed.html", {"listing": listing, "url": kind.url(listing.pk), "kind": kind}
    )


@login_required
def stale_list(request) -> HttpResponse:
    """Operators: organisations with expired or stale listings; with ?organization=<id>, its list."""
    if not is_operator(request.user):
        raise PermissionDenied(_("只有运营方可以查看。"))
    org_id = request.GET.get("organization", "")
    if org_id:
        organization = get_object_or_404(Organization, pk=int(org_id) if org_id.isdigit() else 0)
        rows = selectors.stale_listings_for_organization(user=request.user, organization=organization)
        return render(
            request, "freshness/stale_organization.html", {"organization": organization, "rows": rows}
        )
    counts = selectors.stale_counts_by_organization(user=request.user)
    return render(request, "freshness/stale_list.html", {"counts": counts})
