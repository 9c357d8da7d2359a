import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alleyhub.plans.models import Kpi, PlanItem, ProgressUpdate

API = "/api/plan"


def _json(client, method, url, body):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_reads_are_for_signed_in_staff(world, client):
    assert client.get(f"{API}/items").status_code == 401
    client.force_login(world.member)
    assert client.get(f"{API}/items").status_code == 403
    for who in (world.staff_c, world.lead, world.operator):
        client.force_login(who)
        assert client.get(f"{API}/items").status_code == 200
    rows = client.get(f"{API}/tree").json()
    assert [(r["title_zh"], r["depth"]) for r in rows] == [
        ("集聚创新要素", 0),
        ("院地合作", 1),
        ("孵化器培育", 1),
    ]


def test_the_list_uses_the_same_filters_as_the_page(world, client):
    client.force_login(world.lead)
    rows = client.get(f"{API}/items", {"unit": world.unit_b.pk}).json()["items"]
    assert [r["title_zh"] for r in rows] == ["院地合作"]
    client.force_login(world.staff_b)
    rows = client.get(f"{API}/items", {"mine": "true"}).json()["items"]
    assert [r["title_zh"] for r in rows] == ["院地合作"]  # the unit cooperates on it
    tree = client.get(f"{API}/tree", {"unit": world.unit_b.pk}).json()
    assert [(r["title_zh"], r["matched"]) for r in tree] == [("集聚创新要素", False), ("院地合作", True)]


def test_detail_has_an_etag_and_the_timeline(world, client):
    client.force_login(world.staff_a)
    res = client.get(f"{API}/items/{world.a1.pk}")
    assert res["ETag"] == f'"{world.a1.version}"'
    body = res.json()
    assert body["timeline"][0]["kind"] == "created"
    assert {a["action"] for a in body["actions"]} == {"start", "at_risk"}


def test_create_and_patch_with_problem_json_for_bad_input(world, client):
    client.force_login(world.lead)
    res = _json(
        client,
        "post",
        f"{API}/items",
        {
            "plan": world.plan.slug,
            "parent_id": world.task.pk,
            "kind": "sub_item",
            "title_zh": "新子项",
            "due_date": "2026-06-30",
        },
    )
    assert res.status_code == 422 and res["Content-Type"].startswith("application/problem+json")
    assert "due_date" in json.dumps(res.json(), ensure_ascii=False)
    res = _json(client, "patch", f"{API}/items/{world.a1.pk}", {"progress": 150})
    assert res.status_code == 422
    res = _json(client, "patch", f"{API}/items/{world.task.pk}", {"parent_id": world.a2.pk})
    assert res.status_code == 422 and "循环" in res.json()["detail"] + json.dumps(
        res.json(), ensure_ascii=False
    )
    res = _json(client, "patch", f"{API}/items/{world.a1.pk}", {"progress": 50, "version": world.a1.version})
    assert res.status_code == 200 and res.json()["progress"] == "50.0"
    assert PlanItem.objects.get(pk=world.task.pk).progress == 25
    stale = _json(
        client, "patch", f"{API}/items/{world.a1.pk}", {"title_zh": "旧版本", "version": world.a1.version}
    )
    assert stale.status_code == 409
    client.force_login(world.staff_a)
    assert _json(client, "patch", f"{API}/items/{world.a1.pk}", {"title_zh": "越权"}).status_code == 403


