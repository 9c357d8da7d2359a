"""Writes for the brokers' pipeline. Every function checks the actor's right and the case's
current state first, validates, writes, records an audit entry and notifies, all in one
transaction; a refused action raises ApplicationError / ConflictError / PermissionDenied /
ValidationError and changes nothing.

Stage moves follow the one transition mechanism (core.transitions): the allowed moves are the
table `selectors.case_transitions()` builds from the StageTransition rows; a write locks the case,
checks the version the actor saw and saves with `versioned_save`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import Role, User
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.transitions import (
    Transition,
    conflict_error,
    lock_for_update,
    version_check,
    versioned_save,
)
from alleyhub.core.uploads import DOCUMENTS, upload_validate
from alleyhub.directory.models import Organization, Person
from alleyhub.directory.ownership import acts_for_every_organization, can_see_listing
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.matching.models import Match
from alleyhub.matching.selectors import user_can_decide_match
from alleyhub.matching.services import match_accept
from alleyhub.notifications.services import notify

from . import selectors
from .models import (
    Case,
    CaseActivity,
    CaseRating,
    CaseStageChange,
    ConfidentialityAcceptance,
    StageRule,
    StageTransition,
    SupplyKind,
)
from .transitions import (
    DEFAULT_STAGE_RULES,
    DEFAULT_TRANSITIONS,
    FINAL_STAGES,
    CloseReason,
    ContractType,
    Stage,
)

TERMS_VERSION = "2026-1"
# What a case file may be: the platform's document policy (PDF, Office, images, text; ≤ 10 MB).
CASE_FILES = DOCUMENTS


def _require_broker_or_operator(actor: User) -> None:
    if not getattr(actor, "is_authenticated", False) or not (
        actor.is_broker or acts_for_every_organization(actor)
    ):
        raise PermissionDenied(_("只有科技经纪人或运营方可以管理对接项目。"))


def _require_write(*, case: Case, actor: User) -> str:
    role = selectors.case_role_of(case=case, user=actor)
    if role is None or role in (selectors.CaseRole.PARTY, selectors.CaseRole.OBSERVER):
        raise PermissionDenied(_("您不是此对接项目的经纪人。"))
    return role


def _refuse_if_closed(case: Case) -> None:
    if case.stage == Stage.CLOSED:
        raise ApplicationError(_("此对接项目已终止，不能再修改。"), {"code": "case_closed"})


def _check_version(case: Case, expected_version: int | None) -> None:
    """core's version check; the 409 says who moved the case and where it stands now."""
    try:
        version_check(case, expected_version)
    except ConflictError as exc:
        raise conflict_error(case, message=selectors.case_conflict_message(case=case)) from exc


def _notify_case(
    *,
    case: Case,
    code: str,
    context: dict[str, Any],
    actor: User | None,
    key: str,
    include_parties: bool = True,
) -> None:
    recipients = {case.broker, *case.co_brokers.all()}
    if include_parties:
        recipients |= set(selectors.case_party_users(case=case))
    for user in recipients:
        if actor is not None and user.pk == getattr(actor, "pk", None):
            continue
        notify(recipient=user, code=code, context=context, target=case, dedup_key=f"{key}:{user.pk}")


def _supply_org_of(
    *,
    outcome: TechOutcome | None = None,
    expert: Person | None = None,
    investor: InvestorProfile | None = None,
) -> Organization | None:
    if outcome is not None:
        return outcome.owner
    if investor is not None:
        return investor.owner
    if expert is not None:
        affiliation = expert.affiliations.order_by("-is_primary", "pk").select_related("organization").first()
        return affiliation.organization if affiliation else None
    return None


def _sides_agreeing(*, actor: User, demand_org_id: int | None, supply_org_id: int | None) -> list[str]:
    """The sides whose agreement `actor`'s assigning of brokers carries: both for an operator,
    else the sides whose organisation the actor is a member of."""
    if acts_for_every_organization(actor):
        return ["supply", "demand"]
    org_ids = set(actor.memberships.values_list("organization_id", flat=True))
    return [
        side
        for side, org_id in (("supply", supply_org_id), ("demand", demand_org_id))
        if org_id is not None and org_id in org_ids
    ]


