"""Sending one notification's email, and the task that does it after the notification is saved
(`services.notify` enqueues it on commit; `services.emails_retry_stuck` enqueues it again for
emails a dead worker left behind)."""

import logging
import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override
from django_tasks import task

from .models import Notification
from .rendering import language_of

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 5
SUBJECT_MAX_LENGTH = 200
# Line breaks of every kind (CR, LF, VT, FF, NEL, U+2028/2029) and other runs of whitespace.
_WHITESPACE = re.compile(r"\s+")


def email_subject(text: str) -> str:
    """The one way an e-mail subject is made from a title: titles carry user text (a listing's or
    a request's title), and a line break in a header would start a new header ("…\r\nBcc: x@y"),
    so every run of whitespace, line breaks included, becomes one space; long titles are cut."""
    subject = _WHITESPACE.sub(" ", str(text)).strip()
    if len(subject) > SUBJECT_MAX_LENGTH:
        subject = subject[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"
    return subject


def absolute_url(url: str) -> str:
    if not url or url.startswith("http"):
        return url
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/") + url


def notification_email_send(*, notification_id: int) -> bool:
    """Send one pending notification email. Claims the row first (pending → sending) with a
    conditional UPDATE, so two workers never both send it; a worker that dies after the claim
    leaves it 'sending', and `emails_retry_stuck` puts it back after STALE_CLAIM.
    Returns True when this call sent the email."""
    now = timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, email_state=Notification.EmailState.PENDING
    ).update(
        email_state=Notification.EmailState.SENDING,
        email_claimed_at=now,
        email_attempts=models.F("email_attempts") + 1,
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        # In the language the recipient reads now, not the one they had when it was created.
        language = language_of(notification.recipient)
        with override(language):
            title = notification.rendered(language)[0]
            context = {
                "notification": notification,
                "link": absolute_url(notification.url),
                "recipient": notification.recipient,
            }
            text = render_to_string("notifications/email/notification.txt", context)
            html = render_to_string("notifications/email/notification.html", context)
        message = EmailMultiAlternatives(
            subject=email_subject(title), body=text, to=[notification.recipient.email]
        )
        message.attach_alternative(html, "text/html")
        message.send()
    except Exception:
        logger.exception("Email for notification %s failed", notification_id)
        failed = notification.email_attempts >= MAX_EMAIL_ATTEMPTS
        Notification.objects.filter(pk=notification_id).update(
            email_state=Notification.EmailState.FAILED if failed else Notification.EmailState.PENDING
        )
        raise
    Notification.objects.filter(pk=notification_id).update(
        email_state=Notification.EmailState.SENT, emailed_at=timezone.now()
    )
    return True


@task()
def send_notification_email(notification_id: int) -> bool:
    return notification_email_send(notification_id=notification_id)
