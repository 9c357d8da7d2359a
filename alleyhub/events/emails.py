"""The e-mails a registrant receives (signed in or not: these go to the address given at
registration, in the language they registered in). The confirmation and the reminder carry the
ticket: its link, the QR code (PNG) and the event as an `.ics` attachment."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from alleyhub.notifications.delivery import absolute_url, email_subject

from .calendars import calendar_bytes
from .models import Registration
from .tickets import qr_png

WITH_TICKET = {"confirmed", "reminder"}


def _subject(kind: str, registration: Registration) -> str:
    title = registration.event.title
    subjects = {
        "confirmed": _("报名成功：%(title)s"),
        "pending": _("报名已收到，等待主办方审核：%(title)s"),
        "waitlisted": _("您已进入候补名单：%(title)s"),
        "offered": _("候补名额已为您保留，请确认：%(title)s"),
        "rejected": _("报名未通过：%(title)s"),
        "reminder": _("明天见：%(title)s"),
        "event_cancelled": _("活动已取消：%(title)s"),
    }
    return subjects.get(kind, _("活动报名：%(title)s")) % {"title": title}


def registration_email_send(*, registration_id: int, kind: str) -> bool:
    """Send one e-mail of `kind` about a registration; False if there is no address (walk-ins)
    or nothing to say any more (a confirmation for a registration cancelled meanwhile)."""
    registration = (
        Registration.objects.select_related("event", "event__venue", "event__venue__building")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.email:
        return False
    if kind in WITH_TICKET and registration.status != "confirmed":
        return False
    event = registration.event
    with override(registration.language or "zh-hans"):
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "ticket_url": absolute_url(registration.get_absolute_url()),
            "event_url": absolute_url(event.get_absolute_url()),
            "starts": timezone.localtime(event.starts_at),
            "offer_expires": timezone.localtime(registration.offer_expires_at)
            if registration.offer_expires_at
            else None,
            "with_ticket": kind in WITH_TICKET,
        }
        text = render_to_string("events/email/registration.txt", context)
        subject = email_subject(_subject(kind, registration))
    message = EmailMultiAlternatives(subject=subject, body=text, to=[registration.email])
    if kind in WITH_TICKET:
        message.attach("ticket-qr.png", qr_png(registration.ticket_secret), "image/png")
        message.attach("event.ics", calendar_bytes([event]), "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()
    if kind == "confirmed":
        Registration.objects.filter(pk=registration.pk, confirmation_sent_at__isnull=True).update(
            confirmation_sent_at=timezone.now()
        )
    return True
