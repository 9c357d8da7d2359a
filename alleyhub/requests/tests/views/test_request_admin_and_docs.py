"""Operators edit routing rules and deadlines in the admin; the API schema documents the endpoints."""

from alleyhub.requests.models import RoutingRule

from ..factories import UserFactory, submit


def test_operators_edit_routing_rules_in_the_admin(client, world):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    for url in [
        "/admin/requests/routingrule/",
        "/admin/requests/routingrule/add/",
        f"/admin/requests/routingrule/{world.rule.pk}/change/",
        "/admin/requests/categorydeadline/add/",
        "/admin/requests/enterpriserequest/",
        "/admin/requests/escalation/",
    ]:
        assert client.get(url).status_code == 200, url
    resp = client.post(
        "/admin/requests/routingrule/add/",
        {
            "category": "ip",
            "responsible_unit": world.other_unit.pk,
            "cooperating_units": [world.coop_unit.pk],
            "priority": 5,
            "is_active": "on",
            "subdistrict": "",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    rule = RoutingRule.objects.get(category="ip")
    assert rule.responsible_unit == world.other_unit
    req = submit(org=world.ent, user=world.ent_user)
    assert client.get(f"/admin/requests/enterpriserequest/{req.pk}/change/").status_code == 200


def test_openapi_lists_the_request_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    for p in [
        "/api/requests/",
        "/api/requests/{request_id}",
        "/api/requests/{request_id}/close",
        "/api/requests/{request_id}/attachments",
    ]:
        assert p in paths
