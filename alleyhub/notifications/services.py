"""Writes for notifications: `notify()` is the one entry point every app uses."""

import hashlib
import json
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from alleyhub.core.audit import audit_record

from .categories import CATEGORY_KEYS, category_of
from .delivery import absolute_url, email_subject, send_notification_email
from .delivery import notification_email_send as notification_email_send
from .models import Notification, NotificationPreference
from .rendering import language_of, params_encode
from .rendering import render_message as render_message
from .scheduling import waiting_args

# A claimed email still 'sending' after this long belongs to a worker that died: send it again.
STALE_CLAIM = timedelta(minutes=10)


# The recipient's language at sending time (kept under this name for callers of old).
_language_of = language_of


def _target_url(target) -> str:
    get_url = getattr(target, "get_absolute_url", None)
    return get_url() if callable(get_url) else ""


def _default_dedup_key(code: str, target, context: dict) -> str:
    raw = json.dumps({k: str(v) for k, v in sorted(context.items())}, ensure_ascii=False)
    target_part = f"{target._meta.label_lower}:{target.pk}" if target is not None else "-"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:24]
    return f"{code}:{target_part}:{digest}"[:200]


def email_mode_for(user, code: str | None = None) -> str:
    """How `user` wants e-mail about messages of `code`'s category (or in general, without a code)."""
    pref = NotificationPreference.objects.filter(user=user).first()
    if pref is None:
        return NotificationPreference.EmailMode.IMMEDIATE
    return pref.mode_for(category_of(code)) if code else pref.email_mode


def notify(
    *,
    recipient,
    code: str,
    context: dict,
    target: models.Model | None = None,
    email: bool = True,
    url: str | None = None,
    dedup_key: str | None = None,
) -> Notification | None:
    """Tell `recipient` about something: one in-app notification, and an email unless `email`
    is False or the user prefers otherwise.

    - `code` names the message (see `notifications/messages.py`, e.g. "requests.request.accepted");
      `context` fills its named placeholders. Pass values, not text rendered in one language:
      model instances (their `__str__` in each language is kept), lazy strings and choice labels
      (stored as msgids), plain text for proper names and what people wrote. The code and the
      parameters are stored (`Notification.params`) and the message is rendered when it is read,
      in the reader's language, and when it is e-mailed, in the recipient's language then
      (`notifications/rendering.py`).
    - `target` (optional) is the object the message is about; the link is `url` if given, else
      `target.get_absolute_url()`.
    - Idempotent: `dedup_key` is unique per recipient. By default it is derived from the code,
      the target and the context, so calling `notify` twice with the same arguments (e.g. a task
      rerun after a crash) creates one notification and sends one email. Pass an explicit key
      when the same words may legitimately be sent again (e.g. include a date or an event id:
      f"request-overdue:{request.pk}:{day}").
    - Email: the user's `NotificationPreference` decides: immediate (sent by a background task
      after the surrounding transaction commits), daily digest, or off. Users without an email
      address get the in-app notification only.
    - Call it inside the transaction of the change it reports: if that rolls back, so does the
      notification, and no email goes out.

    Returns the notification (the existing one on a duplicate key), or None for an inactive or
    missing recipient. Raises KeyError for an unknown code or a placeholder missing from context.
    """
    if recipient is None or not getattr(recipient, "is_active", False):
        return None
    language = _language_of(recipient)
    # Rendered now as well: a code or a parameter missing is the caller's bug and fails here, at
    # once, and the text kept is what is shown should the code ever be unregistered.
    title, body = render_message(code=code, context=context, language=language)
    params = params_encode(context)
    key = (dedup_key or _default_dedup_key(code, target, context))[:200]

    existing = Notification.objects.filter(recipient=recipient, dedup_key=key).first()
    if existing is not None:
        return existing

    state = Notification.EmailState.NONE
    if email and recipient.email:
        mode = email_mode_for(recipient, code)
        if mode == NotificationPreference.EmailMode.IMMEDIATE:
            state = Notification.EmailState.PENDING
        elif mode == NotificationPreference.EmailMode.DAILY:
            state = Notification.EmailState.DIGEST
    if url is None:
        with override(language):
            url = _target_url(target) if target is not None else ""
    notification = Notification(
        recipient=recipient,
        code=code,
        title=title[:300],
        body=body,
        language=language,
        params=params,
        url=url or "",
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        dedup_key=key,
        email_state=state,
    )
    notification.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        # Another worker created it between our check and our insert.
        return Notification.objects.get(recipient=recipient, dedup_key=key)
    if state == Notification.EmailState.PENDING:
        pk = notification.pk
        transaction.on_commit(lambda: send_notification_email.enqueue(pk))
    return notification