def case_create(
    *,
    demand_org: Organization,
    broker: User | None,
    actor: User,
    demand: TechDemand | None = None,
    outcome: TechOutcome | None = None,
    expert: Person | None = None,
    investor: InvestorProfile | None = None,
    co_brokers: Iterable[User] = (),
    title: str = "",
    note: str = "",
    source_match_id: int | None = None,
) -> Case:
    """Open a case at stage 'lead' between a demand side (an organisation, optionally one of its
    technology demands) and exactly one supply side (an outcome, an expert or an investor
    profile), with a responsible broker and optional co-brokers.

    Raises PermissionDenied unless the actor is a broker or an operator, ApplicationError when
    the sides are inconsistent or the broker is not a broker. Records the first stage change,
    an audit entry, and notifies the brokers and parties."""
    _require_broker_or_operator(actor)
    supplies: list[tuple[str, Any]] = [
        (SupplyKind.OUTCOME, outcome),
        (SupplyKind.EXPERT, expert),
        (SupplyKind.INVESTOR, investor),
    ]
    given = [(kind, obj) for kind, obj in supplies if obj is not None]
    if len(given) != 1:
        raise ApplicationError(
            _("请选择且只选择一个供给方（科技成果、专家或投资机构）。"), {"code": "supply_side"}
        )
    if demand is not None and demand.owner_id != demand_org.pk:
        raise ApplicationError(_("技术需求不属于所选的需求方。"), {"code": "demand_owner"})
    if broker is None or not broker.is_broker or not broker.is_active:
        raise ApplicationError(_("负责人必须是在册的科技经纪人。"), {"code": "broker_role"})
    co_brokers = [u for u in co_brokers if u.pk != broker.pk]
    if any(not u.is_broker for u in co_brokers):
        raise ApplicationError(_("协作经纪人必须是在册的科技经纪人。"), {"code": "co_broker_role"})
    kind, supply = given[0]
    for listing in (demand, outcome, investor):
        # A case about a draft would show it to brokers and the other side: only those who may
        # see the draft (its owner's members, operators) may open one.
        if listing is not None and not can_see_listing(user=actor, listing=listing):
            raise PermissionDenied(_("只能就已发布的条目发起对接项目。"))
    now = timezone.now()
    supply_org = _supply_org_of(outcome=outcome, expert=expert, investor=investor)
    agreed = _sides_agreeing(
        actor=actor, demand_org_id=demand_org.pk, supply_org_id=getattr(supply_org, "pk", None)
    )
    if not title:
        left = demand.title if demand is not None else str(demand_org)
        title = f"{left} × {supply}"[:200]
    case = Case(
        title=title,
        demand_org=demand_org,
        demand=demand,
        supply_kind=kind,
        outcome=outcome,
        expert=expert,
        investor=investor,
        supply_org=supply_org,
        broker=broker,
        stage=Stage.LEAD,
        stage_entered_at=now,
        last_activity_at=now,
        source_match_id=source_match_id,
        created_by=actor,
    )
    for side in agreed:
        setattr(case, f"{side}_accepted_at", now)
        setattr(case, f"{side}_accepted_by", actor)
    case.full_clean()
    with transaction.atomic():
        case.save()
        case.co_brokers.set(co_brokers)
        CaseStageChange.objects.create(
            case=case, from_stage="", to_stage=Stage.LEAD, actor=actor, at=now, note=note
        )
        audit_record(
            actor=actor,
            target=case,
            code="brokerage.case.created",
            data={
                "broker": broker.pk,
                "supply_kind": kind,
                "source_match_id": source_match_id,
                "sides_agreed": agreed,
            },
        )
        _notify_case(
            case=case,
            code="brokerage.case.created",
            actor=actor,
            key=f"case-created:{case.pk}",
            context={"case": case.title, "actor": actor, "broker": broker},
        )
    return case


