"""A lone UTF-16 surrogate (JSON's "\\udc80", or its bytes percent-encoded in a form or query string)
cannot be stored as text: refused like NUL, once, by core.middleware — 422 problem JSON on the API,
a 400 page elsewhere — never a 500 from the database driver."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.listings.models import TechOutcome
from alleyhub.listings.tests.factories import MembershipFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db

LONE = "x\udc80y"  # json.dumps writes it as the JSON text "x\udc80y", as an attacker would
ENCODED_SURROGATE = "x%ED%B2%80y"  # the same character's bytes, percent-encoded


@pytest.fixture
def member():
    return MembershipFactory().user


def _assert_refused_on_api(response) -> None:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "代理项" in response.json()["detail"]


def test_api_listing_writes_refuse_a_lone_surrogate(client_as, member):
    org = member.memberships.get().organization
    client = client_as(member)
    body = json.dumps({"owner_id": org.pk, "title_zh": LONE, "trl": 3})
    _assert_refused_on_api(client.post("/api/outcomes", body, content_type="application/json"))
    outcome = TechOutcomeFactory(owner=org)
    _assert_refused_on_api(
        client.patch(f"/api/outcomes/{outcome.pk}", json.dumps({"summary_zh": LONE}), "application/json")
    )
    # in a key, nested, or high surrogate alone: the same
    _assert_refused_on_api(
        client.patch(f"/api/outcomes/{outcome.pk}", json.dumps({"\ud800": 1}), "application/json")
    )
    body = json.dumps({"owner_id": org.pk, "title_zh": "ok", "cooperation_modes": ["\udfff"]})
    _assert_refused_on_api(client.post("/api/outcomes", body, content_type="application/json"))
    assert TechOutcome.objects.filter(owner=org).count() == 1


def test_a_token_caller_sending_json_as_text_plain_is_refused_too(member):
    _, plain = PersonalAccessToken.issue(user=member, name="t")
    client = Client(headers={"Authorization": f"Bearer {plain}"})
    response = client.post("/api/tokens", json.dumps({"name": LONE}), content_type="text/plain")
    _assert_refused_on_api(response)
    assert PersonalAccessToken.objects.filter(user=member).count() == 1


def test_a_valid_surrogate_pair_is_an_ordinary_character(client_as, member):
    org = member.memberships.get().organization
    body = json.dumps({"owner_id": org.pk, "title_zh": "\ud83d\ude80 火箭", "trl": 3})
    response = client_as(member).post("/api/outcomes", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["title_zh"] == "🚀 火箭"


@pytest.mark.parametrize(
    "url", [f"/api/outcomes?q={ENCODED_SURROGATE}", f"/api/people?q={ENCODED_SURROGATE}"]
)
def test_api_query_strings_refuse_an_encoded_surrogate(client, url):
    _assert_refused_on_api(client.get(url))


def test_a_page_form_refuses_an_encoded_surrogate(client_as, member):
    client = client_as(member)
    response = client.post(
        reverse("accounts:token_create"),
        f"name={ENCODED_SURROGATE}&expires_in_days=90",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "代理项" in response.content.decode()
    assert not PersonalAccessToken.objects.filter(user=member).exists()
    # the same form with ordinary text still works
    response = client.post(reverse("accounts:token_create"), {"name": "同步脚本", "expires_in_days": 90})
    assert response.status_code == 200
    assert PersonalAccessToken.objects.filter(user=member).count() == 1


def test_page_query_strings_refuse_an_encoded_surrogate(client):
    assert client.get(f"/listings/outcomes/?q={ENCODED_SURROGATE}").status_code == 400
    assert client.get("/listings/outcomes/?q=%E7%81%AB%E7%AE%AD").status_code == 200  # 火箭
