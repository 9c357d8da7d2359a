from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from alleyhub.brokerage.models import Case, StageRule
from alleyhub.brokerage.services import case_activity_add, case_reminders_run
from alleyhub.brokerage.tests.factories import CaseFactory, OperatorUserFactory
from alleyhub.brokerage.transitions import Stage
from alleyhub.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _idle_case(days, stage=Stage.LEAD, **kwargs):
    then = timezone.now() - timedelta(days=days, hours=1)
    return CaseFactory(stage=stage, last_activity_at=then, stage_entered_at=then, **kwargs)


def test_an_idle_case_reminds_its_broker_once_per_idle_period(django_capture_on_commit_callbacks):
    StageRule.objects.filter(stage=Stage.LEAD).update(remind_after_days=7, escalate_after_days=14)
    fresh, idle = _idle_case(6), _idle_case(8)

    with django_capture_on_commit_callbacks(execute=True):
        assert case_reminders_run() == {"reminded": 1, "escalated": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert case_reminders_run() == {"reminded": 0, "escalated": 0}  # a rerun repeats nothing

    reminders = Notification.objects.filter(code="brokerage.case.reminder")
    assert [n.recipient for n in reminders] == [idle.broker]
    assert "8" in reminders[0].title
    assert len(mail.outbox) == 1
    assert not Notification.objects.filter(recipient=fresh.broker).exists()


def test_a_longer_idle_case_is_flagged_to_operators():
    operator = OperatorUserFactory()
    case = _idle_case(15)
    assert case_reminders_run() == {"reminded": 1, "escalated": 1}
    assert case_reminders_run() == {"reminded": 0, "escalated": 0}
    case.refresh_from_db()
    assert case.flagged_at is not None
    assert Notification.objects.filter(recipient=operator, code="brokerage.case.escalated").count() == 1


def test_the_periods_are_per_stage_data():
    case = _idle_case(20, stage=Stage.POC_PILOT)  # pilots take long: 30 days by default
    assert case_reminders_run()["reminded"] == 0
    StageRule.objects.filter(stage=Stage.POC_PILOT).update(remind_after_days=10)
    assert case_reminders_run()["reminded"] == 1
    assert Notification.objects.get(code="brokerage.case.reminder").recipient == case.broker


def test_new_activity_clears_the_flag_and_starts_a_new_period():
    OperatorUserFactory()
    case = _idle_case(15)
    case_reminders_run()
    case_activity_add(case=case, actor=case.broker, kind="call", text="电话跟进，对方下周回复")
    case.refresh_from_db()
    assert case.flagged_at is None and case.reminded_at is None
    assert case_reminders_run() == {"reminded": 0, "escalated": 0}

    # Idle again later: a new reminder, keyed on the new period.
    Case.objects.filter(pk=case.pk).update(last_activity_at=timezone.now() - timedelta(days=8))
    assert case_reminders_run()["reminded"] == 1
    assert Notification.objects.filter(code="brokerage.case.reminder").count() == 2


def test_signed_and_closed_cases_are_never_reminded():
    _idle_case(100, stage=Stage.CLOSED, close_reason="price")
    _idle_case(
        100, stage=Stage.SIGNED, contract_type="licence", contract_amount=1, contract_date="2026-01-05"
    )
    assert case_reminders_run() == {"reminded": 0, "escalated": 0}


def test_a_rerun_after_a_crash_between_notify_and_flag_repeats_nothing():
    """The worker notified the broker, then died before marking the case: the rerun finds the
    notification by its key and sends nothing new."""
    case = _idle_case(8)
    case_reminders_run()
    Case.objects.filter(pk=case.pk).update(reminded_at=None)  # as if the mark was lost
    case_reminders_run()
    assert Notification.objects.filter(code="brokerage.case.reminder").count() == 1