def _match_sides(match: Match) -> dict[str, Any]:
    """Map a match's two objects onto the case's sides."""
    sides: dict[str, Any] = {}
    for obj in (match.source_object, match.target_object):
        if isinstance(obj, TechDemand):
            sides["demand"] = obj
            sides["demand_org"] = obj.owner
        elif isinstance(obj, TechOutcome):
            sides["outcome"] = obj
        elif isinstance(obj, Person):
            sides["expert"] = obj
        elif isinstance(obj, InvestorProfile):
            sides["investor"] = obj
        elif isinstance(obj, Organization):
            sides.setdefault("demand_org", obj)
    supply_count = sum(1 for key in ("outcome", "expert", "investor") if key in sides)
    if "demand_org" not in sides or supply_count != 1:
        raise ApplicationError(
            _("这类匹配不能发起对接项目：需要一个需求方和一个供给方。"), {"code": "match_kind"}
        )
    return sides


def case_start_from_match(
    *, match: Match, actor: User, broker: User | None = None, co_brokers: Iterable[User] = ()
) -> Case:
    """One click from a match to a case. Accepts the match if it is only suggested or viewed;
    refuses a dismissed match. Starting twice from the same match returns the existing case.
    The responsible broker is `broker`, else the actor when the actor is a broker."""
    _require_broker_or_operator(actor)
    existing = Case.objects.filter(source_match_id=match.pk).first()
    if existing is not None:
        return existing
    status = match.status
    if status == "dismissed":
        raise ApplicationError(_("此匹配已被忽略，不能发起对接项目。"), {"code": "match_dismissed"})
    broker = broker or (actor if actor.is_broker else None)
    if broker is None:
        raise ApplicationError(_("请指定负责此项目的科技经纪人。"), {"code": "broker_required"})
    sides = _match_sides(match)
    with transaction.atomic():
        if status != "accepted" and user_can_decide_match(
            user=actor, kind=match.source_kind, source=match.source_object
        ):
            # Only the source's organisation and operators decide its matches; a broker's case
            # leaves the decision to them.
            match_accept(match=match, actor=actor, reason="case")
        case = case_create(
            **sides,
            broker=broker,
            co_brokers=co_brokers,
            actor=actor,
            source_match_id=match.pk,
            note=_("由匹配发起（得分 %(score)s）") % {"score": getattr(match, "score", "")},
        )
    return case


def _parse_amount(value: Decimal | str | float | None) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("合同金额不是有效的数字。"), {"code": "contract_amount"}) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        raise ApplicationError(_("合同金额超出范围。"), {"code": "contract_amount"})
    return amount


def _check_move(case: Case, to_stage: str) -> Transition:
    """The move to `to_stage` if the pipeline's table allows it from the case's stage now
    (core's refusals: 409 "forbidden_transition", 400 "unknown_action"), with the stages that
    are open instead, for API clients."""
    table = selectors.case_transitions()
    try:
        return table.check(case, str(to_stage))
    except ApplicationError as exc:
        exc.extra.setdefault("allowed", table.targets(case.stage))
        raise


