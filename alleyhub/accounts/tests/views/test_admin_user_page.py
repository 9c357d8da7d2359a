"""The admin's user page shows the profile and sign-up fields (sign-up times read-only)."""

import pytest

from alleyhub.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_user_page_shows_profile_and_sign_up_fields(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    user = UserFactory(job_title="孵化器经理")
    page = client.get(f"/admin/accounts/user/{user.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="job_title"' in html and 'value="孵化器经理"' in html
    assert 'name="signed_up_at"' not in html  # read-only
