"""Writes for events. Each function checks the actor's right, validates, writes in one transaction
with its audit entry, and sends e-mail only after the commit.

Seats are decided under a lock of the event row (`lock_for_update`): every registration,
cancellation, approval, offer and check-in of one event takes it first, so two people taking the
last seat at once are served one after the other: one gets the seat, the other the waiting list.
The capacity is never exceeded (tests/services/test_registration_race.py, on PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.transitions import (
    Transition,
    TransitionTable,
    lock_for_update,
    version_check,
    versioned_save,
)
from alleyhub.core.uploads import IMAGES, upload_validate
from alleyhub.directory.models import Industry, Organization, Person
from alleyhub.directory.ownership import acts_for_every_organization, can_edit_for_organization
from alleyhub.notifications.services import notify
from alleyhub.privacy.services import current_version

from .messages import IN_APP
from .models import (
    ACTIVE,
    SEAT_HOLDING,
    CalendarFeed,
    Event,
    EventFeedback,
    EventStatus,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    Session,
    new_secret,
)
from .selectors import can_manage_event

EVENT_FIELDS = {
    "language",
    "series",
    "kind",
    "title_zh",
    "title_en",
    "description_zh",
    "description_en",
    "venue",
    "address",
    "starts_at",
    "ends_at",
    "capacity",
    "approval_mode",
    "registration_deadline",
    "offer_hours",
    "tags",
}

EVENT_MOVES = TransitionTable(
    (
        Transition(
            "publish", frozenset({EventStatus.DRAFT}), EventStatus.PUBLISHED, label=gettext_lazy("发布")
        ),
        Transition(
            "cancel",
            frozenset({EventStatus.DRAFT, EventStatus.PUBLISHED}),
            EventStatus.CANCELLED,
            label=gettext_lazy("取消活动"),
        ),
        Transition(
            "finish",
            frozenset({EventStatus.PUBLISHED}),
            EventStatus.FINISHED,
            label=gettext_lazy("标记为已结束"),
        ),
        Transition(
            "reopen", frozenset({EventStatus.CANCELLED}), EventStatus.DRAFT, label=gettext_lazy("恢复为草稿")
        ),
    )
)

# What a registration may become, and who moves it: the registrant ("attendee") or the
# organiser staff ("staff").
REGISTRATION_MOVES = TransitionTable(
    (
        Transition(
            "cancel",
            frozenset(ACTIVE),
            RegistrationStatus.CANCELLED,
            actors=frozenset({"attendee", "staff"}),
            label=gettext_lazy("取消报名"),
        ),
        Transition(
            "approve",
            frozenset({RegistrationStatus.PENDING}),
            RegistrationStatus.CONFIRMED,
            actors=frozenset({"staff"}),
            label=gettext_lazy("通过"),
        ),
        Transition(
            "reject",
            frozenset({RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED}),
            RegistrationStatus.REJECTED,
            actors=frozenset({"staff"}),
            label=gettext_lazy("不通过"),
        ),
        Transition(
            "accept_offer",
            frozenset({RegistrationStatus.OFFERED}),
            RegistrationStatus.CONFIRMED,
            actors=frozenset({"attendee"}),
            label=gettext_lazy("确认参加"),
        ),
    )
)


# --- events -------------------------------------------------------------------------------------


def _check_organizers(*, organizers: list[Organization], actor) -> None:
    if not organizers:
        raise ValidationError({"organizers": _("请至少选择一个主办机构。")})
    if not acts_for_every_organization(actor) and not any(
        can_edit_for_organization(user=actor, organization_id=o.pk) for o in organizers
    ):
        raise PermissionDenied(_("您只能为本机构主办的活动创建或修改活动。"))


def _set_relations(
    event: Event,
    *,
    organizers: list[Organization] | None,
    speakers: list[Person] | None,
    industries: list[Industry] | None,
    agenda: list[dict[str, Any]] | None,
) -> None:
    if organizers is not None:
        event.organizers.set(organizers)
    if speakers is not None:
        event.speakers.set(speakers)
    if industries is not None:
        event.industries.set(industries)
    if agenda is not None:
        event.sessions.all().delete()
        for item in agenda:
            session = Session(event=event, **item)
            session.full_clean(exclude=["event"])
            session.save()


def _poster(event: Event, poster) -> None:
    if poster:
        upload_validate(poster, policy=IMAGES)
        event.poster.save(poster.name, poster, save=False)


def event_create(
    *,
    actor,
    organizers: list[Organization],
    speakers: list[Person] | None = None,
    industries: list[Industry] | None = None,
    agenda: list[dict[str, Any]] | None = None,
    poster=None,
    **fields: Any,
) -> Event:
    """A new draft event organised by `organizers`, at least one of which the actor acts for.
    Raises PermissionDenied, ValidationError."""
    _check_organizers(organizers=organizers, actor=actor)
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise ApplicationError(_("未知字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    event = Event(**fields, status=EventStatus.DRAFT, created_by=actor)
    if event.capacity is None and event.venue is not None and event.venue.capacity:
        event.capacity = event.venue.capacity
    _poster(event, poster)
    event.full_clean()
    with transaction.atomic():
        event.save()
        _set_relations(event, organizers=organizers, speakers=speakers, industries=industries, agenda=agenda)
        audit_record(actor=actor, target=event, code="events.event.created", data={"title": event.title})
    return event


def event_update(
    *,
    event: Event,
    actor,
    expected_version: int | None = None,
    organizers: list[Organization] | None = None,
    speakers: list[Person] | None = None,
    industries: list[Industry] | None = None,
    agenda: list[dict[str, Any]] | None = None,
    poster=None,
    **fields: Any,
) -> Event:
    """Change the given fields of `event` (organiser staff only). A larger capacity offers the new
    seats to the waiting list. Raises PermissionDenied, ValidationError, ConflictError."""
    if not can_manage_event(user=actor, event=event):
        raise PermissionDenied
    if organizers is not None:
        _check_organizers(organizers=organizers, actor=actor)
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise ApplicationError(_("未知字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    with transaction.atomic():
        current = lock_for_update(Event.objects, pk=event.pk)
        version_check(current, expected_version)
        for name, value in fields.items():
            setattr(current, name, value)
        _poster(current, poster)
        current.full_clean()
        if current.capacity is not None:
            taken = current.registrations.filter(status__in=SEAT_HOLDING).count()
            if current.capacity < taken:
                raise ValidationError(
                    {"capacity": _("已有 %(taken)s 人占用名额，名额不能少于此数。") % {"taken": taken}}
                )
        names = [*fields, *(["poster"] if poster else [])]
        versioned_save(current, update_fields=names or None)
        _set_relations(
            current, organizers=organizers, speakers=speakers, industries=industries, agenda=agenda
        )
        audit_record(actor=actor, target=current, code="events.event.updated", data={"fields": sorted(names)})
        if current.status == EventStatus.PUBLISHED:
            _fill_seats(current)
    return current


def event_transition(*, event: Event, action: str, actor, expected_version: int | None = None) -> Event:
    """Publish, cancel, finish or reopen `event` (organiser staff). Cancelling tells everyone
    registered. Raises PermissionDenied, ApplicationError (409 in the wrong state), ConflictError."""
    if not can_manage_event(user=actor, event=event):
        raise PermissionDenied
    with transaction.atomic():
        current = lock_for_update(Event.objects, pk=event.pk)
        version_check(current, expected_version)
        move = EVENT_MOVES.check(current, action)
        current.status = move.target
        fields = ["status"]
        if move.target == EventStatus.PUBLISHED and current.published_at is None:
            current.published_at = timezone.now()
            fields.append("published_at")
        versioned_save(current, update_fields=fields)
        audit_record(
            actor=actor, target=current, code=f"events.event.{action}", data={"status": current.status}
        )
        if move.target == EventStatus.CANCELLED:
            ids = list(current.registrations.filter(status__in=ACTIVE).values_list("pk", flat=True))
            _email_after_commit(ids, "event_cancelled")
    return current


def question_add(
    *, event: Event, actor, label: str, choices: list[str], required: bool
) -> RegistrationQuestion:
    """Add a registration question (organiser staff). Raises PermissionDenied, ValidationError."""
    if not can_manage_event(user=actor, event=event):
        raise PermissionDenied
    choices = [c.strip() for c in choices if c and c.strip()]
    if len(choices) > 20 or any(len(c) > 100 for c in choices):
        raise ValidationError({"choices": _("选项最多 20 个，每个不超过 100 字。")})
    question = RegistrationQuestion(
        event=event, label=label.strip(), choices=choices, required=required, position=event.questions.count()
    )
    question.full_clean()
    with transaction.atomic():
        question.save()
        audit_record(actor=actor, target=event, code="events.question.added", data={"label": question.label})
    return question


def question_delete(*, question: RegistrationQuestion, actor) -> None:
    if not can_manage_event(user=actor, event=question.event):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor, target=question.event, code="events.question.deleted", data={"label": question.label}
        )
        question.delete()


# --- registration -------------------------------------------------------------------------------


def _normalise_answers(event: Event, answers: dict[str, Any]) -> dict[str, str]:
    """The answers keyed by question label, checked against the event's questions."""
    result: dict[str, str] = {}
    errors: dict[str, str] = {}
    for question in event.questions.all():
        value = str(answers.get(question.field_name, "") or "").strip()[:1000]
        if question.required and not value:
            errors[question.field_name] = _("请回答：%(label)s") % {"label": question.label}
        elif value and question.choices and value not in question.choices:
            errors[question.field_name] = _("请从选项中选择：%(label)s") % {"label": question.label}
        if value:
            result[question.label] = value
    if errors:
        raise ValidationError(errors)
    return result