def case_move(
    *,
    case: Case,
    to_stage: str,
    expected_version: int | None,
    actor: User,
    note: str = "",
    close_reason: str = "",
    contract_type: str = "",
    contract_amount: Decimal | str | float | None = None,
    contract_date: date | None = None,
) -> Case:
    """Move a case to `to_stage` if the StageTransition table allows it from its current stage.

    `expected_version` is the version the actor saw (None: not checked, the move still happens
    under the row lock); if someone changed the case since, a ConflictError (409) tells who did
    and nothing changes. Signing needs contract type, amount and date; closing needs a reason
    from CloseReason. Records a CaseStageChange and an audit entry and notifies everyone on the
    case. Returns the case as saved."""
    _require_write(case=case, actor=actor)
    with transaction.atomic():
        current = lock_for_update(Case.objects.all(), pk=case.pk)
        _check_version(current, expected_version)
        move = _check_move(current, to_stage)
        from_stage = current.stage
        details: list[str] = []  # the contract or the close reason, when the move needs them
        if move.target == Stage.SIGNED:
            amount = _parse_amount(contract_amount)
            if contract_type not in ContractType.values or amount is None or not contract_date:
                raise ApplicationError(
                    _("签约需要填写合同类型、金额和签约日期。"), {"code": "contract_required"}
                )
            if isinstance(contract_date, datetime):
                contract_date = contract_date.date()
            if contract_date > timezone.localdate():
                raise ApplicationError(_("签约日期不能晚于今天。"), {"code": "contract_date"})
            current.contract_type, current.contract_amount, current.contract_date = (
                contract_type,
                amount,
                contract_date,
            )
            details += ["contract_type", "contract_amount", "contract_date"]
        if move.target == Stage.CLOSED:
            if close_reason not in CloseReason.values:
                raise ApplicationError(_("终止项目需要选择终止原因。"), {"code": "close_reason_required"})
            if close_reason == CloseReason.OTHER and not note.strip():
                raise ApplicationError(_("选择“其他原因”时请填写说明。"), {"code": "close_note_required"})
            current.close_reason = close_reason
            details.append("close_reason")
        now = timezone.now()
        current.stage = move.target
        current.stage_entered_at = current.last_activity_at = now
        current.reminded_at = current.flagged_at = None
        current.full_clean()
        versioned_save(
            current,
            update_fields=[
                "stage",
                "stage_entered_at",
                "last_activity_at",
                "reminded_at",
                "flagged_at",
                *details,
            ],
        )
        change = CaseStageChange.objects.create(
            case=current, from_stage=from_stage, to_stage=move.target, actor=actor, at=now, note=note
        )
        audit_record(
            actor=actor,
            target=current,
            code="brokerage.case.stage_changed",
            data={
                "from": from_stage,
                "to": move.target,
                "note": note,
                **{name: str(getattr(current, name)) for name in details},
            },
        )
        _notify_case(
            case=current,
            code="brokerage.case.stage_changed",
            actor=actor,
            key=f"case-stage:{change.pk}",
            context={
                "case": current.title,
                "actor": actor,
                "old_stage": Stage(from_stage).label,
                "stage": Stage(move.target).label,
                "note": note,
            },
        )
    return current


def case_update(
    *,
    case: Case,
    expected_version: int | None,
    actor: User,
    title: str | None = None,
    broker: User | None = None,
    co_brokers: Iterable[User] | None = None,
) -> Case:
    """Change a case's title, responsible broker or co-brokers (brokers on the case, operators).
    Refused on a closed case; optimistic locking as in `case_move`."""
    _require_write(case=case, actor=actor)
    with transaction.atomic():
        current = lock_for_update(Case.objects.all(), pk=case.pk)
        _check_version(current, expected_version)
        _refuse_if_closed(current)
        changed: list[str] = []
        if title is not None:
            title = title.strip()
            if not title:
                raise ApplicationError(_("名称不能为空。"), {"code": "title_required"})
            current.title = title[:200]
            changed.append("title")
        if broker is not None:
            if not broker.is_broker:
                raise ApplicationError(_("负责人必须是在册的科技经纪人。"), {"code": "broker_role"})
            current.broker = broker
            changed.append("broker")
        if co_brokers is not None:
            co_brokers = list(co_brokers)
            if any(not u.is_broker for u in co_brokers):
                raise ApplicationError(_("协作经纪人必须是在册的科技经纪人。"), {"code": "co_broker_role"})
        brokers_changed = broker is not None and broker.pk != case.broker_id
        if co_brokers is not None:
            before = set(current.co_brokers.values_list("pk", flat=True))
            brokers_changed = brokers_changed or before != {
                u.pk for u in co_brokers if u.pk != current.broker_id
            }
        if brokers_changed:
            # Each side agreed to the brokers it knew: brokers assigned by an operator or by a
            # member of a side carry that side's agreement; assigned by anyone else, the side
            # has to agree again before its confidential part is shown through the case.
            agreeing = _sides_agreeing(
                actor=actor, demand_org_id=current.demand_org_id, supply_org_id=current.supply_org_id
            )
            now = timezone.now()
            for side in ("supply", "demand"):
                agreed = side in agreeing
                setattr(current, f"{side}_accepted_at", now if agreed else None)
                setattr(current, f"{side}_accepted_by", actor if agreed else None)
                changed += [f"{side}_accepted_at", f"{side}_accepted_by"]
        current.full_clean()
        # The version goes up even when only the co-brokers change: they are part of the case.
        versioned_save(current, update_fields=changed)
        if co_brokers is not None:
            current.co_brokers.set([u for u in co_brokers if u.pk != current.broker_id])
        data: dict[str, Any] = {
            name: str(getattr(current, f"{name}_id", getattr(current, name))) for name in changed
        }
        if co_brokers is not None:
            data["co_brokers"] = sorted(current.co_brokers.values_list("pk", flat=True))
        audit_record(actor=actor, target=current, code="brokerage.case.updated", data=data)
    return current


