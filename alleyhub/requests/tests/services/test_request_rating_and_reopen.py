"""Closing with a rating, and reopening within 7 calendar days of the answer."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.core.exceptions import ApplicationError
from alleyhub.notifications.models import Notification
from alleyhub.requests.models import Action, RequestRating
from alleyhub.requests.selectors import request_actions_for_user
from alleyhub.requests.services import request_act

from ..conftest import at
from ..factories import submit

ANSWERED_AT = at(2026, 11, 3, 15, 0)


@pytest.fixture
def answered(world):
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 11, 2, 9))
    request_act(request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff, now=at(2026, 11, 2, 10))
    return request_act(
        request_id=req.pk, action=Action.ANSWER, actor=world.unit_staff, note="已对接银行", now=ANSWERED_AT
    )


def test_enterprise_closes_with_a_rating_that_counts_for_the_unit(world, answered):
    req = request_act(
        request_id=answered.pk, action=Action.CLOSE, actor=world.ent_colleague, score=4, note="很及时"
    )
    rating = RequestRating.objects.get(request=req)
    assert (rating.score, rating.comment, rating.unit, rating.rated_by) == (
        4,
        "很及时",
        world.unit,
        world.ent_colleague,
    )
    assert req.status == "closed" and req.closed_at is not None
    assert Notification.objects.filter(recipient=world.unit_staff, code="requests.request.closed").exists()


@pytest.mark.parametrize("score", [None, 0, 6, -1])
def test_rating_must_be_1_to_5(world, answered, score):
    with pytest.raises(ApplicationError) as exc:
        request_act(request_id=answered.pk, action=Action.CLOSE, actor=world.ent_user, score=score)
    assert exc.value.extra["code"] == "rating_invalid"
    assert not RequestRating.objects.exists()
    answered.refresh_from_db()
    assert answered.status == "answered"


@pytest.mark.parametrize("who", ["other_ent_user", "unit_staff", "lead", "coop_staff"])
def test_nobody_but_the_enterprise_rates(world, answered, who):
    with pytest.raises(PermissionDenied):
        request_act(request_id=answered.pk, action=Action.CLOSE, actor=getattr(world, who), score=5)
    assert not RequestRating.objects.exists()


def test_rating_before_the_answer_is_refused(world):
    req = submit(org=world.ent, user=world.ent_user)
    with pytest.raises(ApplicationError) as exc:
        request_act(request_id=req.pk, action=Action.CLOSE, actor=world.ent_user, score=5)
    assert exc.value.status == 409


def test_reopen_within_seven_days_restarts_the_answer_clock(world, answered):
    request_act(
        request_id=answered.pk, action=Action.CLOSE, actor=world.ent_user, score=2, now=at(2026, 11, 4, 9)
    )
    now = ANSWERED_AT + timedelta(days=7)  # the last moment of the window
    assert "reopen" in request_actions_for_user(
        request=answered.__class__.objects.get(pk=answered.pk), user=world.ent_user, now=now
    )
    req = request_act(
        request_id=answered.pk, action=Action.REOPEN, actor=world.ent_user, note="银行没有联系我们", now=now
    )
    assert req.status == "reopened" and req.closed_at is None
    assert req.answer_started_at == now
    assert req.answer_due_at == at(2026, 11, 18, 0, 0)  # 5 working days after Tuesday 10 November
    assert Notification.objects.filter(recipient=world.unit_staff, code="requests.request.reopened").exists()
    # The unit answers again and the enterprise closes again: two ratings for the unit.
    request_act(request_id=req.pk, action=Action.ANSWER, actor=world.unit_staff, note="已再次对接", now=now)
    request_act(request_id=req.pk, action=Action.CLOSE, actor=world.ent_user, score=5, now=now)
    assert list(RequestRating.objects.order_by("pk").values_list("score", flat=True)) == [2, 5]


def test_reopen_after_seven_days_is_refused(world, answered):
    late = ANSWERED_AT + timedelta(days=7, seconds=1)
    assert "reopen" not in request_actions_for_user(request=answered, user=world.ent_user, now=late)
    with pytest.raises(ApplicationError) as exc:
        request_act(request_id=answered.pk, action=Action.REOPEN, actor=world.ent_user, note="x", now=late)
    assert exc.value.extra["code"] == "reopen_window_passed"
    answered.refresh_from_db()
    assert answered.status == "answered"


def test_only_the_enterprise_reopens(world, answered):
    with pytest.raises(PermissionDenied):
        request_act(request_id=answered.pk, action=Action.REOPEN, actor=world.unit_staff, note="x")


def test_every_step_notifies_the_other_party_once(world):
    req = submit(org=world.ent, user=world.ent_user, now=at(2026, 11, 2, 9))
    assert (
        Notification.objects.filter(recipient=world.unit_staff, code="requests.request.submitted").count()
        == 1
    )
    request_act(request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff)
    request_act(request_id=req.pk, action=Action.ANSWER, actor=world.unit_staff, note="答复")
    assert set(Notification.objects.filter(recipient=world.ent_user).values_list("code", flat=True)) == {
        "requests.request.accepted",
        "requests.request.answered",
    }
    request_act(request_id=req.pk, action=Action.REOPEN, actor=world.ent_user, note="不满意")
    request_act(request_id=req.pk, action=Action.RETURN, actor=world.unit_staff, note="请专班协调")
    assert Notification.objects.filter(recipient=world.lead, code="requests.request.returned").count() == 1
