"""request_list: the one selector behind the request lists of the pages and the API."""

import pytest

from alleyhub.core.exceptions import ApplicationError
from alleyhub.requests.models import Action
from alleyhub.requests.selectors import RequestListParams, request_list
from alleyhub.requests.services import request_act

from ..conftest import at
from ..factories import submit

NOW = at(2026, 11, 20, 12, 0)  # a Friday


def test_deadline_sort_puts_red_then_yellow_then_green_then_the_rest_newest_first(world):
    answered = submit(org=world.ent, user=world.ent_user, title="已答复", now=at(2026, 11, 16, 9))
    request_act(
        request_id=answered.pk, action=Action.ACCEPT, actor=world.unit_staff, now=at(2026, 11, 16, 10)
    )
    request_act(
        request_id=answered.pk,
        action=Action.ANSWER,
        actor=world.unit_staff,
        note="好",
        now=at(2026, 11, 16, 11),
    )
    green = submit(org=world.ent, user=world.ent_user, title="绿", now=at(2026, 11, 20, 11))
    red_old = submit(org=world.ent, user=world.ent_user, title="红旧", now=at(2026, 11, 2, 9))
    yellow = submit(org=world.ent, user=world.ent_user, title="黄", now=at(2026, 11, 19, 16))
    red_new = submit(org=world.ent, user=world.ent_user, title="红新", now=at(2026, 11, 10, 9))
    returned = submit(org=world.ent, user=world.ent_user, title="退回", now=at(2026, 11, 18, 9))
    request_act(
        request_id=returned.pk,
        action=Action.RETURN,
        actor=world.unit_staff,
        note="x",
        now=at(2026, 11, 18, 10),
    )
    rows = request_list(
        user=world.unit_staff, params=RequestListParams(scope="unit", sort="deadline"), now=NOW
    )
    assert [r.title for r in rows] == ["红旧", "红新", "黄", "绿", "退回", "已答复"]
    newest = request_list(user=world.unit_staff, params=RequestListParams(scope="unit"), now=NOW)
    assert [r.title for r in newest] == ["绿", "黄", "退回", "已答复", "红新", "红旧"]
    assert {r.pk for r in rows} == {green.pk, red_old.pk, yellow.pk, red_new.pk, returned.pk, answered.pk}


def test_status_filter_and_scope(world):
    mine = submit(org=world.ent, user=world.ent_user)
    theirs = submit(org=world.other_ent, user=world.other_ent_user, category="space")  # task force
    request_act(request_id=mine.pk, action=Action.ACCEPT, actor=world.unit_staff)
    assert list(request_list(user=world.ent_user, params=RequestListParams(scope="mine"))) == [mine]
    assert list(request_list(user=world.unit_staff, params=RequestListParams(status="submitted"))) == []
    accepted = RequestListParams(scope="unit", status="accepted", sort="deadline")
    assert list(request_list(user=world.unit_staff, params=accepted)) == [mine]
    assert list(request_list(user=world.lead, params=RequestListParams(status="submitted"))) == [theirs]
    assert list(request_list(user=world.other_staff, params=RequestListParams())) == []


@pytest.mark.parametrize("params", [{"scope": "everything"}, {"status": "lost"}, {"sort": "random"}])
def test_unknown_parameters_are_refused_with_422(params):
    with pytest.raises(ApplicationError) as exc:
        RequestListParams(**params)
    assert exc.value.status == 422
