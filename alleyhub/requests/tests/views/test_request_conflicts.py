"""Optimistic locking on the pages: a click based on an old view of the request (its hidden
version) says the request changed meanwhile and overwrites nothing."""

import pytest
from django.conf import settings
from django.urls import reverse

from alleyhub.requests.models import Action, RequestEvent
from alleyhub.requests.services import request_act

from ..factories import submit


@pytest.fixture
def stale(world):
    """A request the lead opened at version 1, since accepted by the unit (now version 2)."""
    req = submit(org=world.ent, user=world.ent_user, title="融资对接需求")
    request_act(request_id=req.pk, action=Action.ACCEPT, actor=world.unit_staff)
    return req


def test_a_stale_htmx_click_shows_changed_meanwhile_in_the_panel_and_keeps_the_note(client_as, world, stale):
    resp = client_as(world.lead).post(
        reverse("requests:act", args=[stale.pk, "answer"]),
        {"version": 1, "note": "我写的答复"},
        HTTP_HX_REQUEST="true",
    )
    assert resp.status_code == 200
    html = resp.content.decode()
    assert html.lstrip().startswith('<section id="request-panel"')
    assert 'data-testid="action-error"' in html and "已被他人修改" in html
    assert 'data-status="accepted"' in html and 'data-version="2"' in html  # the current state
    assert "我写的答复" in html  # the user's note is still in the form
    assert 'name="version" value="2"' in html  # a second click is a knowing one
    stale.refresh_from_db()
    assert stale.status == "accepted" and stale.version == 2 and stale.answer == ""
    assert not RequestEvent.objects.filter(request=stale, action="answer").exists()


def test_a_stale_plain_click_comes_back_to_the_page_with_the_message(client_as, world, stale):
    resp = client_as(world.lead).post(
        reverse("requests:act", args=[stale.pk, "return"]), {"version": 1, "note": "退回"}, follow=True
    )
    assert resp.redirect_chain[-1][0] == reverse("requests:detail", args=[stale.pk])
    html = resp.content.decode()
    assert "message-error" in html and "已被他人修改" in html
    stale.refresh_from_db()
    assert stale.status == "accepted" and stale.version == 2


def test_english_pages_say_it_in_english(client_as, world, stale):
    c = client_as(world.lead)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = c.post(
        reverse("requests:act", args=[stale.pk, "answer"]),
        {"version": 1, "note": "x"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'data-testid="action-error"' in html and "已被他人修改" not in html
