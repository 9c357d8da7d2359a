from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.brokerage import selectors
from alleyhub.brokerage.models import Case, CaseStageChange, StageTransition
from alleyhub.brokerage.services import case_move, case_update
from alleyhub.brokerage.tests.factories import BrokerFactory, CaseFactory, OperatorUserFactory, party_of
from alleyhub.brokerage.transitions import DEFAULT_TRANSITIONS, PIPELINE, CloseReason, Stage
from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.models import AuditEntry
from alleyhub.notifications.models import Notification

pytestmark = pytest.mark.django_db

ALLOWED = [(s, t) for s, targets in DEFAULT_TRANSITIONS.items() for t in targets]
ALL_STAGES = [*PIPELINE, Stage.CLOSED]
FORBIDDEN = [(s, t) for s in ALL_STAGES for t in ALL_STAGES if s != t and (s, t) not in ALLOWED]


def _extra_for(to_stage):
    if to_stage == Stage.SIGNED:
        return {"contract_type": "licence", "contract_amount": "500000", "contract_date": date.today()}
    if to_stage == Stage.CLOSED:
        return {"close_reason": CloseReason.PRICE}
    return {}


@pytest.mark.parametrize(("from_stage", "to_stage"), ALLOWED)
def test_every_allowed_transition_moves_the_case_and_records_who_when_and_why(from_stage, to_stage):
    case = CaseFactory(
        stage=from_stage,
        contract_type="licence" if from_stage == Stage.SIGNED else "",
        close_reason="price" if from_stage == Stage.CLOSED else "",
    )
    broker = case.broker

    moved = case_move(
        case=case,
        to_stage=to_stage,
        expected_version=case.version,
        actor=broker,
        note="对方确认",
        **_extra_for(to_stage),
    )

    assert moved.stage == to_stage
    assert moved.version == case.version + 1
    change = CaseStageChange.objects.filter(case=case).latest("at", "id")
    assert (change.from_stage, change.to_stage, change.actor, change.note) == (
        from_stage,
        to_stage,
        broker,
        "对方确认",
    )
    assert AuditEntry.objects.filter(code="brokerage.case.stage_changed", target_id=str(case.pk)).exists()


@pytest.mark.parametrize(("from_stage", "to_stage"), FORBIDDEN[::3])
def test_forbidden_transitions_are_refused_and_change_nothing(from_stage, to_stage):
    case = CaseFactory(
        stage=from_stage,
        **(
            {"contract_type": "licence", "contract_amount": Decimal(1), "contract_date": date.today()}
            if from_stage == Stage.SIGNED
            else {}
        ),
        **({"close_reason": "price"} if from_stage == Stage.CLOSED else {}),
    )
    before = CaseStageChange.objects.count()

    with pytest.raises(ApplicationError):
        case_move(
            case=case,
            to_stage=to_stage,
            expected_version=case.version,
            actor=case.broker,
            **_extra_for(to_stage),
        )

    case.refresh_from_db()
    assert case.stage == from_stage and case.version == 1
    assert CaseStageChange.objects.count() == before


def test_the_transition_table_is_data_an_operator_can_change():
    case = CaseFactory(stage=Stage.LEAD)
    with pytest.raises(ApplicationError):
        case_move(case=case, to_stage=Stage.MEETING, expected_version=1, actor=case.broker)

    StageTransition.objects.create(from_stage=Stage.LEAD, to_stage=Stage.MEETING)

    assert (
        case_move(case=case, to_stage=Stage.MEETING, expected_version=1, actor=case.broker).stage
        == Stage.MEETING
    )


def test_skipping_a_stage_is_refused_with_the_allowed_next_stages():
    case = CaseFactory(stage=Stage.LEAD)
    with pytest.raises(ApplicationError) as exc:
        case_move(case=case, to_stage=Stage.SIGNED, expected_version=1, actor=case.broker)
    assert exc.value.extra["code"] == "forbidden_transition"
    assert exc.value.extra["allowed"] == ["contacted", "closed"]


def test_signing_requires_contract_type_amount_and_date():
    case = CaseFactory(stage=Stage.NEGOTIATION)
    with pytest.raises(ApplicationError) as exc:
        case_move(
            case=case, to_stage=Stage.SIGNED, expected_version=1, actor=case.broker, contract_type="licence"
        )
    assert exc.value.extra["code"] == "contract_required"

    signed = case_move(
        case=case,
        to_stage=Stage.SIGNED,
        expected_version=1,
        actor=case.broker,
        contract_type="licence",
        contract_amount="1200000.50",
        contract_date=date(2026, 11, 1),
    )
    assert (signed.contract_type, signed.contract_amount, signed.contract_date) == (
        "licence",
        Decimal("1200000.50"),
        date(2026, 11, 1),
    )


