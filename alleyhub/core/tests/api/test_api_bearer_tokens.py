"""A Bearer token that does not authenticate is a 401 everywhere, never a silent anonymous caller."""

import pytest
from django.test import Client

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.accounts.services import token_revoke
from alleyhub.listings.tests.factories import TechOutcomeFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_READS = ["/api/outcomes", "/api/demands", "/api/organizations", "/api/people", "/api/services"]


def _assert_invalid_token(response) -> None:
    assert response.status_code == 401, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert response.json()["status"] == 401


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_public_reads_answer_anonymous_callers_but_refuse_a_wrong_token(client, path):
    assert client.get(path).status_code == 200
    _assert_invalid_token(client.get(path, headers={"Authorization": "Bearer ahp_not-a-token"}))
    _assert_invalid_token(client.get(path, headers={"Authorization": "Bearer "}))


def test_a_revoked_token_is_refused_on_public_and_private_endpoints():
    user = UserFactory()
    outcome = TechOutcomeFactory()
    token, plain = PersonalAccessToken.issue(user=user, name="old")
    bearer = {"Authorization": f"Bearer {plain}"}
    client = Client()
    assert client.get(f"/api/outcomes/{outcome.pk}", headers=bearer).status_code == 200
    token_revoke(token=token, actor=user)
    _assert_invalid_token(client.get(f"/api/outcomes/{outcome.pk}", headers=bearer))
    _assert_invalid_token(client.get("/api/me", headers=bearer))
    _assert_invalid_token(
        client.post("/api/tokens", {"name": "x"}, content_type="application/json", headers=bearer)
    )


def test_a_wrong_token_is_refused_even_with_a_valid_session(client_as):
    client = client_as(UserFactory())
    assert client.get("/api/me").status_code == 200
    _assert_invalid_token(client.get("/api/me", headers={"Authorization": "Bearer ahp_wrong"}))
    _assert_invalid_token(client.get("/api/outcomes", headers={"Authorization": "Bearer ahp_wrong"}))


def test_no_credential_on_a_private_endpoint_asks_for_one(client):
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
