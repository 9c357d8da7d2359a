import pytest
from django.urls import reverse

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _create_on_page(client, name="同步脚本"):
    response = client.post(reverse("accounts:token_create"), {"name": name, "expires_in_days": 90})
    assert response.status_code == 200
    return response


def test_a_token_created_on_the_account_page_is_shown_once_and_stored_only_as_a_hash(client_as):
    user = UserFactory()
    client = client_as(user)
    response = _create_on_page(client)
    plain = response.context["new_token"]["value"]
    assert plain.startswith("ahp_")
    assert plain in response.content.decode()
    token = PersonalAccessToken.objects.get(user=user)
    assert token.token_hash == PersonalAccessToken.hash(plain)
    assert plain not in str(PersonalAccessToken.objects.values_list().get())
    # Not shown again on the next visit.
    assert plain not in client.get(reverse("accounts:me")).content.decode()
    assert AuditEntry.objects.filter(code="accounts.token.created", target_id=str(token.pk)).exists()


def test_a_user_cannot_revoke_someone_elses_token(client_as):
    token, _ = PersonalAccessToken.issue(user=UserFactory(), name="theirs")
    response = client_as(UserFactory()).post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_without_a_name_is_refused(client_as):
    response = client_as(UserFactory()).post(
        reverse("accounts:token_create"), {"name": "", "expires_in_days": 90}
    )
    assert response.status_code == 422
    assert not PersonalAccessToken.objects.exists()
