"""Each request list that has a page and an API shows the same rows, in the same order, for the
same parameters: both call selectors.request_list."""

import re

import pytest
from django.urls import reverse

from alleyhub.requests.models import Action
from alleyhub.requests.services import request_act

from ..conftest import at
from ..factories import submit

URL = "/api/requests/"


def page_ids(client, name, **params):
    html = client.get(reverse(name), params).content.decode()
    return [int(i) for i in re.findall(r'data-testid="request-row" data-id="(\d+)"', html)]


def api_ids(api, **params):
    body = api.get(URL, page_size=100, **params).json()
    return [r["id"] for r in body["items"]]


@pytest.fixture
def requests_in_every_state(world):
    """Requests of two enterprises for the unit: overdue, fresh, accepted, answered, returned."""
    overdue = submit(org=world.ent, user=world.ent_user, title="早就超时", now=at(2020, 3, 2, 9))
    fresh = submit(org=world.ent, user=world.ent_user, title="刚提交")
    other = submit(org=world.other_ent, user=world.other_ent_user, title="另一家企业")
    accepted = submit(org=world.ent, user=world.ent_user, title="已受理")
    request_act(request_id=accepted.pk, action=Action.ACCEPT, actor=world.unit_staff)
    answered = submit(org=world.other_ent, user=world.other_ent_user, title="已答复")
    request_act(request_id=answered.pk, action=Action.ACCEPT, actor=world.unit_staff)
    request_act(request_id=answered.pk, action=Action.ANSWER, actor=world.unit_staff, note="答复")
    returned = submit(org=world.ent, user=world.ent_user, title="退回")
    request_act(request_id=returned.pk, action=Action.RETURN, actor=world.unit_staff, note="不归我们")
    return [overdue, fresh, other, accepted, answered, returned]


def test_my_requests_page_and_api_show_the_same_rows(client_as, api, world, requests_in_every_state):
    ids = page_ids(client_as(world.ent_colleague), "requests:mine")
    assert ids == api_ids(api.as_(world.ent_colleague), scope="mine")
    assert len(ids) == 4  # the enterprise's own, newest first
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize("status", ["", "submitted", "accepted", "answered", "returned"])
@pytest.mark.parametrize("who", ["unit_staff", "coop_staff", "lead"])
def test_inbox_page_and_api_show_the_same_rows_for_the_same_status(
    client_as, api, world, requests_in_every_state, who, status
):
    user = getattr(world, who)
    ids = page_ids(client_as(user), "requests:inbox", status=status)
    assert ids == api_ids(api.as_(user), scope="unit", status=status, sort="deadline")
    if who == "unit_staff" and status == "":
        overdue, fresh, other, accepted, answered, returned = requests_in_every_state
        # Running deadlines first (the overdue one leads), then those without one, newest first.
        assert ids[0] == overdue.pk and set(ids[:4]) == {overdue.pk, fresh.pk, other.pk, accepted.pk}
        assert ids[-2:] == [returned.pk, answered.pk]