def test_update_then_review_through_the_api(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.staff_c)
    assert (
        client.post(f"{API}/items/{world.a1.pk}/updates", {"text": "越权", "progress": "10"}).status_code
        == 403
    )
    client.force_login(world.staff_a)
    res = client.post(
        f"{API}/items/{world.a1.pk}/updates",
        {"text": "签署协议", "progress": "60", "files": [SimpleUploadedFile("纪要.pdf", b"%PDF-1.4")]},
    )
    assert res.status_code == 201, res.content
    update = res.json()
    assert update["evidence"][0]["name"] == "纪要.pdf"
    assert (
        client.post(f"{API}/items/{world.a1.pk}/updates", {"text": "超限", "progress": "101"}).status_code
        == 422
    )
    assert (
        _json(client, "post", f"{API}/updates/{update['id']}/review", {"action": "accept"}).status_code == 403
    )
    client.force_login(world.lead)
    res = _json(client, "post", f"{API}/updates/{update['id']}/review", {"action": "return"})
    assert res.status_code == 400  # a reason is needed
    res = _json(
        client,
        "post",
        f"{API}/updates/{update['id']}/review",
        {"action": "accept", "version": update["version"]},
    )
    assert res.status_code == 200 and res.json()["status"] == "accepted"
    assert client.get(f"{API}/items/{world.task.pk}").json()["progress"] == "30.0"
    assert ProgressUpdate.objects.get().reviewed_by == world.lead


def test_status_and_override(world, client):
    client.force_login(world.lead)
    res = _json(client, "post", f"{API}/items/{world.task.pk}/override", {"progress": 80, "reason": ""})
    assert res.status_code == 422
    res = _json(
        client, "post", f"{API}/items/{world.task.pk}/override", {"progress": 80, "reason": "督查口径"}
    )
    body = res.json()
    assert (body["progress"], body["progress_overridden"], body["computed_progress"]) == ("80.0", True, "0.0")
    res = _json(client, "post", f"{API}/items/{world.a1.pk}/status", {"action": "drop"})
    assert res.status_code == 400  # a reason is needed
    res = _json(client, "post", f"{API}/items/{world.a1.pk}/status", {"action": "nonsense"})
    assert res.status_code == 400


def test_kpis_and_entered_values(world, client):
    year = timezone.localdate().year
    Kpi.objects.create(
        code="events", name_zh="举办科创活动", unit_zh="场", source="entered", responsible_unit=world.unit_b
    )
    client.force_login(world.staff_b)
    rows = client.get(f"{API}/kpis").json()
    assert rows[0]["code"] == "events" and rows[0]["actual"] is None
    res = client.post(f"{API}/kpis/events/values", {"year": str(year + 1), "value": "3"})
    assert res.status_code == 422 and "未来" in res.json()["detail"] + json.dumps(
        res.json(), ensure_ascii=False
    )
    res = client.post(f"{API}/kpis/events/values", {"year": str(year - 1), "value": "41"})
    assert res.status_code == 201
    value = res.json()
    client.force_login(world.staff_c)
    assert client.post(f"{API}/kpis/events/values", {"year": str(year - 1), "value": "1"}).status_code == 403
    client.force_login(world.lead)
    res = _json(client, "post", f"{API}/kpi-values/{value['id']}/review", {"action": "accept"})
    assert res.status_code == 200
    detail = client.get(f"{API}/kpis/events", {"year": year - 1}).json()
    assert detail["actual"] == "41.00"
    assert client.get(f"{API}/kpis/nope").status_code == 404


@pytest.mark.parametrize("path", ["/items", "/tree", "/kpis"])
def test_token_auth_works_too(world, client, path):
    from alleyhub.accounts.models import PersonalAccessToken

    _token, plain = PersonalAccessToken.issue(user=world.staff_a, name="t")
    assert client.get(f"{API}{path}", headers={"Authorization": f"Bearer {plain}"}).status_code == 200


def test_links_to_what_an_item_concerns(world, client):
    from alleyhub.directory.models import Organization

    org = Organization.objects.create(kind="institute", name_zh="微系统所", slug="pl-simit")
    client.force_login(world.lead)
    res = _json(client, "patch", f"{API}/items/{world.a1.pk}", {"links": {"organizations": [org.pk]}})
    assert res.status_code == 200 and res.json()["links"]["organizations"] == [org.pk]
    res = _json(client, "patch", f"{API}/items/{world.a1.pk}", {"links": {"organizations": [999_999]}})
    assert res.status_code == 422
    res = _json(client, "patch", f"{API}/items/{world.a1.pk}", {"links": {"events": [1]}})
    assert res.status_code == 422
    assert list(PlanItem.objects.get(pk=world.a1.pk).organizations.all()) == [org]
