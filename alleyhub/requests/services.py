"""Writes for enterprise requests. Every change checks the current state against the transition
table, bumps `version` (optimistic locking), writes a timeline event and an audit entry, and
notifies the parties — all in one transaction, so a rollback leaves no trace and no message."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alleyhub.accounts.models import User
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.transitions import lock_for_update, version_check, versioned_save
from alleyhub.core.uploads import upload_validate
from alleyhub.directory.models import Organization, OrganizationKind
from alleyhub.notifications.models import Notification
from alleyhub.notifications.services import notify

from .attachments import ATTACHMENTS, MAX_ATTACHMENTS_PER_REQUEST
from .deadlines import YELLOW, compute_due, current_deadline, days_for_category
from .models import (
    Action,
    Category,
    ContactPreference,
    DeadlineKind,
    EnterpriseRequest,
    Escalation,
    RequestAttachment,
    RequestEvent,
    RequestRating,
    RequestStatus,
)
from .routing import route
from .selectors import (
    enterprise_members,
    request_roles_for_user,
    submitter_organizations,
    task_force_leads,
    unit_staff,
)
from .transitions import REOPEN_WINDOW, REQUEST_MOVES, VIEWER, within_reopen_window
from .working_days import working_days_elapsed

logger = logging.getLogger(__name__)

# (recipients, notification code, context) a step hands back to request_act to send.
Notice = tuple[Iterable[User], str, dict[str, Any]]


# --- notifications ----------------------------------------------------------------------------


def _due_text(value: datetime | None) -> str:
    if value is None:
        return ""
    # Deadlines are "end of day D": show D, the last day, not the midnight after it.
    return date_format(timezone.localtime(value - timedelta(seconds=1)).date(), "Y-m-d")


def _notify(recipients: Iterable[User], code: str, req: EnterpriseRequest, key: str, **context: Any) -> None:
    """One notification per recipient, inside the caller's transaction; `key` makes reruns
    idempotent (same step, same recipient → one notification)."""
    context = {"request": req.title, "unit": req.responsible_unit, **context}
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        notify(recipient=user, code=code, context=context, target=req, dedup_key=f"{key}:{user.pk}")


def _unit_recipients(req: EnterpriseRequest) -> list[User]:
    return unit_staff(req.responsible_unit) or task_force_leads()


# --- submit -----------------------------------------------------------------------------------


def request_submit(
    *,
    organization: Organization,
    actor: User,
    category: str,
    title: str,
    description: str,
    contact_preference: str = ContactPreference.PHONE,
    files: Iterable[UploadedFile] = (),
    now: datetime | None = None,
) -> EnterpriseRequest:
    """A member of an enterprise submits a request; it is routed at once (rule snapshot) and the
    accept clock starts. Raises PermissionDenied if `actor` may not submit for `organization`,
    ValidationError for bad fields, ApplicationError for a refused attachment (core.uploads codes
    upload_type / upload_empty / upload_content, 413 upload_too_large; too_many_attachments)."""
    now = now or timezone.now()
    if (
        organization.kind != OrganizationKind.ENTERPRISE
        or not submitter_organizations(actor).filter(pk=organization.pk).exists()
    ):
        raise PermissionDenied(_("只有企业成员可以代表本企业提交诉求。"))
    files = list(files)
    if len(files) > MAX_ATTACHMENTS_PER_REQUEST:
        raise ApplicationError(
            _("附件最多 %(n)s 个。") % {"n": MAX_ATTACHMENTS_PER_REQUEST}, {"code": "too_many_attachments"}
        )
    content_types = [upload_validate(f, policy=ATTACHMENTS) for f in files]
    accept_days, answer_days = days_for_category(category) if category in Category.values else (1, 5)
    with transaction.atomic():
        routing = route(category=category, organization=organization) if category in Category.values else None
        req = EnterpriseRequest(
            organization=organization,
            submitter=actor,
            category=category,
            title=(title or "").strip(),
            description=(description or "").strip(),
            contact_preference=contact_preference,
            responsible_unit=routing.responsible_unit if routing else None,
            routing_rule=routing.rule if routing else None,
            accept_days=accept_days,
            answer_days=answer_days,
            submitted_at=now,
            routed_at=now,
            accept_due_at=compute_due(now, accept_days),
        )
        req.full_clean()  # an unknown category (no routing) stops here
        req.save()
        if routing is not None:
            req.cooperating_units.set(routing.cooperating_units)
        for f, content_type in zip(files, content_types, strict=True):
            _attachment_create(req=req, uploaded=f, content_type=content_type, actor=actor)
        event = _event(req, Action.SUBMIT, "", RequestStatus.SUBMITTED, actor, "", now)
        audit_record(
            actor=actor,
            target=req,
            code="requests.request.submitted",
            data={
                "unit": req.responsible_unit_id,
                "rule": req.routing_rule_id,
                "category": category,
            },
        )
        _notify(
            _unit_recipients(req),
            "requests.request.submitted",
            req,
            f"req-submitted:{event.pk}",
            due=_due_text(req.accept_due_at),
        )
    return req


def _attachment_create(
    *, req: EnterpriseRequest, uploaded: UploadedFile, content_type: str, actor: User
) -> RequestAttachment:
    att = RequestAttachment(
        request=req,
        original_name=(uploaded.name or "")[:200],
        size=uploaded.size or 0,  # upload_validate refused empty and unknown sizes
        content_type=content_type,
        uploaded_by=actor,
    )
    att.file.save(uploaded.name or "", uploaded, save=False)
    att.save()
    return att


def attachment_add(*, request: EnterpriseRequest, uploaded: UploadedFile, actor: User) -> RequestAttachment:
    """Add a file to a request (its enterprise, the unit in charge or the task force).
    Raises PermissionDenied; ApplicationError for a refused file (core.uploads codes), a closed
    request (409 "closed") or one that has all its attachments already."""
    roles = request_roles_for_user(request=request, user=actor)
    if not (roles - {VIEWER}):
        raise PermissionDenied(_("您无权为此诉求添加附件。"))
    content_type = upload_validate(uploaded, policy=ATTACHMENTS)
    with transaction.atomic():
        # The request's row lock serialises uploads to it, so two at once cannot pass the limit
        # together, and the status checked is the current one.
        locked = lock_for_update(EnterpriseRequest.objects.all(), pk=request.pk)
        if locked.status == RequestStatus.CLOSED:
            raise ApplicationError(_("已办结的诉求不能再添加附件。"), {"code": "closed"}, status=409)
        if locked.attachments.count() >= MAX_ATTACHMENTS_PER_REQUEST:
            raise ApplicationError(
                _("附件最多 %(n)s 个。") % {"n": MAX_ATTACHMENTS_PER_REQUEST},
                {"code": "too_many_attachments"},
            )
        att = _attachment_create(req=request, uploaded=uploaded, content_type=content_type, actor=actor)
        audit_record(
            actor=actor, target=request, code="requests.attachment.added", data={"attachment": att.pk}
        )
    return att


# --- transitions ------------------------------------------------------------------------------


def _event(
    req: EnterpriseRequest,
    action: str,
    from_status: str,
    to_status: str,
    actor: User | None,
    note: str,
    now: datetime,
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=req,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        at=now,
    )


def _resolve_escalations(req: EnterpriseRequest, kind: str, now: datetime) -> None:
    Escalation.objects.filter(request=req, kind=kind, resolved_at__isnull=True).update(resolved_at=now)


def request_act(
    *,
    request_id: int,
    action: str,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    score: int | None = None,
    responsible_unit: Organization | None = None,
    cooperating_units: Iterable[Organization] = (),
    now: datetime | None = None,
) -> EnterpriseRequest:
    """Take `action` on a request, as `actor` (the moves are transitions.REQUEST_MOVES).

    Raises:
    - ApplicationError (400, code "unknown_action") for an action not in the table;
    - Http404 for an unknown request; PermissionDenied (403) if the actor may not act on it or may
      not take this action (e.g. a unit closing, another enterprise rating);
    - ConflictError (409, code "conflict") if `expected_version` is given and stale — someone
      else changed the request first; nothing is changed;
    - ApplicationError (409, code "forbidden_transition") if the action is not allowed from the
      current status, or (code "reopen_window_passed") the reopen window has passed;
    - ApplicationError (400) for a missing note, a rating outside 1–5, a missing unit to re-route to.
    """
    now = now or timezone.now()
    note = (note or "").strip()
    move = REQUEST_MOVES.get(action)
    with transaction.atomic():
        req = lock_for_update(
            EnterpriseRequest.objects.select_related("organization", "responsible_unit", "submitter"),
            pk=request_id,
        )
        roles = request_roles_for_user(request=req, user=actor)
        if not roles:
            raise PermissionDenied(_("您无权查看此诉求。"))
        version_check(req, expected_version)
        REQUEST_MOVES.check(req, move.action, roles=roles, note=note)
        old_status = req.status
        notices = _HANDLERS[move.action](
            req=req,
            actor=actor,
            note=note,
            now=now,
            score=score,
            responsible_unit=responsible_unit,
            cooperating_units=list(cooperating_units),
        )
        req.status = move.target
        req.full_clean()
        versioned_save(req)
        event = _event(req, move.action, old_status, req.status, actor, note, now)
        audit_record(
            actor=actor,
            target=req,
            code=f"requests.request.{move.action}",
            data={
                "from": old_status,
                "to": req.status,
                "note": note[:500],
                "version": req.version,
            },
        )
        for recipients, code, context in notices:
            _notify(recipients, code, req, f"{code}:{event.pk}", **context)
    return req


# Each step's own changes to the (locked) request, before request_act saves it; returns whom to tell.
# Every step takes the same keywords (req, actor, note, now, score, responsible_unit,
# cooperating_units) and ignores those it does not need.


def _accept(*, req: EnterpriseRequest, now: datetime, **_kw: Any) -> list[Notice]:
    req.accepted_at = now
    req.answer_started_at = now
    req.answer_due_at = compute_due(now, req.answer_days)
    _resolve_escalations(req, DeadlineKind.ACCEPT, now)
    return [(enterprise_members(req), "requests.request.accepted", {"due": _due_text(req.answer_due_at)})]


def _start(**_kw: Any) -> list[Notice]:
    return []


def _answer(*, req: EnterpriseRequest, note: str, now: datetime, **_kw: Any) -> list[Notice]:
    req.answered_at = now
    req.answer = note
    req.answered_on_time = req.answer_due_at is None or now <= req.answer_due_at
    _resolve_escalations(req, DeadlineKind.ANSWER, now)
    return [(enterprise_members(req), "requests.request.answered", {})]


def _return(*, req: EnterpriseRequest, note: str, now: datetime, **_kw: Any) -> list[Notice]:
    _resolve_escalations(req, DeadlineKind.ACCEPT, now)
    _resolve_escalations(req, DeadlineKind.ANSWER, now)
    return [(task_force_leads(), "requests.request.returned", {"reason": note})]


def _reroute(
    *,
    req: EnterpriseRequest,
    now: datetime,
    responsible_unit: Organization | None,
    cooperating_units: Sequence[Organization],
    **_kw: Any,
) -> list[Notice]:
    if responsible_unit is None:
        raise ApplicationError(_("请选择新的责任单位。"), {"code": "unit_required"})
    if responsible_unit.kind != OrganizationKind.GOVERNMENT_UNIT:
        raise ApplicationError(_("责任单位必须是政府部门。"), {"code": "unit_kind"})
    req.responsible_unit = responsible_unit
    req.routing_rule = None
    req.routed_at = now
    req.accept_due_at = compute_due(now, req.accept_days)
    req.accepted_at = req.answer_started_at = req.answer_due_at = None
    req.cooperating_units.set([u for u in cooperating_units if u.pk != responsible_unit.pk])
    return [(_unit_recipients(req), "requests.request.submitted", {"due": _due_text(req.accept_due_at)})]


def _close(
    *, req: EnterpriseRequest, actor: User, note: str, now: datetime, score: int | None, **_kw: Any
) -> list[Notice]:
    if score is None or not isinstance(score, int) or not 1 <= score <= 5:
        raise ApplicationError(_("请给出 1 到 5 分的评价。"), {"code": "rating_invalid"})
    req.closed_at = now
    rating = RequestRating(request=req, unit=req.responsible_unit, score=score, comment=note, rated_by=actor)
    rating.full_clean()
    rating.save()
    return [(unit_staff(req.responsible_unit), "requests.request.closed", {})]


def _reopen(*, req: EnterpriseRequest, note: str, now: datetime, **_kw: Any) -> list[Notice]:
    if not within_reopen_window(req, now):
        raise ApplicationError(
            _("答复已超过 %(days)s 天，不能重新打开；请提交新的诉求。") % {"days": REOPEN_WINDOW.days},
            {"code": "reopen_window_passed"},
            status=409,
        )
    req.closed_at = None
    req.answer_started_at = now
    req.answer_due_at = compute_due(now, req.answer_days)
    return [(_unit_recipients(req), "requests.request.reopened", {"reason": note})]


_HANDLERS: dict[str, Callable[..., list[Notice]]] = {
    Action.ACCEPT.value: _accept,
    Action.START.value: _start,
    Action.ANSWER.value: _answer,
    Action.RETURN.value: _return,
    Action.REROUTE.value: _reroute,
    Action.CLOSE.value: _close,
    Action.REOPEN.value: _reopen,
}


# --- escalation -------------------------------------------------------------------------------


def requests_warn_due_soon(*, now: datetime | None = None) -> int:
    """Tell the unit in charge once per deadline when a request turns yellow (80% of its working
    time used). Idempotent: the notification key names the request, the deadline kind and its due
    moment. Returns how many requests were warned about by this call (new notifications only)."""
    now = now or timezone.now()
    warned = 0
    open_qs = EnterpriseRequest.objects.filter(
        status__in=(
            RequestStatus.SUBMITTED,
            RequestStatus.ACCEPTED,
            RequestStatus.IN_PROGRESS,
            RequestStatus.REOPENED,
        )
    ).select_related("responsible_unit")
    for req in open_qs:
        d = current_deadline(req, now)
        if d is None or d.colour != YELLOW:
            continue
        key = f"req-due-soon:{req.pk}:{d.kind}:{d.due.isoformat()}"
        if Notification.objects.filter(dedup_key__startswith=key + ":").exists():
            continue
        with transaction.atomic():
            _notify(_unit_recipients(req), "requests.request.due_soon", req, key, due=_due_text(d.due))
        warned += 1
    return warned


def requests_escalate_overdue(*, now: datetime | None = None) -> list[Escalation]:
    """Escalate every request whose running deadline has passed to the task-force lead, once per
    request and deadline: the Escalation row is unique per (request, kind, due date), created in
    the same transaction as the notifications, so reruns and concurrent workers neither repeat
    nor lose a notification. Returns the escalations created by this call."""
    now = now or timezone.now()
    created: list[Escalation] = []
    candidates: list[tuple[EnterpriseRequest, str, datetime]] = []
    for req in EnterpriseRequest.objects.filter(
        status=RequestStatus.SUBMITTED, accept_due_at__lte=now
    ).select_related("responsible_unit", "organization"):
        candidates.append((req, DeadlineKind.ACCEPT, req.accept_due_at))
    for req in EnterpriseRequest.objects.filter(
        status__in=(RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS, RequestStatus.REOPENED),
        answer_due_at__lte=now,
    ).select_related("responsible_unit", "organization"):
        if req.answer_due_at is not None:  # the filter guarantees it; this tells the type checker
            candidates.append((req, DeadlineKind.ANSWER, req.answer_due_at))
    existing = set(
        Escalation.objects.filter(request__in=[c[0] for c in candidates]).values_list(
            "request_id", "kind", "due_at"
        )
    )
    leads = task_force_leads()
    for req, kind, due in candidates:
        if (req.pk, kind, due) in existing:
            continue
        try:
            with transaction.atomic():
                esc = Escalation.objects.create(request=req, kind=kind, due_at=due, unit=req.responsible_unit)
                days = max(1, math.ceil(working_days_elapsed(due, now)))
                audit_record(
                    actor=None,
                    target=req,
                    code="requests.request.escalated",
                    data={"kind": kind, "due_at": due.isoformat(), "escalation": esc.pk},
                )
                _notify(
                    unit_staff(req.responsible_unit),
                    "requests.request.overdue",
                    req,
                    f"req-overdue:{esc.pk}",
                    due=_due_text(due),
                )
                _notify(leads, "requests.request.escalated", req, f"req-escalated:{esc.pk}", days=days)
        except IntegrityError:
            # Another worker escalated it between our read and our insert.
            continue
        created.append(esc)
    if created:
        logger.info("Escalated %d overdue request(s)", len(created))
    return created