def notification_mark_read(*, notification: Notification, actor) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notifications_mark_all_read(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preference_set(
    *, user, email_mode: str, category_modes: dict[str, str] | None = None
) -> NotificationPreference:
    """Set how `user` gets e-mail: `email_mode` for everything, and per category of event
    (`notifications.categories`) where `category_modes` says otherwise ("" or a missing key: follow
    `email_mode`; None: leave the categories as they are). Raises ValidationError for an unknown
    mode or category; records `notifications.preference.changed`."""
    pref, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    pref.email_mode = email_mode
    if category_modes is not None:
        unknown = set(category_modes) - set(CATEGORY_KEYS)
        bad = {m for m in category_modes.values() if m and m not in NotificationPreference.EmailMode.values}
        if unknown or bad:
            raise ValidationError(_("未知的通知类别或邮件方式。"))
        pref.category_modes = {key: mode for key, mode in category_modes.items() if mode}
    pref.full_clean()
    pref.save()
    audit_record(
        actor=user,
        target=pref,
        code="notifications.preference.changed",
        data={"email_mode": pref.email_mode, "category_modes": pref.category_modes},
    )
    return pref


def emails_retry_stuck(*, now=None) -> int:
    """Re-enqueue emails a dead worker left behind: 'sending' claims older than STALE_CLAIM go
    back to 'pending', and every pending email older than a minute is enqueued again (the claim
    in `notification_email_send` makes a double enqueue harmless)."""
    now = now or timezone.now()
    Notification.objects.filter(
        email_state=Notification.EmailState.SENDING, email_claimed_at__lt=now - STALE_CLAIM
    ).update(email_state=Notification.EmailState.PENDING)
    ids = list(
        Notification.objects.filter(
            email_state=Notification.EmailState.PENDING, created_at__lt=now - timedelta(minutes=1)
        ).values_list("pk", flat=True)[:500]
    )
    queued = {args[0] for args in (waiting_args(send_notification_email) or []) if args}
    ids = [pk for pk in ids if pk not in queued]  # already waiting for the worker
    for pk in ids:
        send_notification_email.enqueue(pk)
    return len(ids)


DIGEST_HOUR = 8


def digest_send_for_user(*, user, today=None) -> int:
    """Send `user` one email with every notification waiting for the digest; once a day.
    The preference row is locked for the duration, and the rows are marked in the same
    transaction, so a rerun the same day sends nothing. Returns how many were included."""
    today = today or timezone.localdate()
    with transaction.atomic():
        pref = NotificationPreference.objects.select_for_update().filter(user=user).first()
        if pref is None or pref.email_mode != NotificationPreference.EmailMode.DAILY:
            return 0
        if pref.last_digest_on == today:
            return 0
        items = list(
            Notification.objects.filter(recipient=user, email_state=Notification.EmailState.DIGEST).order_by(
                "created_at", "id"
            )
        )
        pref.last_digest_on = today
        pref.save(update_fields=["last_digest_on", "updated_at"])
        if not items:
            return 0
        language = _language_of(user)
        with override(language):
            context = {
                "items": [(n, absolute_url(n.url)) for n in items],
                "recipient": user,
                "count": len(items),
                "site_url": absolute_url("/"),
            }
            subject = email_subject(render_to_string("notifications/email/digest_subject.txt", context))
            text = render_to_string("notifications/email/digest.txt", context)
            html = render_to_string("notifications/email/digest.html", context)
        message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
        message.attach_alternative(html, "text/html")
        message.send()
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(
            email_state=Notification.EmailState.DIGESTED, emailed_at=timezone.now()
        )
    return len(items)


def digests_send_due(*, now=None) -> int:
    """Send today's digest to every user who asked for one, once the local time is past
    DIGEST_HOUR. Returns the number of users who got an email."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return 0
    today = local.date()
    sent = 0
    prefs = (
        NotificationPreference.objects.filter(email_mode=NotificationPreference.EmailMode.DAILY)
        .exclude(last_digest_on=today)
        .select_related("user")
    )
    for pref in prefs:
        if pref.user.is_active and pref.user.email and digest_send_for_user(user=pref.user, today=today):
            sent += 1
    return sent