def _check_open(event: Event, now: datetime) -> None:
    if event.status != EventStatus.PUBLISHED:
        raise ApplicationError(
            _("该活动当前不接受报名（%(status)s）。") % {"status": event.get_status_display()},
            {"code": "registration_closed"},
            status=409,
        )
    if event.ends_at < now or (event.registration_deadline and event.registration_deadline < now):
        raise ApplicationError(_("报名已截止。"), {"code": "registration_closed"}, status=409)


def _free_seats(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return event.capacity - event.registrations.filter(status__in=SEAT_HOLDING).count()


def registration_create(
    *,
    event: Event,
    actor,
    name: str = "",
    email: str = "",
    phone: str = "",
    organization_name: str = "",
    answers: dict[str, Any] | None = None,
    consent: bool = False,
    ip: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Registration:
    """Register for a published event. A signed-in actor registers themself (name and e-mail
    from the account unless given); anyone else gives name, e-mail and phone and must consent to
    the privacy notice (recorded with its version, time and IP). Confirmed while seats are free
    (or pending with organiser approval), else on the waiting list.
    Raises ApplicationError (409 closed / already registered), ValidationError."""
    now = now or timezone.now()
    signed_in = bool(getattr(actor, "is_authenticated", False))
    if signed_in:
        name = name.strip() or str(actor)
        email = email.strip() or actor.email
        phone = phone.strip() or getattr(actor, "phone", "")
    elif not consent:
        raise ValidationError({"consent": _("请阅读并同意隐私政策，我们才能保存您的报名信息。")})
    errors = {}
    if not name.strip():
        errors["name"] = _("请填写姓名。")
    if not signed_in and not email.strip():
        errors["email"] = _("请填写邮箱，用于接收电子票。")
    if not signed_in and not phone.strip():
        errors["phone"] = _("请填写手机号。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event = lock_for_update(Event.objects, pk=event.pk)
        _check_open(event, now)
        registration = Registration(
            event=event,
            user=actor if signed_in else None,
            name=name.strip(),
            email=email.strip().lower(),
            phone=phone.strip(),
            organization_name=organization_name.strip(),
            answers=_normalise_answers(event, answers or {}),
            language=language or get_language() or "zh-hans",
        )
        if consent:
            registration.consent_at = now
            registration.consent_version = current_version("privacy_notice")
            registration.consent_ip = ip
        _check_not_registered(registration)
        free = _free_seats(event)
        if free is not None and free <= 0:
            registration.status = RegistrationStatus.WAITLISTED
        elif event.approval_mode == "manual":
            registration.status = RegistrationStatus.PENDING
        else:
            registration.status = RegistrationStatus.CONFIRMED
        registration.full_clean(exclude=["ticket_secret"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise _already_registered() from None
        audit_record(
            actor=actor,
            target=registration,
            code="events.registration.created",
            data={"status": registration.status},
            ip=ip,
        )
        _email_after_commit([registration.pk], registration.status)
    return registration


def _already_registered() -> ApplicationError:
    return ApplicationError(_("您已报名此活动。"), {"code": "already_registered"}, status=409)


def _check_not_registered(registration: Registration) -> None:
    active = Registration.objects.filter(event=registration.event, status__in=ACTIVE)
    if registration.user_id and active.filter(user_id=registration.user_id).exists():
        raise _already_registered()
    if registration.email and active.filter(email=registration.email).exists():
        raise _already_registered()


def _fill_seats(event: Event, *, now: datetime | None = None) -> list[Registration]:
    """Offer free seats to the waiting list, first come first served (call with the event row
    locked). Each offer holds a seat until `offer_expires_at`."""
    now = now or timezone.now()
    free = _free_seats(event)
    if free is None:
        waiting = list(event.registrations.filter(status=RegistrationStatus.WAITLISTED))
    elif free <= 0:
        return []
    else:
        waiting = list(
            event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "id")[
                :free
            ]
        )
    for registration in waiting:
        registration.status = RegistrationStatus.OFFERED
        registration.offer_expires_at = now + timedelta(hours=event.offer_hours)
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        audit_record(actor=None, target=registration, code="events.registration.offered")
    _email_after_commit([r.pk for r in waiting], "offered")
    return waiting


def _roles(registration: Registration, actor, *, secret: str | None) -> set[str]:
    roles = set()
    if secret is not None and secret == registration.ticket_secret:
        roles.add("attendee")
    if getattr(actor, "is_authenticated", False):
        if registration.user_id == actor.pk:
            roles.add("attendee")
        if can_manage_event(user=actor, event=registration.event):
            roles.add("staff")
    return roles


def registration_move(
    *, registration: Registration, action: str, actor, secret: str | None = None, now: datetime | None = None
) -> Registration:
    """Cancel (the registrant: signed in or holding the ticket; or organiser staff), approve or
    reject (staff), accept a waiting-list offer (the registrant, before it expires). A seat freed
    by a cancellation is offered to the next person waiting.
    Raises PermissionDenied, ApplicationError (409 in the wrong state or an expired offer)."""
    now = now or timezone.now()
    roles = _roles(registration, actor, secret=secret)
    if not roles:
        raise PermissionDenied
    with transaction.atomic():
        event = lock_for_update(Event.objects, pk=registration.event_id)
        current = lock_for_update(Registration.objects, pk=registration.pk)
        move = REGISTRATION_MOVES.check(current, action, roles=roles)
        if action == "accept_offer" and current.offer_expires_at and current.offer_expires_at < now:
            raise ApplicationError(_("候补名额的确认时限已过。"), {"code": "offer_expired"}, status=409)
        if action == "approve":
            free = _free_seats(event)
            if free is not None and free <= 0:
                # Approved, but the seats went meanwhile: first in line for the next free one.
                current.status = RegistrationStatus.WAITLISTED
            else:
                current.status = move.target
        else:
            current.status = move.target
        if current.status == RegistrationStatus.CANCELLED:
            current.cancelled_at = now
        if current.status == RegistrationStatus.CONFIRMED:
            current.offer_expires_at = None
        current.save(update_fields=["status", "cancelled_at", "offer_expires_at", "updated_at"])
        audit_record(
            actor=actor, target=current, code=f"events.registration.{action}", data={"status": current.status}
        )
        if current.status in (
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.REJECTED,
        ):
            _email_after_commit([current.pk], current.status)
        if registration.holds_seat and not current.holds_seat and event.status == EventStatus.PUBLISHED:
            _fill_seats(event, now=now)
    return current


def offers_expire(*, now: datetime | None = None) -> int:
    """Expire the waiting-list offers not confirmed in time and offer their seats to the next
    people waiting. Idempotent; returns the number of offers expired."""
    now = now or timezone.now()
    event_ids = set(
        Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lt=now).values_list(
            "event_id", flat=True
        )
    )
    expired = 0
    for event_id in event_ids:
        with transaction.atomic():
            event = lock_for_update(Event.objects, pk=event_id)
            due = list(
                event.registrations.select_for_update().filter(
                    status=RegistrationStatus.OFFERED, offer_expires_at__lt=now
                )
            )
            for registration in due:
                registration.status = RegistrationStatus.EXPIRED
                registration.save(update_fields=["status", "updated_at"])
                audit_record(actor=None, target=registration, code="events.registration.offer_expired")
            expired += len(due)
            if event.status == EventStatus.PUBLISHED:
                _fill_seats(event, now=now)
    return expired


# --- check-in -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    already: bool

    @property
    def message(self) -> str:
        r = self.registration
        if self.already:
            return _("%(name)s 已于 %(time)s 由 %(by)s 签到，本次未重复计入。") % {
                "name": r.name,
                "time": timezone.localtime(r.checked_in_at).strftime("%H:%M"),
                "by": r.checked_in_by or "-",
            }
        return _("%(name)s 签到成功。") % {"name": r.name}


def registration_check_in(
    *,
    event: Event,
    actor,
    secret: str | None = None,
    registration_id: int | None = None,
    now: datetime | None = None,
) -> CheckInResult:
    """Check one ticket of `event` in (organiser staff), by its secret (a scan) or its id (the
    search list). Idempotent: a second scan returns the first check-in (`already=True`) and
    changes nothing. Raises PermissionDenied; ApplicationError 404 "ticket_unknown" (forged or
    another event's ticket), 409 "ticket_not_confirmed" (waiting list, cancelled…)."""
    if not can_manage_event(user=actor, event=event):
        raise PermissionDenied(_("只有主办方工作人员可以签到。"))
    now = now or timezone.now()
    lookup: dict[str, Any] = {"event_id": event.pk}
    if secret is not None:
        lookup["ticket_secret"] = (secret or "")[:64]
    elif registration_id is not None:
        lookup["pk"] = registration_id
    else:
        raise ApplicationError(_("请扫描或输入票码。"), {"code": "ticket_unknown"})
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("checked_in_by")
            .filter(**lookup)
            .first()
        )
        if registration is None:
            raise ApplicationError(
                _("无效的票码：不是本活动的电子票。"), {"code": "ticket_unknown"}, status=404
            )
        if registration.checked_in_at is not None:
            return CheckInResult(registration=registration, already=True)
        if registration.status != RegistrationStatus.CONFIRMED:
            raise ApplicationError(
                _("%(name)s 的报名状态为“%(status)s”，不能签到。")
                % {"name": registration.name, "status": registration.get_status_display()},
                {"code": "ticket_not_confirmed", "status": registration.status},
                status=409,
            )
        registration.checked_in_at = now
        registration.checked_in_by = actor
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        audit_record(actor=actor, target=registration, code="events.registration.checked_in")
    return CheckInResult(registration=registration, already=False)


def walk_in_register(
    *, event: Event, actor, name: str, phone: str = "", email: str = "", organization_name: str = "", now=None
) -> Registration:
    """Register someone at the door and check them in at once (organiser staff; the person gives
    their details to the staff in person). Within the capacity like any registration.
    Raises PermissionDenied, ApplicationError (409 full / already registered), ValidationError."""
    if not can_manage_event(user=actor, event=event):
        raise PermissionDenied(_("只有主办方工作人员可以现场登记。"))
    now = now or timezone.now()
    if not name.strip():
        raise ValidationError({"name": _("请填写姓名。")})
    with transaction.atomic():
        event = lock_for_update(Event.objects, pk=event.pk)
        if event.status != EventStatus.PUBLISHED:
            raise ApplicationError(_("该活动当前不接受报名。"), {"code": "registration_closed"}, status=409)
        free = _free_seats(event)
        if free is not None and free <= 0:
            raise ApplicationError(_("名额已满，请先调整名额。"), {"code": "event_full"}, status=409)
        registration = Registration(
            event=event,
            name=name.strip(),
            phone=phone.strip(),
            email=email.strip().lower(),
            organization_name=organization_name.strip(),
            source=Registration.Source.WALK_IN,
            status=RegistrationStatus.CONFIRMED,
            checked_in_at=now,
            checked_in_by=actor,
            language=get_language() or "zh-hans",
        )
        _check_not_registered(registration)
        registration.full_clean(exclude=["ticket_secret"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise _already_registered() from None
        audit_record(actor=actor, target=registration, code="events.registration.walk_in")
    return registration


def feedback_submit(
    *, registration: Registration, actor, secret: str | None = None, rating: int, comment: str = "", now=None
) -> EventFeedback:
    """The attendee's rating (1–5) and comment, once the event has begun and they were checked in;
    sending again replaces the earlier answer. Raises PermissionDenied (not the registrant),
    ApplicationError 409 "feedback_not_open", ValidationError."""
    now = now or timezone.now()
    if "attendee" not in _roles(registration, actor, secret=secret):
        raise PermissionDenied
    if registration.checked_in_at is None or registration.event.starts_at > now:
        raise ApplicationError(_("活动开始并签到后才能评价。"), {"code": "feedback_not_open"}, status=409)
    with transaction.atomic():
        feedback = EventFeedback.objects.select_for_update().filter(registration=registration).first()
        feedback = feedback or EventFeedback(registration=registration)
        feedback.rating = rating
        feedback.comment = (comment or "").strip()
        feedback.full_clean()
        feedback.save()
        audit_record(actor=actor, target=feedback, code="events.feedback.submitted", data={"rating": rating})
    return feedback


# --- reminders and e-mail -----------------------------------------------------------------------


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Claim the reminders of confirmed registrations for events starting tomorrow (local date)
    and send them after the commit. Idempotent: a reminder is claimed once (`reminder_sent_at`)."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__date=tomorrow,
    ).exclude(email="")
    with transaction.atomic():
        ids = list(due.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True))
        Registration.objects.filter(pk__in=ids, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
        _email_after_commit(ids, "reminder")
    return len(ids)


def _email_after_commit(ids: list[int], kind: str) -> None:
    """E-mail the registrants after the commit; signed-in ones also get an in-app notification
    (written in this transaction, so it goes if the change is rolled back)."""
    if not ids:
        return
    if str(kind) in IN_APP:
        for registration in Registration.objects.filter(pk__in=ids, user__isnull=False).select_related(
            "event", "user"
        ):
            until = registration.offer_expires_at
            notify(
                recipient=registration.user,
                code=f"events.registration.{kind}",
                context={
                    # The event itself, not its title: both language versions are kept.
                    "event": registration.event,
                    "until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M") if until else "",
                },
                url=registration.get_absolute_url(),
                email=False,
                dedup_key=f"events.{kind}:{registration.pk}",
            )
    # Imported here: tasks import this module (tasks are thin wrappers around services).
    from .tasks import send_registration_email

    def enqueue() -> None:
        for pk in ids:
            send_registration_email.enqueue(pk, str(kind))

    transaction.on_commit(enqueue)


# --- calendar feed ------------------------------------------------------------------------------


def calendar_feed_ensure(*, user) -> CalendarFeed:
    """The user's feed, created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_revoke(*, user) -> CalendarFeed:
    """Give the user's feed a new secret address; the old one stops working at once."""
    with transaction.atomic():
        feed = calendar_feed_ensure(user=user)
        feed.token = new_secret()
        feed.save(update_fields=["token", "updated_at"])
        audit_record(actor=user, target=feed, code="events.calendar_feed.revoked")
    return feed
