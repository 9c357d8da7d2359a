"""Answering, writing back, closing and withdrawing: the transition table, versions, the thread."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.models import AuditEntry
from alleyhub.enquiries.models import EnquiryStatus
from alleyhub.enquiries.services import enquiry_act, enquiry_create
from alleyhub.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiry(world):
    return enquiry_create(target=world.service, actor=world.applicant, consent=True, message="想了解登记流程")


def test_provider_answers_and_the_applicant_is_told(world, enquiry):
    e = enquiry_act(
        enquiry_id=enquiry.pk, action="answer", actor=world.provider_staff, body="请带合同原件来。"
    )
    assert e.status == EnquiryStatus.ANSWERED and e.answered_at is not None and e.version == 2
    assert [(m.side, m.body) for m in e.messages.all()] == [("provider", "请带合同原件来。")]
    told = set(
        Notification.objects.filter(code="enquiries.enquiry.answered").values_list(
            "recipient__username", flat=True
        )
    )
    # The applicant and the provider's other member; never the one who answered.
    assert told == {"xinwei-ceo", "stex-colleague"}
    assert AuditEntry.objects.filter(code="enquiries.enquiry.answer", target_id=str(e.pk)).exists()


def test_applicant_writes_back_and_the_enquiry_waits_for_the_provider_again(world, enquiry):
    enquiry_act(enquiry_id=enquiry.pk, action="answer", actor=world.provider_staff, body="需要哪些材料？")
    e = enquiry_act(enquiry_id=enquiry.pk, action="reply", actor=world.applicant, body="合同三份。")
    assert e.status == EnquiryStatus.NEW
    assert Notification.objects.filter(
        recipient=world.provider_staff, code="enquiries.enquiry.replied"
    ).exists()


def test_provider_closes(world, enquiry):
    e = enquiry_act(enquiry_id=enquiry.pk, action="close", actor=world.provider_colleague)
    assert e.status == EnquiryStatus.CLOSED and e.closed_at is not None
    assert Notification.objects.filter(recipient=world.applicant, code="enquiries.enquiry.closed").exists()


def test_applicant_withdraws(world, enquiry):
    e = enquiry_act(enquiry_id=enquiry.pk, action="withdraw", actor=world.applicant)
    assert e.status == EnquiryStatus.WITHDRAWN
    assert Notification.objects.filter(
        recipient=world.provider_staff, code="enquiries.enquiry.withdrawn"
    ).exists()


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("applicant", "answer"),
        ("applicant", "close"),
        ("provider_staff", "withdraw"),
        ("provider_staff", "reply"),
    ],
)
def test_each_side_takes_only_its_own_actions(world, enquiry, who, action):
    with pytest.raises(PermissionDenied):
        enquiry_act(enquiry_id=enquiry.pk, action=action, actor=getattr(world, who), body="x")


def test_strangers_do_not_learn_the_enquiry_exists(world, enquiry):
    with pytest.raises(Http404):
        enquiry_act(enquiry_id=enquiry.pk, action="answer", actor=world.outsider, body="x")


def test_the_task_force_reads_but_never_acts(world, enquiry):
    with pytest.raises(PermissionDenied):
        enquiry_act(enquiry_id=enquiry.pk, action="answer", actor=world.task_force, body="x")


def test_operators_may_answer_for_the_provider(world, enquiry):
    e = enquiry_act(enquiry_id=enquiry.pk, action="answer", actor=world.operator, body="运营方代答")
    assert e.status == EnquiryStatus.ANSWERED


def test_answer_needs_a_message(world, enquiry):
    with pytest.raises(ApplicationError) as exc:
        enquiry_act(enquiry_id=enquiry.pk, action="answer", actor=world.provider_staff, body="  ")
    assert exc.value.extra["code"] == "note_required"


def test_closed_enquiries_take_no_more_steps(world, enquiry):
    enquiry_act(enquiry_id=enquiry.pk, action="close", actor=world.provider_staff)
    with pytest.raises(ApplicationError) as exc:
        enquiry_act(enquiry_id=enquiry.pk, action="withdraw", actor=world.applicant)
    assert (exc.value.status, exc.value.extra["code"]) == (409, "forbidden_transition")


def test_a_stale_version_is_a_conflict_and_changes_nothing(world, enquiry):
    enquiry_act(
        enquiry_id=enquiry.pk,
        action="answer",
        actor=world.provider_staff,
        body="第一次答复",
        expected_version=1,
    )
    with pytest.raises(ConflictError):
        enquiry_act(enquiry_id=enquiry.pk, action="close", actor=world.provider_colleague, expected_version=1)
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED and enquiry.messages.count() == 1


def test_unknown_action_is_refused(world, enquiry):
    with pytest.raises(ApplicationError) as exc:
        enquiry_act(enquiry_id=enquiry.pk, action="approve", actor=world.provider_staff)
    assert exc.value.extra["code"] == "unknown_action"
