"""The enquiries API: the same rules as the pages, errors as problem JSON."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alleyhub.enquiries.models import Enquiry, EnquiryStatus

pytestmark = pytest.mark.django_db

API = "/api/enquiries"


def post(client, url, body, **headers):
    return client.post(url, body, content_type="application/json", **headers)


def test_apply_for_a_service_and_answer_it(client_as, world):
    c = client_as(world.applicant)
    r = post(
        c,
        f"{API}/services/{world.form_service.pk}",
        {"consent": True, "answers": {"employees": "20", "need": "贷款"}},
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (
        body["status"] == "new"
        and body["answers"][1]["value"] == "贷款"
        and body["actions"] == ["reply", "withdraw"]
    )
    eid = body["id"]
    p = client_as(world.provider_staff)
    r = post(p, f"{API}/{eid}/answer", {"body": "收到，请来电。", "version": 1})
    assert r.status_code == 200 and r.json()["status"] == "answered" and r["ETag"] == '"2"'
    r = client_as(world.applicant).get(f"{API}/{eid}")
    assert r.json()["thread"][0]["body"] == "收到，请来电。"


def test_space_enquiry_over_the_api(client_as, world):
    when = (timezone.now() + timedelta(days=2)).isoformat()
    r = post(
        client_as(world.applicant),
        f"{API}/spaces/{world.unit.pk}",
        {"consent": True, "proposed_at": when, "party_size": 4},
    )
    assert r.status_code == 201 and r.json()["party_size"] == 4


def test_missing_consent_is_a_problem_naming_the_field(client_as, world):
    r = post(
        client_as(world.applicant), f"{API}/services/{world.service.pk}", {"consent": False, "message": "x"}
    )
    assert r.status_code == 422 and r["Content-Type"].startswith("application/problem+json")
    assert "consent" in r.content.decode()
    assert not Enquiry.objects.exists()


def test_bad_party_size_is_422(client_as, world):
    when = (timezone.now() + timedelta(days=2)).isoformat()
    r = post(
        client_as(world.applicant),
        f"{API}/spaces/{world.unit.pk}",
        {"consent": True, "proposed_at": when, "party_size": 0},
    )
    assert r.status_code == 422


def test_rate_limit_is_429(client_as, world, settings):
    settings.ENQUIRIES_PER_HOUR = 1
    c = client_as(world.applicant)
    assert post(c, f"{API}/services/{world.service.pk}", {"consent": True, "message": "x"}).status_code == 201
    r = post(c, f"{API}/services/{world.service.pk}", {"consent": True, "message": "x"})
    assert r.status_code == 429 and r.json()["code"] == "rate_limited"


def test_anonymous_is_401(client, world):
    assert (
        post(client, f"{API}/services/{world.service.pk}", {"consent": True, "message": "x"}).status_code
        == 401
    )
    assert client.get(f"{API}/").status_code == 401


def test_stale_version_is_409_and_if_match_works(client_as, world):
    e = post(
        client_as(world.applicant), f"{API}/services/{world.service.pk}", {"consent": True, "message": "x"}
    ).json()
    p = client_as(world.provider_staff)
    assert post(p, f"{API}/{e['id']}/answer", {"body": "a"}, HTTP_IF_MATCH='"1"').status_code == 200
    r = post(p, f"{API}/{e['id']}/close", {}, HTTP_IF_MATCH='"1"')
    assert r.status_code == 409 and r.json()["code"] == "conflict"


def test_wrong_side_is_403_and_strangers_404(client_as, world):
    e = post(
        client_as(world.applicant), f"{API}/services/{world.service.pk}", {"consent": True, "message": "x"}
    ).json()
    assert post(client_as(world.applicant), f"{API}/{e['id']}/answer", {"body": "a"}).status_code == 403
    assert post(client_as(world.outsider), f"{API}/{e['id']}/withdraw", {}).status_code == 404
    assert client_as(world.outsider).get(f"{API}/{e['id']}").status_code == 404


def test_lists_are_the_pages_lists(client_as, world):
    post(client_as(world.applicant), f"{API}/services/{world.service.pk}", {"consent": True, "message": "x"})
    mine = client_as(world.applicant).get(f"{API}/?scope=mine").json()
    inbox = client_as(world.provider_staff).get(f"{API}/?scope=inbox&status=new").json()
    assert mine["count"] == inbox["count"] == 1
    assert inbox["items"][0]["provider"]["name"] == world.provider.name
    assert client_as(world.provider_staff).get(f"{API}/?scope=inbox&status=closed").json()["count"] == 0


def test_withdraw(client_as, world):
    e = post(
        client_as(world.applicant), f"{API}/services/{world.service.pk}", {"consent": True, "message": "x"}
    ).json()
    r = post(client_as(world.applicant), f"{API}/{e['id']}/withdraw", {})
    assert r.json()["status"] == EnquiryStatus.WITHDRAWN


def test_questions_read_and_set(client_as, world):
    c = client_as(world.provider_staff)
    url = f"{API}/services/{world.service.pk}/questions"
    assert c.get(url).json()["questions"] == []
    r = c.put(
        url, {"questions": [{"key": "a", "label_zh": "甲", "type": "date"}]}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["questions"][0]["type"] == "date"
    bad = c.put(url, {"questions": [{"label_zh": "甲", "type": "nope"}]}, content_type="application/json")
    assert bad.status_code == 422
    other = client_as(world.applicant).put(url, {"questions": []}, content_type="application/json")
    assert other.status_code == 403
