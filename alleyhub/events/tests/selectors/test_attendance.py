from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alleyhub.events.selectors import can_see_attendance, series_attendance

from ..factories import EventFactory, EventSeriesFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series_with_history(organizer_org):
    series = EventSeriesFactory(slug="silicon-alley-breakfast")
    series.organizers.set([organizer_org])
    start = timezone.now() - timedelta(days=30)
    past = EventFactory(
        organizers=[organizer_org],
        series=series,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status="finished",
    )
    for n in range(4):
        RegistrationFactory(event=past, checked_in_at=start if n < 3 else None)
    RegistrationFactory(event=past, status="cancelled")
    EventFactory(organizers=[organizer_org], series=series)  # upcoming: not in the figures
    return series, past


def test_attendance_counts_registered_checked_in_and_no_shows_of_past_editions(series_with_history):
    series, past = series_with_history
    (row,) = series_attendance(series=series)
    assert (row.event, row.registered, row.checked_in, row.no_show, row.rate) == (past, 4, 3, 1, 75)


def test_attendance_is_for_organisers_and_operators(
    series_with_history, staff, operator, outsider, client_as
):
    series, _past = series_with_history
    assert can_see_attendance(user=staff, series=series)
    assert can_see_attendance(user=operator, series=series)
    assert not can_see_attendance(user=outsider, series=series)
    url = reverse("events:list") + f"?series={series.slug}&when=all"
    assert "series-attendance" not in client_as(outsider).get(url).content.decode()
    assert "75%" in client_as(staff).get(url).content.decode()
