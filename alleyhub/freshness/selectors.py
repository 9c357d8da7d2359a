"""Reads for freshness: which reminders are due, who receives them, and the operators' list of
listings to chase per organisation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import User
from alleyhub.core.lists import stale_q
from alleyhub.core.models import FRESH_FOR, ListingStatus, live_q, unconfirmed_q
from alleyhub.directory.models import Organization
from alleyhub.directory.ownership import is_operator

from .kinds import KINDS, ListingKind
from .models import Reason

EXPIRY_REMINDERS = ((Reason.EXPIRES_7, 7), (Reason.EXPIRES_30, 30))


@dataclass(frozen=True)
class DueReminder:
    kind: ListingKind
    listing: Any
    reason: str
    anchor: date


def reminders_due(*, now: datetime | None = None) -> Iterator[DueReminder]:
    """Every reminder whose moment has come, whether sent already or not (the service skips those
    sent: the reminder rows are the memory). Published listings only, live ones for expiry:
    - expires_7: expiry within 7 days; expires_30: within 30 days but more than 7 (a listing
      first seen 5 days before expiry gets the 7-day reminder only);
    - unconfirmed: neither confirmed nor saved for 180 days, anchored on that last moment."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    for kind in KINDS.values():
        live = kind.model._default_manager.filter(live_q(today=today)).select_related("owner")
        for listing in live.filter(expires_on__lte=today + timedelta(days=30)).order_by("pk"):
            days_left = (listing.expires_on - today).days
            reason = Reason.EXPIRES_7 if days_left <= 7 else Reason.EXPIRES_30
            yield DueReminder(kind, listing, reason, listing.expires_on)
        for listing in live.filter(unconfirmed_q(now=now)).order_by("pk"):
            baseline = listing.freshness_baseline
            anchor = timezone.localdate(baseline) if baseline else listing.created_at.date()
            yield DueReminder(kind, listing, Reason.UNCONFIRMED, anchor)


def owner_recipients(*, organization_id: int) -> list[User]:
    """The members of the owner organisation (its admins when it has some)."""
    members = User.objects.filter(memberships__organization_id=organization_id, is_active=True)
    admins = members.filter(memberships__role="admin")
    return list((admins if admins.exists() else members).distinct().order_by("pk"))


def _attention_q(today: date, now: datetime) -> Q:
    return Q(status__in=[ListingStatus.PUBLISHED, ListingStatus.DRAFT]) & stale_q(
        today=today, confirmed_before=now - FRESH_FOR
    )


def stale_counts_by_organization(*, user, now: datetime | None = None) -> list[tuple[Organization, int]]:
    """Organisations with listings that need attention (expired or stale), most first. Operators
    and the task force only (PermissionDenied otherwise)."""
    if not is_operator(user):
        raise PermissionDenied(_("只有运营方可以查看。"))
    now = now or timezone.now()
    counts: Counter[int] = Counter()
    for kind in KINDS.values():
        rows = (
            kind.model._default_manager.filter(_attention_q(timezone.localdate(now), now))
            .values("owner_id")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            counts[row["owner_id"]] += row["n"]
    orgs = Organization.objects.in_bulk(list(counts))
    return [(orgs[pk], n) for pk, n in counts.most_common() if pk in orgs]


@dataclass(frozen=True)
class StaleRow:
    kind: ListingKind
    listing: Any
    url: str


def stale_listings_for_organization(
    *, user, organization: Organization, now: datetime | None = None
) -> list[StaleRow]:
    """The organisation's listings that are expired or stale, oldest confirmation first."""
    if not is_operator(user):
        raise PermissionDenied(_("只有运营方可以查看。"))
    now = now or timezone.now()
    rows: list[StaleRow] = []
    for kind in KINDS.values():
        qs = kind.model._default_manager.filter(
            _attention_q(timezone.localdate(now), now), owner=organization
        )
        rows += [StaleRow(kind, obj, kind.url(obj.pk)) for obj in qs.order_by("pk")[:500]]
    rows.sort(key=lambda r: r.listing.freshness_baseline or r.listing.created_at)
    return rows