def case_activity_add(
    *,
    case: Case,
    actor: User,
    kind: str,
    text: str = "",
    upload: UploadedFile | None = None,
    occurred_at: datetime | None = None,
) -> CaseActivity:
    """Record a note, call, meeting or file on a case (brokers on it and operators). A file must
    pass `core.uploads.upload_validate` (CASE_FILES: type, content and size; ApplicationError
    400/413 "upload_*"). Refused on a closed case. Resets the case's idle clock and clears its
    reminder and operator flag."""
    _require_write(case=case, actor=actor)
    _refuse_if_closed(Case.objects.get(pk=case.pk))
    if kind not in CaseActivity.Kind.values:
        raise ApplicationError(_("未知的活动类型。"), {"code": "activity_kind"})
    text = (text or "").strip()
    activity = CaseActivity(
        case=case, kind=kind, author=actor, text=text, occurred_at=occurred_at or timezone.now()
    )
    if kind == CaseActivity.Kind.FILE:
        if upload is None:
            raise ApplicationError(_("请选择要上传的文件。"), {"code": "file_required"})
        activity.content_type = upload_validate(upload, policy=CASE_FILES)
        activity.file_name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200]
        activity.file_size = upload.size
        activity.file = upload
    elif not text:
        raise ApplicationError(_("请填写内容。"), {"code": "text_required"})
    if activity.occurred_at > timezone.now() + timedelta(days=1):
        raise ApplicationError(_("发生时间不能在未来。"), {"code": "occurred_at"})
    activity.full_clean(exclude=["file"])
    with transaction.atomic():
        activity.save()
        now = timezone.now()
        # Bookkeeping, not an edit: the idle clock restarts without a new version, so a note added
        # meanwhile never turns someone's open board or form stale.
        Case.objects.filter(pk=case.pk).update(
            last_activity_at=now, reminded_at=None, flagged_at=None, updated_at=now
        )
        audit_record(
            actor=actor,
            target=case,
            code="brokerage.case.activity_added",
            data={"activity": activity.pk, "kind": kind, "file": activity.file_name},
        )
    return activity


def case_confidentiality_accept(
    *, case: Case, actor: User, ip_address: str | None
) -> ConfidentialityAcceptance:
    """A party accepts the case's confidentiality terms; recorded with time and address.
    Idempotent: accepting again returns the first acceptance."""
    role = selectors.case_role_of(case=case, user=actor)
    if role is None:
        raise PermissionDenied
    with transaction.atomic():
        acceptance, created = ConfidentialityAcceptance.objects.get_or_create(
            case=case,
            user=actor,
            defaults={
                "accepted_at": timezone.now(),
                "ip_address": ip_address or None,
                "terms_version": TERMS_VERSION,
            },
        )
        if created:
            audit_record(
                actor=actor,
                target=case,
                code="brokerage.case.confidentiality_accepted",
                data={"terms_version": TERMS_VERSION},
                ip=ip_address or None,
            )
    return acceptance


def case_side_accept(*, case: Case, actor: User) -> Case:
    """A member of the supply-side or demand-side organisation agrees to the case, for each side
    they belong to; from then on the people on the case who accepted its confidentiality terms
    see that side's confidential part. Idempotent. Raises PermissionDenied for anyone who is not
    a member of a side (operators included: the owner decides), ApplicationError on a closed
    case."""
    sides = selectors.case_sides_of_member(case=case, user=actor)
    if not sides:
        raise PermissionDenied(_("只有项目双方机构的成员可以同意此对接项目。"))
    with transaction.atomic():
        current = lock_for_update(Case.objects.all(), pk=case.pk)
        _refuse_if_closed(current)
        now = timezone.now()
        todo = [side for side in sides if not selectors.case_side_agreed(case=current, side=side)]
        if not todo:
            return current
        changed: list[str] = []
        for side in todo:
            setattr(current, f"{side}_accepted_at", now)
            setattr(current, f"{side}_accepted_by", actor)
            changed += [f"{side}_accepted_at", f"{side}_accepted_by"]
        versioned_save(current, update_fields=changed)
        audit_record(actor=actor, target=current, code="brokerage.case.side_accepted", data={"sides": todo})
    return current


