import pytest
from django.urls import reverse

from alleyhub.events.models import Registration, RegistrationStatus

from ..factories import RegistrationFactory

pytestmark = pytest.mark.django_db

GUEST = {
    "name": "韩梅梅",
    "email": "hmm@example.com",
    "phone": "13912345678",
    "organization_name": "华泰创新",
    "consent": "on",
}


def test_a_guest_registers_and_lands_on_the_ticket_with_a_qr(client, event):
    response = client.post(reverse("events:register", kwargs={"pk": event.pk}), GUEST, REMOTE_ADDR="10.1.2.3")
    registration = Registration.objects.get()
    assert response.status_code == 302 and response.url == registration.get_absolute_url()
    assert registration.consent_ip == "10.1.2.3"
    ticket = client.get(response.url)
    assert ticket.status_code == 200 and "<svg" in ticket.content.decode()
    assert ticket["X-Robots-Tag"] == "noindex"


def test_a_guest_without_consent_sees_the_error_and_nothing_is_saved(client, event):
    response = client.post(reverse("events:register", kwargs={"pk": event.pk}), {**GUEST, "consent": ""})
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_registering_twice_shows_a_message(client_as, outsider, event):
    client = client_as(outsider)
    client.post(reverse("events:register", kwargs={"pk": event.pk}), {})
    response = client.post(reverse("events:register", kwargs={"pk": event.pk}), {})
    assert response.status_code == 400
    assert "您已报名此活动" in response.content.decode()


def test_an_unknown_ticket_is_a_404(client):
    assert client.get(reverse("events:ticket", kwargs={"secret": "nope"})).status_code == 404


def test_the_ticket_holder_cancels_from_the_ticket_page(client, event):
    registration = RegistrationFactory(event=event)
    url = reverse("events:ticket_action", kwargs={"secret": registration.ticket_secret, "action": "cancel"})
    response = client.post(url, HTTP_REFERER=registration.get_absolute_url())
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_the_organisers_list_is_only_for_organiser_staff(client_as, staff, outsider, event):
    RegistrationFactory(event=event, name="李雷")
    url = reverse("events:registrations", kwargs={"pk": event.pk})
    assert client_as(outsider).get(url).status_code == 403
    assert "李雷" in client_as(staff).get(url).content.decode()


def test_my_events_shows_a_feed_url_and_revoking_changes_it(client_as, outsider, event):
    RegistrationFactory(event=event, user=outsider, email=outsider.email)
    client = client_as(outsider)
    first = client.get(reverse("events:mine")).context["feed_url"]
    token = first.rstrip(".ics").rsplit("/", 1)[-1]
    feed = client.get(reverse("events:feed", kwargs={"token": token}))
    assert feed.status_code == 200 and event.title_zh.encode() in feed.content.replace(b"\r\n ", b"")
    client.post(reverse("events:mine"))
    assert client.get(reverse("events:feed", kwargs={"token": token})).status_code == 404
    assert client.get(reverse("events:mine")).context["feed_url"] != first


def test_the_organisers_csv_has_every_registration_with_answers_and_check_in(
    client_as, staff, outsider, event
):
    from alleyhub.events.models import RegistrationQuestion

    RegistrationQuestion.objects.create(event=event, label="您关注的方向")
    RegistrationFactory(event=event, name="李雷", answers={"您关注的方向": "集成电路"})
    RegistrationFactory(event=event, name='=HYPERLINK("http://x")', status="waitlisted")
    url = reverse("events:registrations_export", kwargs={"pk": event.pk})
    assert client_as(outsider).get(url).status_code == 403
    text = client_as(staff).get(url).content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].endswith("您关注的方向") and len(lines) == 3
    assert "李雷" in lines[1] and lines[1].endswith("集成电路")
    assert lines[2].startswith("\"'=HYPERLINK")  # never a formula in a spreadsheet
