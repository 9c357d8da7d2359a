"""Creating API tokens is rate-limited per client address: 429 problem JSON on the API."""

import pytest
from django.test import Client

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(user, address):
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def test_token_creation_beyond_the_limit_is_refused_with_429_problem_json(settings):
    # Per hour, not per minute: a test that straddled the minute's window would get a fresh count.
    settings.RATELIMIT_TOKEN_CREATE = "3/h"
    user = UserFactory()
    client = _signed_in(user, "203.0.113.5")
    for i in range(3):
        response = client.post("/api/tokens", {"name": f"t{i}"}, content_type="application/json")
        assert response.status_code == 201
    response = client.post("/api/tokens", {"name": "one too many"}, content_type="application/json")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 429 and body["detail"]
    assert PersonalAccessToken.objects.filter(user=user).count() == 3

    # Another address still may.
    other = _signed_in(user, "198.51.100.7")
    assert other.post("/api/tokens", {"name": "x"}, content_type="application/json").status_code == 201


def test_the_token_page_shares_the_limit(settings):
    settings.RATELIMIT_TOKEN_CREATE = "1/h"
    client = _signed_in(UserFactory(), "203.0.113.5")
    assert client.post("/api/tokens", {"name": "api"}, content_type="application/json").status_code == 201
    response = client.post("/accounts/tokens/", {"name": "page", "expires_in_days": 90})
    assert response.status_code == 429
    assert "过于频繁" in response.content.decode()
