"""Pages over real HTTP: who sees which page, HTMX actions, the submit form, attachments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alleyhub.requests.models import Action, EnterpriseRequest
from alleyhub.requests.services import request_act

from ..conftest import at
from ..factories import submit


@pytest.fixture
def req(world):
    return submit(org=world.ent, user=world.ent_user, title="融资对接需求")


def test_anonymous_is_sent_to_login(client, req):
    for name, args in [("requests:mine", []), ("requests:detail", [req.pk]), ("requests:board", [])]:
        resp = client.get(reverse(name, args=args))
        assert resp.status_code == 302 and "login" in resp["Location"]


@pytest.mark.parametrize(
    ("who", "target"),
    [
        ("lead", "requests:board"),
        ("operator", "requests:board"),
        ("unit_staff", "requests:inbox"),
        ("ent_user", "requests:mine"),
    ],
)
def test_index_sends_each_role_to_its_page(client_as, world, who, target):
    resp = client_as(getattr(world, who)).get(reverse("requests:index"))
    assert resp.status_code == 302 and resp["Location"] == reverse(target)


def test_my_requests_lists_only_my_enterprises(client_as, world, req):
    other = submit(org=world.other_ent, user=world.other_ent_user, title="另一家企业的诉求")
    html = client_as(world.ent_colleague).get(reverse("requests:mine")).content.decode()
    assert "融资对接需求" in html and other.title not in html
    assert 'data-testid="new-request"' in html
    assert 'data-testid="nav-requests"' in html


def test_unit_inbox_shows_deadline_colours(client_as, world):
    submit(org=world.ent, user=world.ent_user, title="早就超时", now=at(2020, 3, 2, 9))
    submit(org=world.ent, user=world.ent_user, title="刚提交")
    html = client_as(world.unit_staff).get(reverse("requests:inbox")).content.decode()
    assert 'data-colour="red"' in html and 'data-colour="green"' in html
    assert html.index("早就超时") < html.index("刚提交")  # red first
    assert "早就超时" not in client_as(world.other_staff).get(reverse("requests:inbox")).content.decode()
    assert 'data-testid="cooperating"' not in html
    coop_html = client_as(world.coop_staff).get(reverse("requests:inbox")).content.decode()
    assert "早就超时" in coop_html and 'data-testid="cooperating"' in coop_html


def test_detail_shows_timeline_and_only_allowed_buttons(client_as, world, req):
    html = client_as(world.unit_staff).get(reverse("requests:detail", args=[req.pk])).content.decode()
    assert 'data-testid="timeline"' in html and 'data-action="submit"' in html
    assert 'data-testid="action-accept"' in html and 'data-testid="action-close"' not in html
    html = client_as(world.coop_staff).get(reverse("requests:detail", args=[req.pk])).content.decode()
    assert "融资对接需求" in html and 'data-testid="actions"' not in html
    assert client_as(world.other_staff).get(reverse("requests:detail", args=[req.pk])).status_code == 403
    assert client_as(world.other_ent_user).get(reverse("requests:detail", args=[req.pk])).status_code == 403
    assert client_as(world.lead).get(reverse("requests:detail", args=[999999])).status_code == 404


def test_htmx_action_swaps_the_panel(client_as, world, req):
    c = client_as(world.unit_staff)
    url = reverse("requests:act", args=[req.pk, "accept"])
    resp = c.post(url, {"version": req.version, "note": ""}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert html.lstrip().startswith('<section id="request-panel"') and "<html" not in html
    assert 'data-status="accepted"' in html
    # The same click again (stale version) shows a clear conflict message, nothing changes.
    resp = c.post(url, {"version": req.version}, HTTP_HX_REQUEST="true")
    assert 'data-testid="action-error"' in resp.content.decode()
    req.refresh_from_db()
    assert req.status == "accepted" and req.version == 2


def test_action_without_htmx_redirects_with_a_message(client_as, world, req):
    c = client_as(world.unit_staff)
    resp = c.post(reverse("requests:act", args=[req.pk, "answer"]), {"note": ""}, follow=True)
    assert resp.status_code == 200
    assert "message-error" in resp.content.decode()
    resp = c.post(reverse("requests:act", args=[req.pk, "nonsense"]))
    assert resp.status_code == 404


def test_enterprise_closes_with_a_rating_on_the_page(client_as, world, req):
    request_act(request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff)
    request_act(request_id=req.pk, action=Action.ANSWER, actor=world.unit_staff, note="答复内容")
    c = client_as(world.ent_user)
    html = c.get(reverse("requests:detail", args=[req.pk])).content.decode()
    assert 'data-testid="action-close"' in html and 'data-testid="score"' in html
    resp = c.post(
        reverse("requests:act", args=[req.pk, "close"]),
        {"score": "4", "note": "好", "version": 3},
        HTTP_HX_REQUEST="true",
    )
    assert 'data-status="closed"' in resp.content.decode()
    assert req.ratings.get().score == 4


def test_cooperating_unit_cannot_act_through_the_page(client_as, world, req):
    resp = client_as(world.coop_staff).post(
        reverse("requests:act", args=[req.pk, "accept"]), {}, HTTP_HX_REQUEST="true"
    )
    assert resp.status_code == 403
    req.refresh_from_db()
    assert req.status == "submitted"


def test_submit_form_creates_a_routed_request_with_attachments(client_as, world):
    c = client_as(world.ent_user)
    assert c.get(reverse("requests:submit")).status_code == 200
    resp = c.post(
        reverse("requests:submit"),
        {
            "organization": world.ent.pk,
            "category": "finance",
            "title": "设备融资租赁",
            "description": "详情",
            "contact_preference": "visit",
            "files": [
                SimpleUploadedFile("plan.pdf", b"%PDF-1.5 x"),
                SimpleUploadedFile("a.txt", "文字".encode()),
            ],
        },
    )
    req = EnterpriseRequest.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("requests:detail", args=[req.pk])
    assert req.responsible_unit == world.unit and req.attachments.count() == 2


def test_submit_form_refuses_bad_files_and_keeps_the_input(client_as, world):
    resp = client_as(world.ent_user).post(
        reverse("requests:submit"),
        {
            "organization": world.ent.pk,
            "category": "finance",
            "title": "设备融资租赁",
            "description": "详情",
            "contact_preference": "phone",
            "files": [SimpleUploadedFile("x.exe", b"MZ")],
        },
    )
    assert resp.status_code == 400
    assert "设备融资租赁" in resp.content.decode() and not EnterpriseRequest.objects.exists()


def test_only_enterprise_members_get_the_submit_form(client_as, world):
    assert client_as(world.unit_staff).get(reverse("requests:submit")).status_code == 403


def test_attachment_download_checks_permission(client_as, world):
    req = submit(
        org=world.ent, user=world.ent_user, files=[SimpleUploadedFile("合同.pdf", b"%PDF-1.4 secret")]
    )
    att = req.attachments.get()
    url = reverse("requests:attachment", args=[att.pk])
    resp = client_as(world.coop_staff).get(url)
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == b"%PDF-1.4 secret"
    assert resp["Content-Disposition"].startswith("attachment")
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert client_as(world.other_ent_user).get(url).status_code == 403
    # The media URL is not served by the site.
    assert client_as(world.ent_user).get("/media-not-served/" + att.file.name).status_code == 404


def test_board_for_the_task_force_only(client_as, world, req):
    submit(org=world.ent, user=world.ent_user, title="超时诉求", now=at(2026, 1, 5, 9))
    resp = client_as(world.lead).get(reverse("requests:board"), {"start": "2026-01-01", "end": "2026-12-31"})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'data-testid="fig-submitted">2<' in html
    assert "超时诉求" in html
    assert client_as(world.lead).get(reverse("requests:board"), {"start": "garbage"}).status_code == 200
    assert client_as(world.unit_staff).get(reverse("requests:board")).status_code == 403
