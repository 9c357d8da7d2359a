"""Writes for enquiries. Sending one checks the target is live, the form's answers, the consent to
share contact details and the sender's hourly allowance; every later step checks the transition
table and the version (optimistic locking), adds to the thread, writes an audit entry and tells
the other parties — all in one transaction, so a rollback leaves no trace and no message."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import User
from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import ListingStatus
from alleyhub.core.transitions import lock_for_update, version_check, versioned_save
from alleyhub.directory.models import Organization
from alleyhub.notifications.services import notify
from alleyhub.spaces.models import SpaceUnit

from .models import Action, Enquiry, EnquiryKind, EnquiryMessage, EnquiryStatus, ServiceForm, Side
from .questions import answers_clean, questions_clean
from .selectors import can_edit_service_form, enquiry_roles_for_user, provider_recipients, service_questions
from .transitions import ENQUIRY_MOVES, PROVIDER

MAX_PARTY_SIZE = 50
# How far ahead a visit may be proposed: a date beyond that is a typo, not a plan.
MAX_VISIT_AHEAD = timedelta(days=365)


def enquiries_per_hour() -> int:
    return int(getattr(settings, "ENQUIRIES_PER_HOUR", 10))


def _notify_parties(
    enquiry: Enquiry, *, code: str, actor: User | None, step: str, include_actor: bool = False
) -> None:
    """Tell the applicant and the provider's people about a step (the actor too only when asked:
    a confirmation of what they sent). `step` keys the notification so a rerun sends nothing new."""
    recipients = [enquiry.applicant, *provider_recipients(organization=enquiry.provider)]
    context = {
        "target": enquiry.target,
        "provider": enquiry.provider,
        "applicant": enquiry.contact_name,
        "kind": EnquiryKind(enquiry.kind).label,
        "actor": str(actor) if actor else "",
    }
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen or (actor is not None and user.pk == actor.pk and not include_actor):
            continue
        seen.add(user.pk)
        notify(
            recipient=user,
            code=code,
            context=context,
            target=enquiry,
            dedup_key=f"enquiry:{enquiry.pk}:{step}:{user.pk}",
        )


def _check_allowance(actor: User, now: datetime) -> None:
    limit = enquiries_per_hour()
    recent = Enquiry.objects.filter(applicant=actor, created_at__gte=now - timedelta(hours=1)).count()
    if recent >= limit:
        raise ApplicationError(
            _("一小时内最多发送 %(n)s 条申请或咨询，请稍后再试。") % {"n": limit},
            {"code": "rate_limited"},
            status=429,
        )


def _check_target_live(target: ServiceOffering | SpaceUnit, now: datetime) -> None:
    expired = target.expires_on is not None and target.expires_on < timezone.localdate(now)
    if target.status != ListingStatus.PUBLISHED or expired:
        raise ApplicationError(_("该信息未发布或已过期，不能申请。"), {"code": "target_not_live"}, status=409)


def enquiry_create(
    *,
    target: ServiceOffering | SpaceUnit,
    actor: User,
    consent: bool,
    message: str = "",
    answers: dict[str, Any] | None = None,
    proposed_at: datetime | None = None,
    party_size: int | None = None,
    applicant_organization: Organization | None = None,
    now: datetime | None = None,
) -> Enquiry:
    """Send an application for a service or an enquiry about a space unit to its owner.

    Raises PermissionDenied for an anonymous actor or an applicant organisation the actor is not a
    member of; ApplicationError for a target that is not live (409, "target_not_live"), one's own
    organisation's listing ("own_listing"), too many sends in an hour (429, "rate_limited");
    ValidationError for a missing consent, missing or bad answers, a missing message, a visit in
    the past or a bad party size."""
    now = now or timezone.now()
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(_("请先登录。"))
    service = target if isinstance(target, ServiceOffering) else None
    space_unit = target if isinstance(target, SpaceUnit) else None
    kind = EnquiryKind.SERVICE if service is not None else EnquiryKind.SPACE
    _check_target_live(target, now)
    if target.owner_id in user_organization_ids(actor):
        raise ApplicationError(_("不能向本机构发布的信息提交申请。"), {"code": "own_listing"})
    if applicant_organization is not None and applicant_organization.pk not in user_organization_ids(actor):
        raise PermissionDenied(_("您不是该机构的成员。"))
    errors: dict[str, list[str]] = {}
    if not consent:
        errors["consent"] = [_("发送前请同意向对方提供您的联系方式。")]
    message = (message or "").strip()
    stored_answers: list[dict[str, Any]] = []
    if service is not None:
        questions = service_questions(service=service)
        if questions:
            try:
                stored_answers = answers_clean(questions, answers or {})
            except ValidationError as exc:
                errors.update(exc.message_dict)
        elif not message:
            errors["message"] = [_("请填写留言。")]
        proposed_at = party_size = None
    else:
        if proposed_at is None:
            errors["proposed_at"] = [_("请填写希望看房的时间。")]
        elif proposed_at <= now or proposed_at > now + MAX_VISIT_AHEAD:
            errors["proposed_at"] = [_("希望看房时间应在今后一年之内。")]
        if party_size is None or not (1 <= party_size <= MAX_PARTY_SIZE):
            errors["party_size"] = [_("来访人数应为 1–%(n)s 人。") % {"n": MAX_PARTY_SIZE}]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Counted inside the transaction, after locking the sender's row: two sends at the same
        # moment cannot both pass the last free slot.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        _check_allowance(actor, now)
        enquiry = Enquiry(
            kind=kind,
            service=service,
            space_unit=space_unit,
            provider_id=target.owner_id,
            applicant=actor,
            applicant_organization=applicant_organization,
            message=message,
            answers=stored_answers,
            proposed_at=proposed_at,
            party_size=party_size,
            contact_name=(str(actor) or actor.username)[:100],
            contact_email=actor.email or "",
            contact_phone=actor.phone or "",
            contact_shared_at=now,
        )
        enquiry.full_clean()
        enquiry.save()
        audit_record(
            actor=actor,
            target=enquiry,
            code="enquiries.enquiry.created",
            data={
                "kind": kind,
                "target_id": target.pk,
                "provider_id": target.owner_id,
                # What the applicant agreed to share by sending, and when.
                "contact_shared": {"name": True, "email": bool(actor.email), "phone": bool(actor.phone)},
                "contact_shared_at": now.isoformat(),
            },
        )
        enquiry.provider = target.owner
        _notify_parties(enquiry, code="enquiries.enquiry.created", actor=actor, step="created")
        # The sender gets a receipt (with the link to follow the enquiry).
        notify(
            recipient=actor,
            code="enquiries.enquiry.sent",
            context={
                "target": enquiry.target,
                "provider": target.owner,
                "kind": EnquiryKind(enquiry.kind).label,
            },
            target=enquiry,
            dedup_key=f"enquiry:{enquiry.pk}:sent:{actor.pk}",
        )
    return enquiry


_NOTICE_CODES = {
    Action.ANSWER: "enquiries.enquiry.answered",
    Action.REPLY: "enquiries.enquiry.replied",
    Action.CLOSE: "enquiries.enquiry.closed",
    Action.WITHDRAW: "enquiries.enquiry.withdrawn",
}


def enquiry_act(
    *,
    enquiry_id: int,
    action: str,
    actor: User,
    body: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Enquiry:
    """Take `action` (answer, reply, close, withdraw) on an enquiry; `body` is the message (required
    for answer and reply, optional otherwise). Raises Http404 for an enquiry the actor may not see,
    PermissionDenied for one they may not act on in this capacity, ConflictError (409) for a stale
    version, ApplicationError 409 "forbidden_transition" for a move the status does not allow,
    400 "note_required" for a missing message."""
    now = now or timezone.now()
    body = (body or "").strip()
    if len(body) > 4000:
        raise ValidationError({"body": [_("内容过长（最多 4000 字）。")]})
    with transaction.atomic():
        enquiry = lock_for_update(Enquiry.objects.select_related("provider", "applicant"), pk=enquiry_id)
        roles = enquiry_roles_for_user(enquiry=enquiry, user=actor)
        if not roles:
            # Readers (the task force) see the enquiry but never act; others must not learn it exists.
            if not getattr(actor, "is_operator", False):
                raise Http404
            raise PermissionDenied(_("您只能查看此申请。"))
        version_check(enquiry, expected_version)
        move = ENQUIRY_MOVES.check(enquiry, action, roles=roles, note=body)
        old = enquiry.status
        enquiry.status = move.target
        fields = ["status"]
        if action == Action.ANSWER:
            enquiry.answered_at = now
            fields.append("answered_at")
        if move.target in (EnquiryStatus.CLOSED, EnquiryStatus.WITHDRAWN):
            enquiry.closed_at = now
            fields.append("closed_at")
        versioned_save(enquiry, update_fields=fields)
        side = Side.PROVIDER if move.actors == {PROVIDER} else Side.APPLICANT
        msg = EnquiryMessage.objects.create(
            enquiry=enquiry, author=actor, side=side, action=action, body=body
        )
        audit_record(
            actor=actor,
            target=enquiry,
            code=f"enquiries.enquiry.{action}",
            data={"from": old, "to": move.target, "message_id": msg.pk},
        )
        _notify_parties(enquiry, code=_NOTICE_CODES[Action(action)], actor=actor, step=f"{action}:{msg.pk}")
    return enquiry


def service_form_set(*, service: ServiceOffering, questions: Any, actor: User) -> ServiceForm:
    """Set the questions of a service's application form (an empty list: ask for a message).
    Raises PermissionDenied unless `actor` may edit the service's owner's listings,
    ValidationError for a bad list (see questions.questions_clean)."""
    if not can_edit_service_form(service=service, user=actor):
        raise PermissionDenied(_("只有服务提供方的成员可以修改申请表。"))
    cleaned = questions_clean(questions)
    with transaction.atomic():
        form, _created = ServiceForm.objects.select_for_update().get_or_create(service=service)
        form.questions = cleaned
        form.updated_by = actor
        form.full_clean()
        form.save()
        audit_record(
            actor=actor, target=form, code="enquiries.service_form.set", data={"questions": len(cleaned)}
        )
    return form
