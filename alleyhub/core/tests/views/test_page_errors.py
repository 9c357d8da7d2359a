"""core.pages: refusals become form errors or a message and a way back, never a 500."""

import pytest
from django.contrib.messages import get_messages

from alleyhub.listings.models import TechDemand
from alleyhub.listings.tests.factories import TechDemandFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("alleyhub.core.tests.urls")]


@pytest.mark.parametrize(("kind", "text"), [("application", "不能这样做。"), ("validation", "字段无效。")])
def test_a_refused_button_goes_back_to_the_page_with_the_message(client, kind, text):
    response = client.post(f"/refuse/{kind}/", HTTP_REFERER="http://testserver/listings/7/")
    assert response.status_code == 303
    assert response["Location"] == "http://testserver/listings/7/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [text]


def test_a_refused_htmx_action_reloads_the_page_showing_the_current_state(client):
    response = client.post("/refuse/conflict/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("已被他人修改。") and "最新版本" in message


def test_a_foreign_or_missing_referer_is_not_followed_the_message_shows_in_place(client):
    for headers in ({"HTTP_REFERER": "https://evil.example/"}, {}):
        response = client.post("/refuse/application/", **headers)
        assert response.status_code == 400
        assert "不能这样做。" in response.content.decode()
    assert client.post("/refuse/conflict/").status_code == 409


def test_a_refusal_on_a_get_is_a_400_page_not_a_redirect_loop(client):
    response = client.get("/refuse/application/")
    assert response.status_code == 400
    assert "不能这样做。" in response.content.decode()


def test_permission_denied_stays_a_403(client):
    assert client.post("/refuse/permission/").status_code == 403


def test_model_errors_land_on_their_form_field(client):
    demand = TechDemandFactory()
    body = client.post(f"/edit/{demand.pk}/", {"title_zh": "bad", "version": 1}).content.decode()
    assert "title_zh=标题不能是 bad。" in body
    # A field the form does not show still reaches the user, named.
    assert "__all__=budget_min: 预算无效。" in body


def test_a_stale_version_keeps_the_input_lists_the_other_change_and_moves_the_version(client):
    demand = TechDemandFactory(title_zh="原标题")
    assert client.post(f"/edit/{demand.pk}/", {"title_zh": "甲改的", "version": 1}).content == b"saved"
    response = client.post(f"/edit/{demand.pk}/", {"title_zh": "乙改的", "version": 1})
    body = response.content.decode()
    assert response.status_code == 400
    assert "已被他人修改" in body
    assert "('中文标题', '甲改的')" in body
    assert "version=2" in body
    assert TechDemand.objects.get(pk=demand.pk).title_zh == "甲改的"
    # Submitting again with the version now shown overwrites knowingly.
    assert client.post(f"/edit/{demand.pk}/", {"title_zh": "乙改的", "version": 2}).content == b"saved"
    assert TechDemand.objects.get(pk=demand.pk).version == 3
