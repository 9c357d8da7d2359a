"""Fixtures shared by every app's tests."""

import os

import pytest

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


@pytest.fixture
def client_as(client):
    """Log a user in on the test client: `client_as(user)`."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
