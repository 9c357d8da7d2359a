"""The API over real HTTP: problem JSON for every refusal, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from alleyhub.requests.models import EnterpriseRequest, RequestRating

from ..conftest import problem
from ..factories import submit

URL = "/api/requests/"


def test_anonymous_gets_401(client, world):
    req = submit(org=world.ent, user=world.ent_user)
    problem(client.get(URL), 401)
    problem(client.get(f"{URL}{req.pk}"), 401)
    problem(client.post(URL, {}, content_type="application/json"), 401)


def test_enterprise_submits_and_follows_its_request_to_a_rating(api, world):
    resp = api.as_(world.ent_user).post(
        URL,
        {"category": "finance", "title": "贷款", "description": "需要 500 万", "contact_preference": "email"},
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    rid = body["id"]
    assert body["status"] == "submitted" and body["responsible_unit"]["name"] == "区科委"
    assert body["cooperating_units"] == [{"id": world.coop_unit.pk, "name": "华阳路街道"}]
    assert body["deadline"]["kind"] == "accept" and body["actions"] == []
    staff = api.as_(world.unit_staff)
    assert staff.get(f"{URL}{rid}").json()["actions"] == ["accept", "return"]
    assert staff.post(f"{URL}{rid}/accept", {"version": 1}).json()["status"] == "accepted"
    assert staff.post(f"{URL}{rid}/answer", {"note": "已对接", "version": 2}).json()["status"] == "answered"
    ent = api.as_(world.ent_user)
    body = ent.post(f"{URL}{rid}/close", {"score": 5, "note": "满意", "version": 3}).json()
    assert body["status"] == "closed" and body["ratings"][0]["score"] == 5
    assert [e["action"] for e in body["timeline"]] == ["submit", "accept", "answer", "close"]


def test_lists_by_scope(api, world):
    mine = submit(org=world.ent, user=world.ent_user)
    submit(org=world.other_ent, user=world.other_ent_user, category="space")  # to the task force
    ids = [r["id"] for r in api.as_(world.ent_user).get(URL, scope="mine").json()["items"]]
    assert ids == [mine.pk]
    assert [r["id"] for r in api.as_(world.unit_staff).get(URL, scope="unit").json()["items"]] == [mine.pk]
    assert api.as_(world.other_staff).get(URL).json()["count"] == 0
    assert api.as_(world.lead).get(URL).json()["count"] == 2
    assert api.as_(world.lead).get(URL, status="closed").json()["count"] == 0
    problem(api.as_(world.lead).get(URL, scope="everything"), 422)
    problem(api.as_(world.lead).get(URL, status="lost"), 422)
    problem(api.as_(world.lead).get(URL, page=0), 422)


def test_forbidden_transition_is_409(api, world):
    req = submit(org=world.ent, user=world.ent_user)
    body = problem(api.as_(world.unit_staff).post(f"{URL}{req.pk}/answer", {"note": "x"}), 409)
    assert body["code"] == "forbidden_transition" and body["current_state"] == "submitted"


def test_acting_on_another_units_request_is_403_and_changes_nothing(api, world):
    req = submit(org=world.ent, user=world.ent_user)
    problem(api.as_(world.other_staff).post(f"{URL}{req.pk}/accept"), 403)
    problem(api.as_(world.other_staff).get(f"{URL}{req.pk}"), 403)
    problem(api.as_(world.coop_staff).post(f"{URL}{req.pk}/accept"), 403)
    problem(api.as_(world.other_staff).post(f"{URL}999999/accept"), 404)
    req.refresh_from_db()
    assert req.status == "submitted" and req.version == 1


def test_rating_someone_elses_request_is_403(api, world):
    req = submit(org=world.ent, user=world.ent_user)
    api.as_(world.unit_staff).post(f"{URL}{req.pk}/accept")
    api.as_(world.unit_staff).post(f"{URL}{req.pk}/answer", {"note": "答复"})
    problem(api.as_(world.other_ent_user).post(f"{URL}{req.pk}/close", {"score": 1}), 403)
    problem(api.as_(world.unit_staff).post(f"{URL}{req.pk}/close", {"score": 5}), 403)
    body = problem(api.as_(world.ent_user).post(f"{URL}{req.pk}/close", {"score": 9}), 400)
    assert body["code"] == "rating_invalid"
    assert not RequestRating.objects.exists()


def test_stale_version_is_409_conflict(api, world):
    req = submit(org=world.ent, user=world.ent_user)
    api.as_(world.unit_staff).post(f"{URL}{req.pk}/accept", {"version": 1})
    body = problem(api.as_(world.lead).post(f"{URL}{req.pk}/answer", {"version": 1, "note": "x"}), 409)
    assert body["code"] == "conflict" and body["current_version"] == 2


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"category": "weather", "title": "x", "description": "y"},
        {"category": "finance", "title": "", "description": "y"},
        {"category": "finance", "title": "x" * 201, "description": "y"},
        {"category": "finance", "title": "x", "description": "y", "contact_preference": "pigeon"},
        {"category": "finance", "title": "x", "description": "y", "organization_id": "abc"},
        {"category": ["finance"], "title": {"a": 1}, "description": None},
    ],
)
def test_bad_input_is_422_not_500(api, world, payload):
    problem(api.as_(world.ent_user).post(URL, payload), 422)
    assert not EnterpriseRequest.objects.exists()


def test_bad_action_input_is_never_a_500(api, world):
    req = submit(org=world.ent, user=world.ent_user)
    lead = api.as_(world.lead)
    problem(lead.post(f"{URL}{req.pk}/accept", {"version": "x"}), 422)
    problem(lead.post(f"{URL}{req.pk}/reroute", {"responsible_unit_id": 999999}), 404)
    problem(lead.post(f"{URL}{req.pk}/reroute", {"responsible_unit_id": world.ent.pk}), 400)
    problem(lead.post(f"{URL}{req.pk}/reroute", {"cooperating_unit_ids": "x"}), 422)
    assert lead.post(f"{URL}{req.pk}/explode").status_code == 404  # no such route


def test_non_members_cannot_submit_for_an_enterprise(api, world):
    problem(
        api.as_(world.other_ent_user).post(
            URL, {"organization_id": world.ent.pk, "category": "law", "title": "x", "description": "y"}
        ),
        403,
    )
    problem(api.as_(world.unit_staff).post(URL, {"category": "law", "title": "x", "description": "y"}), 422)


def test_attachment_upload_and_limits(client, world):
    req = submit(org=world.ent, user=world.ent_user)
    client.force_login(world.ent_user)
    url = f"{URL}{req.pk}/attachments"
    ok = client.post(url, {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")})
    assert ok.status_code == 201, ok.content
    assert ok.json()["attachments"][0]["name"] == "a.pdf"
    bad = client.post(url, {"file": SimpleUploadedFile("a.exe", b"MZ")})
    assert problem(bad, 400)["code"] == "upload_type"
    client.force_login(world.coop_staff)
    problem(client.post(url, {"file": SimpleUploadedFile("b.pdf", b"%PDF-1.4 x")}), 403)
