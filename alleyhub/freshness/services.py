"""Writes for freshness: sending the reminders (each once) and confirming a listing from the
one-click link of a reminder."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import User
from alleyhub.listings.services import listing_confirm
from alleyhub.notifications.services import notify

from .kinds import KINDS
from .models import ListingReminder, Reason
from .selectors import owner_recipients, reminders_due
from .tokens import confirm_claim, confirm_token

CODES: dict[str, str] = {
    Reason.EXPIRES_30: "freshness.listing.expires_soon",
    Reason.EXPIRES_7: "freshness.listing.expires_soon",
    Reason.UNCONFIRMED: "freshness.listing.unconfirmed",
}


def confirm_url(*, kind: str, object_id: int, user_id: int) -> str:
    return reverse("freshness:confirm", args=[confirm_token(kind=kind, object_id=object_id, user_id=user_id)])


def reminders_send(*, now: datetime | None = None) -> int:
    """Send every due reminder that was not sent before, to the owner's members, each with their
    own "still valid" link. Idempotent (a `ListingReminder` row per reminder, unique): a rerun, or
    two workers at once, send nothing twice. A listing whose owner has no members is skipped and
    tried again next time. Returns how many reminders it sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    due_list = list(reminders_due(now=now))
    # What was sent already, in one query (the unique constraint still guards a race).
    done = set(
        ListingReminder.objects.filter(object_id__in={d.listing.pk for d in due_list}).values_list(
            "kind", "object_id", "reason", "anchor"
        )
    )
    for due in due_list:
        if (due.kind.name, due.listing.pk, due.reason, due.anchor) in done:
            continue
        recipients = owner_recipients(organization_id=due.listing.owner_id)
        if not recipients:
            continue
        try:
            with transaction.atomic():
                ListingReminder.objects.create(
                    kind=due.kind.name,
                    object_id=due.listing.pk,
                    reason=due.reason,
                    anchor=due.anchor,
                    recipients=len(recipients),
                )
                for user in recipients:
                    notify(
                        recipient=user,
                        code=CODES[due.reason],
                        context={
                            "kind": due.kind.label,
                            "listing": due.listing,
                            "date": due.anchor.isoformat(),
                            "days": (due.anchor - today).days,
                        },
                        url=confirm_url(kind=due.kind.name, object_id=due.listing.pk, user_id=user.pk),
                        dedup_key=f"freshness:{due.kind.name}:{due.listing.pk}:{due.reason}:{due.anchor}:{user.pk}",
                    )
        except IntegrityError:
            continue  # another worker sent it a moment ago
        sent += 1
    return sent


def listing_confirm_by_link(*, token: str):
    """Confirm the listing a reminder's link names, as the user it was sent to (no sign-in: the
    signed token is the proof). Sets last_confirmed_at and writes the listing's audit entry
    (`<app>.<model>.confirmed`) through `listings.services.listing_confirm`. Raises
    PermissionDenied for a bad or expired token, or a user who may no longer edit the listing;
    Http404 for a listing that is gone; ApplicationError (409 archived, 422 expired)."""
    claim = confirm_claim(token)
    kind = KINDS.get(claim.kind)
    user = User.objects.filter(pk=claim.user_id, is_active=True).first()
    if kind is None or user is None:
        raise PermissionDenied(_("链接无效。"))
    listing = kind.model._default_manager.filter(pk=claim.object_id).first()
    if listing is None:
        raise Http404
    return listing_confirm(listing=listing, actor=user), kind
