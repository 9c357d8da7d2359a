"""Sign-in asks a user for the current privacy notice and terms until they accept them: every page
sends them to the accept page (which, logout, the documents and static files stay reachable), the
session API answers 403, token clients are not affected. Accepting records the consent with the
request's address."""

import pytest
from django.test import Client
from django.urls import reverse

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.accounts.tests.factories import PASSWORD, UserFactory
from alleyhub.privacy import services
from alleyhub.privacy.models import Consent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _consent_at_sign_in(settings):
    settings.PRIVACY = {"CONSENT_AT_SIGN_IN": True}


def _sign_in(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_an_existing_user_is_asked_to_accept_at_sign_in(client):
    user = UserFactory()
    _sign_in(client, user)
    page = client.get("/notifications/")
    assert page.status_code == 302
    assert page["Location"] == "/privacy/consent/?next=%2Fnotifications%2F"
    consent_page = client.get(page["Location"])
    assert consent_page.status_code == 200
    assert 'data-testid="consent-form"' in consent_page.content.decode()


def test_accepting_records_both_documents_with_the_address_and_lets_the_user_on(client):
    user = UserFactory()
    _sign_in(client, user)
    response = client.post(
        "/privacy/consent/", {"accept": "1", "next": "/notifications/"}, REMOTE_ADDR="198.51.100.23"
    )
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    rows = Consent.objects.filter(user=user, withdrawn_at__isnull=True)
    assert {r.kind for r in rows} == {"privacy_notice", "terms"}
    assert {r.ip_address for r in rows} == {"198.51.100.23"}
    assert client.get("/notifications/").status_code == 200


def test_a_forwarded_for_header_is_not_taken_as_the_address(client):
    user = UserFactory()
    _sign_in(client, user)
    client.post("/privacy/consent/", {"accept": "1"}, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert set(Consent.objects.values_list("ip_address", flat=True)) == {"10.0.0.5"}


def test_without_ticking_the_box_nothing_is_recorded(client):
    user = UserFactory()
    _sign_in(client, user)
    response = client.post("/privacy/consent/", {})
    assert response.status_code == 422
    assert "请勾选同意后继续" in response.content.decode()
    assert not Consent.objects.exists()
    assert client.get("/notifications/").status_code == 302


def test_an_unsafe_next_address_is_ignored(client):
    _sign_in(client, UserFactory())
    response = client.post("/privacy/consent/", {"accept": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize("path", ["/privacy/notice/", "/privacy/terms/", "/static/css/app.css"])
def test_the_documents_and_static_files_stay_reachable(client, path):
    _sign_in(client, UserFactory())
    assert client.get(path).status_code in (200, 404)  # not a redirect to the accept page


def test_logout_stays_possible(client):
    _sign_in(client, UserFactory())
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and "/privacy/consent/" not in response["Location"]


def test_the_session_api_answers_403_and_a_token_client_is_not_affected(client):
    user = UserFactory()
    _, token = PersonalAccessToken.issue(user=user, name="t")
    _sign_in(client, user)
    refused = client.get("/api/notifications")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert Client().get("/api/notifications", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_htmx_requests_are_redirected_by_htmx(client):
    _sign_in(client, UserFactory())
    response = client.get("/notifications/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith("/privacy/consent/")


def test_htmx_goes_back_to_the_page_not_the_fragment(client):
    _sign_in(client, UserFactory())
    response = client.get(
        "/notifications/badge/",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/listings/outcomes/?q=MEMS"},
    )
    assert response["HX-Redirect"] == "/privacy/consent/?next=%2Flistings%2Foutcomes%2F%3Fq%3DMEMS"


def test_the_badge_polling_in_the_background_is_left_alone(client):
    """The accept page itself polls the notification badge: that poll must not reload the page
    (which would lose the ticked box) nor point `next` at the fragment."""
    _sign_in(client, UserFactory())
    response = client.get("/notifications/badge/", headers={"HX-Request": "true", "X-Background": "1"})
    assert response.status_code == 204
    assert "HX-Redirect" not in response


def test_a_user_who_accepted_the_current_version_is_not_asked(client):
    user = UserFactory()
    services.documents_accept(user=user, actor=user)
    _sign_in(client, user)
    assert client.get("/notifications/").status_code == 200


def test_a_new_version_is_asked_for_at_the_next_sign_in(client, settings):
    user = UserFactory()
    services.documents_accept(user=user, actor=user)
    settings.PRIVACY = {
        "CONSENT_AT_SIGN_IN": True,
        "DOCUMENT_VERSIONS": {"privacy_notice": "2099-01", "terms": "x"},
    }
    _sign_in(client, user)
    assert client.get("/notifications/").status_code == 302


def test_nobody_is_asked_when_the_setting_is_off(client, settings):
    settings.PRIVACY = {"CONSENT_AT_SIGN_IN": False}
    _sign_in(client, UserFactory())
    assert client.get("/notifications/").status_code == 200