@pytest.mark.parametrize("amount", ["abc", "-5", "1e20"])
def test_a_bad_contract_amount_is_refused(amount):
    case = CaseFactory(stage=Stage.NEGOTIATION)
    with pytest.raises(ApplicationError):
        case_move(
            case=case,
            to_stage=Stage.SIGNED,
            expected_version=1,
            actor=case.broker,
            contract_type="licence",
            contract_amount=amount,
            contract_date=date.today(),
        )
    case.refresh_from_db()
    assert case.stage == Stage.NEGOTIATION


def test_a_contract_date_in_the_future_is_refused():
    case = CaseFactory(stage=Stage.NEGOTIATION)
    with pytest.raises(ApplicationError):
        case_move(
            case=case,
            to_stage=Stage.SIGNED,
            expected_version=1,
            actor=case.broker,
            contract_type="licence",
            contract_amount="1",
            contract_date=date.today() + timedelta(days=3),
        )


def test_closing_requires_a_reason_from_the_list():
    case = CaseFactory(stage=Stage.MEETING)
    for reason in ("", "boredom"):
        with pytest.raises(ApplicationError):
            case_move(
                case=case, to_stage=Stage.CLOSED, expected_version=1, actor=case.broker, close_reason=reason
            )
    with pytest.raises(ApplicationError):
        case_move(
            case=case, to_stage=Stage.CLOSED, expected_version=1, actor=case.broker, close_reason="other"
        )
    closed = case_move(
        case=case, to_stage=Stage.CLOSED, expected_version=1, actor=case.broker, close_reason="ip_unclear"
    )
    assert closed.close_reason == "ip_unclear"


def test_a_closed_case_cannot_be_edited():
    case = CaseFactory(stage=Stage.CLOSED, close_reason="price")
    with pytest.raises(ApplicationError) as exc:
        case_update(case=case, expected_version=1, actor=case.broker, title="新名称")
    assert exc.value.extra["code"] == "case_closed"
    case.refresh_from_db()
    assert case.title != "新名称"


def test_a_stale_version_is_a_conflict_that_names_who_moved_it_first():
    case = CaseFactory(stage=Stage.LEAD)
    other = BrokerFactory(display_name="张经纪")
    case.co_brokers.add(other)
    case_move(case=case, to_stage=Stage.CONTACTED, expected_version=1, actor=other)

    with pytest.raises(ConflictError) as exc:
        case_move(
            case=case, to_stage=Stage.CLOSED, expected_version=1, actor=case.broker, close_reason="price"
        )

    assert exc.value.status == 409
    assert "张经纪" in exc.value.message
    case.refresh_from_db()
    assert (case.stage, case.version) == (Stage.CONTACTED, 2)


@pytest.mark.parametrize("who", ["co_broker", "operator"])
def test_co_brokers_and_operators_may_move_a_case(who):
    case = CaseFactory(stage=Stage.LEAD)
    actor = OperatorUserFactory() if who == "operator" else BrokerFactory()
    if who == "co_broker":
        case.co_brokers.add(actor)
    assert (
        case_move(case=case, to_stage=Stage.CONTACTED, expected_version=1, actor=actor).stage
        == Stage.CONTACTED
    )


@pytest.mark.parametrize("who", ["other_broker", "party"])
def test_other_brokers_and_parties_may_not_move_a_case(who):
    case = CaseFactory(stage=Stage.LEAD)
    actor = BrokerFactory() if who == "other_broker" else party_of(case.demand_org)
    with pytest.raises(PermissionDenied):
        case_move(case=case, to_stage=Stage.CONTACTED, expected_version=1, actor=actor)
    assert Case.objects.get(pk=case.pk).stage == Stage.LEAD


def test_allowed_next_stages_follow_pipeline_order():
    assert selectors.allowed_next_stages(stage=Stage.MEETING) == ["poc_pilot", "negotiation", "closed"]
    assert selectors.allowed_next_stages(stage=Stage.SIGNED) == []


def test_everyone_on_the_case_hears_of_a_move_in_their_own_language():
    case = CaseFactory(stage=Stage.LEAD, title="MEMS 麦克风对接")
    zh_party = party_of(case.demand_org)
    en_party = party_of(case.supply_org, user__preferred_language="en")

    case_move(case=case, to_stage=Stage.CONTACTED, expected_version=1, actor=case.broker)

    zh = Notification.objects.get(recipient=zh_party)
    en = Notification.objects.get(recipient=en_party)
    assert zh.title == "对接项目「MEMS 麦克风对接」进入：已对接"
    assert en.title == "Case “MEMS 麦克风对接” moved to: Contacted"
    assert "from “Lead” to “Contacted”" in en.body
    assert not Notification.objects.filter(recipient=case.broker).exists()  # the actor is not told
