import pytest

from alleyhub.accounts.models import PersonalAccessToken

from ..factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _bearer(user):
    _token, plain = PersonalAccessToken.issue(user=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_anyone_lists_and_reads_published_events(client, event):
    items = client.get("/api/events").json()["items"]
    assert [e["id"] for e in items] == [event.pk]
    detail = client.get(f"/api/events/{event.pk}").json()
    assert detail["seats_left"] == 2 and detail["organizers"][0]["slug"] == "co-innovation-platform"


def test_a_draft_is_a_404_problem(client, organizer_org):
    draft = EventFactory(organizers=[organizer_org], status="draft")
    response = client.get(f"/api/events/{draft.pk}")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/problem+json")


def test_register_then_cancel_through_the_api(client, outsider, event):
    auth = _bearer(outsider)
    created = client.post(
        f"/api/events/{event.pk}/registrations", {}, content_type="application/json", **auth
    )
    assert created.status_code == 201 and created.json()["status"] == "confirmed"
    again = client.post(f"/api/events/{event.pk}/registrations", {}, content_type="application/json", **auth)
    assert again.status_code == 409 and again.json()["code"] == "already_registered"
    mine = client.get("/api/events/registrations", **auth).json()["items"]
    assert [r["id"] for r in mine] == [created.json()["id"]]
    cancelled = client.post(f"/api/events/registrations/{created.json()['id']}/cancel", **auth)
    assert cancelled.json()["status"] == "cancelled"


def test_registering_needs_a_signed_in_caller(client, event):
    assert (
        client.post(f"/api/events/{event.pk}/registrations", {}, content_type="application/json").status_code
        == 401
    )


def test_someone_elses_registration_cannot_be_cancelled(client, outsider, event):
    other = RegistrationFactory(event=event)
    response = client.post(f"/api/events/registrations/{other.pk}/cancel", **_bearer(outsider))
    assert response.status_code == 404


def test_check_in_is_idempotent_and_only_for_staff(client, staff, outsider, event):
    registration = RegistrationFactory(event=event)
    body = {"code": f"AHEV:{registration.ticket_secret}"}
    refused = client.post(
        f"/api/events/{event.pk}/check-in", body, content_type="application/json", **_bearer(outsider)
    )
    assert refused.status_code == 403
    auth = _bearer(staff)
    first = client.post(
        f"/api/events/{event.pk}/check-in", body, content_type="application/json", **auth
    ).json()
    second = client.post(
        f"/api/events/{event.pk}/check-in", body, content_type="application/json", **auth
    ).json()
    assert (first["already_checked_in"], second["already_checked_in"]) == (False, True)
    assert second["registration"]["checked_in_at"] == first["registration"]["checked_in_at"]
    forged = client.post(
        f"/api/events/{event.pk}/check-in", {"code": "x"}, content_type="application/json", **auth
    )
    assert forged.status_code == 404 and forged.json()["code"] == "ticket_unknown"
