"""Optimistic locking over the API: the version a client saw goes in the body (`version`) or an
If-Match header; a stale one is 409 problem JSON and changes nothing."""

from alleyhub.requests.models import RequestEvent

from ..conftest import problem
from ..factories import submit

URL = "/api/requests/"


def test_the_detail_carries_the_version_as_an_etag(api, world):
    req = submit(org=world.ent, user=world.ent_user)
    resp = api.as_(world.unit_staff).get(f"{URL}{req.pk}")
    assert resp.status_code == 200
    assert resp["ETag"] == '"1"' and resp.json()["version"] == 1
    accepted = api.as_(world.unit_staff).post(f"{URL}{req.pk}/accept", {"version": 1})
    assert accepted["ETag"] == '"2"' and accepted.json()["version"] == 2


def test_a_stale_version_in_the_body_is_409_and_changes_nothing(api, world):
    req = submit(org=world.ent, user=world.ent_user)
    api.as_(world.unit_staff).post(f"{URL}{req.pk}/accept", {"version": 1})
    body = problem(api.as_(world.lead).post(f"{URL}{req.pk}/return", {"version": 1, "note": "退回"}), 409)
    assert body["code"] == "conflict"
    assert body["current_version"] == 2 and body["current_state"] == "accepted"
    req.refresh_from_db()
    assert req.status == "accepted" and req.version == 2
    assert not RequestEvent.objects.filter(request=req, action="return").exists()


def test_a_stale_if_match_is_409_and_the_current_one_goes_through(api, world):
    req = submit(org=world.ent, user=world.ent_user)
    staff = api.as_(world.unit_staff)
    etag = staff.get(f"{URL}{req.pk}")["ETag"]
    assert staff.post(f"{URL}{req.pk}/accept", HTTP_IF_MATCH=etag).status_code == 200
    body = problem(staff.post(f"{URL}{req.pk}/start", HTTP_IF_MATCH=etag), 409)  # still "1"
    assert body["code"] == "conflict" and body["current_version"] == 2
    req.refresh_from_db()
    assert req.status == "accepted"
    fresh = staff.get(f"{URL}{req.pk}")["ETag"]
    resp = staff.post(f"{URL}{req.pk}/start", HTTP_IF_MATCH=fresh)
    assert resp.status_code == 200 and resp.json()["status"] == "in_progress"


def test_body_and_if_match_that_disagree_or_a_bad_if_match_are_refused(api, world):
    req = submit(org=world.ent, user=world.ent_user)
    staff = api.as_(world.unit_staff)
    body = problem(staff.post(f"{URL}{req.pk}/accept", {"version": 1}, HTTP_IF_MATCH='"2"'), 409)
    assert body["code"] == "version_mismatch"
    assert (
        problem(staff.post(f"{URL}{req.pk}/accept", HTTP_IF_MATCH="yesterday"), 400)["code"] == "bad_if_match"
    )
    req.refresh_from_db()
    assert req.status == "submitted" and req.version == 1
