"""Who sees which enquiries in "mine" and the inbox, with each filter."""

import pytest

from alleyhub.enquiries.selectors import EnquiryListParams, enquiry_list, has_inbox, open_counts
from alleyhub.enquiries.services import enquiry_act, enquiry_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(world):
    a = enquiry_create(target=world.service, actor=world.applicant, consent=True, message="A")
    b = enquiry_create(
        target=world.unit, actor=world.applicant, consent=True, proposed_at=world.visit_time(), party_size=2
    )
    c = enquiry_create(target=world.service, actor=world.incubator_staff, consent=True, message="C")
    enquiry_act(enquiry_id=c.pk, action="close", actor=world.provider_staff)
    return a, b, c


def _ids(user, **params):
    return {e.pk for e in enquiry_list(user=user, params=EnquiryListParams(**params))}


def test_mine_is_what_i_sent(world, sent):
    a, b, c = sent
    assert _ids(world.applicant, scope="mine") == {a.pk, b.pk}
    assert _ids(world.applicant, scope="mine", kind="space") == {b.pk}


def test_inbox_is_what_my_organisation_received(world, sent):
    a, b, c = sent
    assert _ids(world.provider_colleague, scope="inbox") == {a.pk, c.pk}
    assert _ids(world.provider_colleague, scope="inbox", status="closed") == {c.pk}
    assert _ids(world.incubator_staff, scope="inbox") == {b.pk}
    assert _ids(world.incubator_staff, scope="inbox", listing=f"space:{world.unit.pk}") == {b.pk}
    assert _ids(world.incubator_staff, scope="inbox", listing=f"service:{world.service.pk}") == set()


def test_operators_and_the_task_force_read_every_inbox(world, sent):
    assert len(_ids(world.operator, scope="inbox")) == len(_ids(world.task_force, scope="inbox")) == 3


def test_unknown_filter_values_are_ignored(world, sent):
    assert _ids(world.applicant, scope="mine", status="bogus", kind="x", listing="service:abc") == {
        sent[0].pk,
        sent[1].pk,
    }


def test_strangers_have_no_inbox_and_see_nothing(world, sent):
    assert not has_inbox(world.outsider)
    assert _ids(world.outsider, scope="inbox") == set()


def test_home_counts(world, sent):
    assert open_counts(user=world.applicant) == {"sent_open": 2, "inbox_new": 0}
    assert open_counts(user=world.provider_staff) == {"sent_open": 0, "inbox_new": 1}
