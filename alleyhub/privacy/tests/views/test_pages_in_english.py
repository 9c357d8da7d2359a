"""Every privacy page renders in English too (Chinese is the source language)."""

import pytest

from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.privacy.models import DataExport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "english"),
    [
        ("/privacy/notice/", "Privacy notice"),
        ("/privacy/terms/", "Terms of use"),
        ("/privacy/consent/", "Accept and continue"),
        ("/privacy/automated-decisions/", "Article 24"),
        ("/privacy/delete-account/", "grace period of 7 days"),
        ("/privacy/audit/", "Audit entries"),
        ("/accounts/me/", "Download my data"),
    ],
)
def test_pages_render_in_english(client, path, english):
    user = UserFactory(role=Role.OPERATOR, preferred_language="en")
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = client.get(path, headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert english in page.content.decode()


def test_the_export_page_renders_in_english(client):
    user = UserFactory()
    export = DataExport.objects.create(user=user)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = client.get(f"/privacy/export/{export.pk}/")
    assert "Packing your data" in page.content.decode()
