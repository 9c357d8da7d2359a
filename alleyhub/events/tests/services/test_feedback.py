from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from alleyhub.core.exceptions import ApplicationError
from alleyhub.events import services
from alleyhub.events.selectors import event_figures

from ..factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(organizer_org):
    start = timezone.now() - timedelta(hours=3)
    event = EventFactory(organizers=[organizer_org], starts_at=start, ends_at=start + timedelta(hours=2))
    return RegistrationFactory(event=event, checked_in_at=start)


def test_an_attendee_rates_the_event_and_may_change_the_answer(attended):
    services.feedback_submit(
        registration=attended, actor=None, secret=attended.ticket_secret, rating=4, comment="很好"
    )
    services.feedback_submit(registration=attended, actor=None, secret=attended.ticket_secret, rating=5)
    attended.refresh_from_db()
    assert (attended.feedback.rating, attended.feedback.comment) == (5, "")
    figures = event_figures(attended.event)
    assert (figures["feedback_count"], figures["rating"]) == (1, 5.0)


def test_only_checked_in_attendees_give_feedback_after_the_start(organizer_org, attended):
    absent = RegistrationFactory(event=attended.event)
    with pytest.raises(ApplicationError) as exc:
        services.feedback_submit(registration=absent, actor=None, secret=absent.ticket_secret, rating=3)
    assert exc.value.extra["code"] == "feedback_not_open"
    with pytest.raises(PermissionDenied):
        services.feedback_submit(registration=attended, actor=None, secret="forged", rating=3)


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_outside_1_to_5_is_refused(attended, rating):
    with pytest.raises(ValidationError):
        services.feedback_submit(
            registration=attended, actor=None, secret=attended.ticket_secret, rating=rating
        )


def test_the_survey_is_on_the_ticket_page_after_the_event(client, attended):
    page = client.get(attended.get_absolute_url()).content.decode()
    assert 'data-testid="feedback"' in page
    url = reverse("events:ticket_feedback", kwargs={"secret": attended.ticket_secret})
    assert client.post(url, {"rating": "9"}).status_code == 400
    response = client.post(
        url, {"rating": "4", "comment": "交流很充分"}, HTTP_REFERER=attended.get_absolute_url()
    )
    assert response.status_code == 302
    attended.refresh_from_db()
    assert attended.feedback.rating == 4


def test_there_is_no_survey_before_the_event(client, event):
    registration = RegistrationFactory(event=event)
    assert 'data-testid="feedback"' not in client.get(registration.get_absolute_url()).content.decode()
