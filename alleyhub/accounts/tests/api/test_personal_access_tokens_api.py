import pytest
from django.test import Client
from django.urls import reverse

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.accounts.services import token_create
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory
from alleyhub.core.registry import api_token_authenticators

pytestmark = pytest.mark.django_db


def _create_on_page(client, name="同步脚本"):
    response = client.post(reverse("accounts:token_create"), {"name": name, "expires_in_days": 90})
    assert response.status_code == 200
    return response


def test_the_token_authenticates_the_api_until_revoked(client_as):
    user = UserFactory()
    MembershipFactory(user=user)
    page_client = client_as(user)
    plain = _create_on_page(page_client).context["new_token"]["value"]
    api = Client()  # a separate caller with no session: only the token identifies the user
    response = api.get("/api/me", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 200
    data = response.json()
    assert data["username"] == user.username
    assert len(data["memberships"]) == 1
    token = PersonalAccessToken.objects.get(user=user)
    assert token.last_used_at is not None

    response = page_client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:me")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get("/api/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 401


def test_api_me_requires_authentication(client):
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/me", headers={"Authorization": "Bearer ahp_wrong"}).status_code == 401


def test_api_session_caller_sees_me(client_as):
    user = UserFactory()
    assert client_as(user).get("/api/me").json()["username"] == user.username


def test_api_token_lifecycle_with_a_bearer_token(client):
    user = UserFactory()
    _, plain = PersonalAccessToken.issue(user=user, name="bootstrap")
    auth = {"Authorization": f"Bearer {plain}"}
    response = client.post(
        "/api/tokens", {"name": "ci", "expires_in_days": 30}, content_type="application/json", headers=auth
    )
    assert response.status_code == 201
    created = response.json()
    assert created["token"].startswith("ahp_") and created["is_active"]
    listing = client.get("/api/tokens", headers=auth).json()
    assert {t["name"] for t in listing} == {"bootstrap", "ci"}
    assert all("token" not in t and "token_hash" not in t for t in listing)

    assert client.delete(f"/api/tokens/{created['id']}", headers=auth).status_code == 204
    again = client.delete(f"/api/tokens/{created['id']}", headers=auth)
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert client.get("/api/me", headers={"Authorization": f"Bearer {created['token']}"}).status_code == 401


@pytest.mark.parametrize(
    "payload", [{"name": ""}, {"name": "x" * 101}, {"name": "ok", "expires_in_days": 0}, {"nom": "ok"}]
)
def test_api_token_create_rejects_bad_input_with_422(client_as, payload):
    client = client_as(UserFactory())
    # Session callers must send the CSRF token for writes; force_login clients skip CSRF checks.
    response = client.post("/api/tokens", payload, content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_api_cannot_revoke_someone_elses_token(client_as):
    token, _ = PersonalAccessToken.issue(user=UserFactory(), name="theirs")
    response = client_as(UserFactory()).delete(f"/api/tokens/{token.pk}")
    assert response.status_code == 404


def test_without_a_registered_authenticator_no_token_is_accepted():
    token, plain = token_create(user=UserFactory(), name="脚本", expires_at=None, actor=UserFactory())
    assert Client().get("/api/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 200
    with api_token_authenticators.replaced():
        assert Client().get("/api/me", headers={"Authorization": f"Bearer {plain}"}).status_code == 401
