"""Working-day arithmetic on the Chinese holiday calendar, incl. adjusted working weekends (调休)."""

import logging
from datetime import date

import pytest

from alleyhub.requests.working_days import (
    add_working_days,
    due_at,
    is_working_day,
    working_days_between,
    working_seconds_between,
)

from ..conftest import at


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 9, 28), True),  # Sunday, adjusted working day before National Day 2025
        (date(2025, 10, 1), False),  # National Day
        (date(2025, 10, 8), False),  # last day of the 2025 National Day / Mid-Autumn holiday
        (date(2025, 10, 11), True),  # Saturday, adjusted working day
        (date(2026, 9, 20), True),  # Sunday, adjusted working day before National Day 2026
        (date(2026, 10, 7), False),
        (date(2026, 10, 10), True),  # Saturday, adjusted working day
        (date(2026, 2, 14), True),  # Saturday before Spring Festival 2026
        (date(2026, 2, 17), False),  # Spring Festival
        (date(2026, 2, 23), False),  # Monday, still Spring Festival holiday
        (date(2026, 2, 28), True),  # Saturday, adjusted working day
        (date(2025, 1, 26), True),  # Sunday before Spring Festival 2025
        (date(2025, 2, 4), False),
        (date(2025, 2, 8), True),  # Saturday after Spring Festival 2025
        (date(2026, 11, 28), False),  # an ordinary Saturday
    ],
)
def test_is_working_day_follows_the_state_council_calendar(day, working):
    assert is_working_day(day) is working


def test_one_working_day_after_the_eve_of_national_day_2025_is_after_the_holiday():
    assert add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)


def test_national_day_2025_adjusted_saturday_counts():
    # 9, 10 and Saturday 11 October are working days.
    assert add_working_days(date(2025, 9, 30), 3) == date(2025, 10, 11)
    assert working_days_between(date(2025, 9, 30), date(2025, 10, 12)) == 3


def test_adjusted_sunday_before_national_day_2025_is_the_next_working_day_after_friday():
    assert add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)


def test_five_working_days_from_the_eve_of_national_day_2026_include_the_adjusted_saturday():
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    # 8, 9, Saturday 10, 12, 13 October
    assert add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)
    assert add_working_days(date(2026, 9, 18), 1) == date(2026, 9, 20)


def test_spring_festival_2026_with_adjusted_saturdays_on_both_sides():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
    assert add_working_days(date(2026, 2, 13), 5) == date(2026, 2, 27)
    assert add_working_days(date(2026, 2, 13), 6) == date(2026, 2, 28)
    assert working_days_between(date(2026, 2, 13), date(2026, 3, 1)) == 6


def test_spring_festival_2025():
    assert add_working_days(date(2025, 1, 24), 1) == date(2025, 1, 26)
    assert add_working_days(date(2025, 1, 27), 1) == date(2025, 2, 5)


def test_between_is_the_inverse_of_add_and_antisymmetric():
    start = date(2026, 9, 25)
    for n in range(0, 12):
        assert working_days_between(start, add_working_days(start, n)) == n
    assert working_days_between(date(2026, 10, 13), date(2026, 9, 30)) == -5


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1)


def test_years_outside_the_calendar_fall_back_to_monday_to_friday_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="alleyhub.requests.working_days"):
        assert is_working_day(date(2031, 3, 3)) is True  # Monday
        assert is_working_day(date(2031, 3, 8)) is False  # Saturday
        assert add_working_days(date(2031, 3, 7), 1) == date(2031, 3, 10)
    assert any("2031" in r.getMessage() for r in caplog.records)


def test_due_at_is_midnight_after_the_last_working_day():
    # Submitted at 17:00 on the eve of National Day 2026: accept by the end of 8 October.
    assert due_at(at(2026, 9, 30, 17, 0), 1) == at(2026, 10, 9, 0, 0)
    # Submitted on a Saturday that is not a working day: the next Monday counts.
    assert due_at(at(2026, 11, 28, 10, 0), 1) == at(2026, 12, 1, 0, 0)


def test_working_seconds_skip_the_holiday():
    # From 30 September 12:00 to 8 October 12:00 2026: half of the 30th plus half of the 8th.
    assert working_seconds_between(at(2026, 9, 30, 12), at(2026, 10, 8, 12)) == 86400
