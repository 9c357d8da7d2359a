"""Two actors, one request, the same moment: no lost update — the second gets a clear conflict.

Proved on PostgreSQL with two threads on two connections (SELECT … FOR UPDATE plus the version
check). SQLite has no row locks and serialises writers on the whole file, so the two-connection
race cannot be staged there; the stale-version path itself is covered on every database by
test_request_transitions.py::test_stale_version_gets_a_conflict_and_changes_nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.tests.concurrency import postgres_only, race
from alleyhub.requests.attachments import MAX_ATTACHMENTS_PER_REQUEST
from alleyhub.requests.models import Action, EnterpriseRequest, RequestAttachment, RequestEvent
from alleyhub.requests.services import attachment_add, request_act

from ..factories import submit

pytestmark = postgres_only


@pytest.mark.django_db(transaction=True)
def test_two_units_acting_on_the_same_version_one_wins_the_other_gets_a_conflict(world):
    req = submit(org=world.ent, user=world.ent_user)
    req = request_act(request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff)
    seen = req.version
    results = race(
        [
            lambda: request_act(
                request_id=req.pk,
                action=Action.ANSWER,
                actor=world.unit_staff,
                note="答复 A",
                expected_version=seen,
            ),
            lambda: request_act(
                request_id=req.pk,
                action=Action.RETURN,
                actor=world.unit_staff,
                note="退回 B",
                expected_version=seen,
            ),
        ]
    )
    winners = [r for r in results if isinstance(r, EnterpriseRequest)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], ConflictError)
    assert losers[0].status == 409 and losers[0].extra["code"] == "conflict"
    assert "已被他人修改" in losers[0].message
    req.refresh_from_db()
    assert req.version == seen + 1
    assert req.status == winners[0].status
    assert RequestEvent.objects.filter(request=req).count() == 3  # submit, accept, one of the two


@pytest.mark.django_db(transaction=True)
def test_two_identical_clicks_without_a_version_change_the_request_once(world):
    req = submit(org=world.ent, user=world.ent_user)
    results = race(
        [
            lambda: request_act(request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff),
            lambda: request_act(request_id=req.pk, action=Action.ACCEPT, actor=world.lead),
        ]
    )
    assert sum(isinstance(r, EnterpriseRequest) for r in results) == 1
    errors = [r for r in results if isinstance(r, ApplicationError)]
    assert len(errors) == 1 and errors[0].extra["code"] == "forbidden_transition"
    assert RequestEvent.objects.filter(request=req, action="accept").count() == 1


def pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode())


@pytest.mark.django_db(transaction=True)
def test_two_uploads_for_the_last_free_slot_store_one_and_refuse_the_other(world):
    req = submit(
        org=world.ent,
        user=world.ent_user,
        files=[pdf(f"{i}.pdf") for i in range(MAX_ATTACHMENTS_PER_REQUEST - 1)],
    )
    results = race(
        [
            lambda: attachment_add(request=req, uploaded=pdf("enterprise.pdf"), actor=world.ent_user),
            lambda: attachment_add(request=req, uploaded=pdf("unit.pdf"), actor=world.unit_staff),
        ]
    )
    stored = [r for r in results if isinstance(r, RequestAttachment)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(stored) == 1 and len(refused) == 1, results
    assert isinstance(refused[0], ApplicationError) and refused[0].extra["code"] == "too_many_attachments"
    assert req.attachments.count() == MAX_ATTACHMENTS_PER_REQUEST