def case_rate(*, case: Case, actor: User, score: int | str, comment: str = "") -> CaseRating:
    """A party rates the broker's work (1–5) on a signed or closed case; rating again updates it."""
    if selectors.case_role_of(case=case, user=actor) != selectors.CaseRole.PARTY:
        raise PermissionDenied(_("只有项目各方可以评价经纪人。"))
    if case.stage not in FINAL_STAGES:
        raise ApplicationError(_("项目签约或终止后才能评价。"), {"code": "not_finished"})
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ApplicationError(_("评分须为 1 到 5。"), {"code": "score_range"})
    with transaction.atomic():
        rating, _created = CaseRating.objects.update_or_create(
            case=case, rater=actor, defaults={"score": value, "comment": (comment or "").strip()}
        )
        audit_record(actor=actor, target=case, code="brokerage.case.rated", data={"score": value})
    return rating


def case_reminders_run(*, now: datetime | None = None) -> dict[str, int]:
    """Remind brokers of cases idle longer than their stage's `remind_after_days`, and flag to
    operators the cases idle longer than `escalate_after_days`. Safe to rerun: each reminder and
    each escalation is keyed on the case's last activity, so a rerun (or a crashed worker's
    retry) repeats nothing; a new activity starts a new idle period. The reminder marks are
    bookkeeping: they do not change the case's version."""
    now = now or timezone.now()
    rules = selectors.stage_rules()
    operators = list(User.objects.filter(role=Role.OPERATOR, is_active=True))
    reminded = escalated = 0
    cases = Case.objects.exclude(stage__in=FINAL_STAGES).select_related("broker")
    for case in cases:
        rule = rules.get(case.stage)
        if rule is None:
            continue
        idle = selectors.case_idle_days(case=case, now=now)
        if idle < rule.remind_after_days:
            continue
        period = case.last_activity_at.strftime("%Y%m%d%H%M%S")
        context = {"case": case.title, "stage": Stage(case.stage).label, "days": idle, "broker": case.broker}
        with transaction.atomic():
            if case.reminded_at is None:
                notify(
                    recipient=case.broker,
                    code="brokerage.case.reminder",
                    target=case,
                    context=context,
                    dedup_key=f"case-reminder:{case.pk}:{period}",
                )
                Case.objects.filter(pk=case.pk, reminded_at__isnull=True).update(reminded_at=now)
                reminded += 1
            if idle >= rule.escalate_after_days and case.flagged_at is None:
                for operator in operators:
                    notify(
                        recipient=operator,
                        code="brokerage.case.escalated",
                        target=case,
                        context=context,
                        dedup_key=f"case-escalated:{case.pk}:{period}",
                    )
                if Case.objects.filter(pk=case.pk, flagged_at__isnull=True).update(flagged_at=now):
                    audit_record(
                        actor=None, target=case, code="brokerage.case.flagged", data={"idle_days": idle}
                    )
                escalated += 1
    return {"reminded": reminded, "escalated": escalated}


def pipeline_rules_ensure() -> None:
    """Load the default transitions and reminder periods where the tables are empty (the seed
    migration does this; tests that flush the database and the demo call it again)."""
    if not StageTransition.objects.exists():
        StageTransition.objects.bulk_create(
            [
                StageTransition(from_stage=s, to_stage=t)
                for s, targets in DEFAULT_TRANSITIONS.items()
                for t in targets
            ]
        )
    if not StageRule.objects.exists():
        StageRule.objects.bulk_create(
            [
                StageRule(stage=s, remind_after_days=r, escalate_after_days=e)
                for s, (r, e) in DEFAULT_STAGE_RULES.items()
            ]
        )
