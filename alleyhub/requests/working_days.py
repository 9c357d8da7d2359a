"""Working days on the Chinese public-holiday calendar (国务院办公厅 holiday notices), including the
adjusted weekends (调休) that are working days, via `chinesecalendar` (import `chinese_calendar`).

Conventions (what every caller relies on):
- `add_working_days(d, n)` is the n-th working day strictly after `d` (n = 0 returns `d`).
- `working_days_between(a, b)` counts the working days in (a, b] — so that
  `working_days_between(d, add_working_days(d, n)) == n`.
- A deadline of n working days from a moment is the end of the n-th working day after that
  moment's local date (`due_at`); the clock only runs on working days (`working_seconds_between`).
- Years the library does not know (it ships one year ahead at most) fall back to Monday–Friday
  with one logged warning per year; nothing here raises for an unknown year.
"""

import logging
from datetime import date, datetime, time, timedelta

import chinese_calendar
from django.utils import timezone

logger = logging.getLogger(__name__)
_warned_years: set[int] = set()
DAY = timedelta(days=1)


def is_working_day(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if day.year not in _warned_years:
            _warned_years.add(day.year)
            logger.warning(
                "chinese_calendar has no holiday data for %s; counting Monday to Friday as working days",
                day.year,
            )
        return day.weekday() < 5


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (not counting `start` itself); n must be ≥ 0."""
    if n < 0:
        raise ValueError("n must be >= 0")
    day = start
    while n:
        day += DAY
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += DAY
        if is_working_day(day):
            count += 1
    return count


def next_working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += DAY
    return day


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def due_at(start: datetime, n: int) -> datetime:
    """The moment a deadline of n working days from `start` expires: midnight (local time) after
    the n-th working day following `start`'s local date."""
    last_day = add_working_days(timezone.localtime(start).date(), n)
    return _local_midnight(last_day + DAY)


def working_seconds_between(start: datetime, end: datetime) -> float:
    """Seconds between two moments that fall on working days (local calendar)."""
    if end <= start:
        return 0.0
    total = 0.0
    day = timezone.localtime(start).date()
    last = timezone.localtime(end).date()
    while day <= last:
        if is_working_day(day):
            lo = max(start, _local_midnight(day))
            hi = min(end, _local_midnight(day + DAY))
            if hi > lo:
                total += (hi - lo).total_seconds()
        day += DAY
    return total


def working_days_elapsed(start: datetime, end: datetime) -> float:
    """Working days (as a fraction) between two moments."""
    return working_seconds_between(start, end) / 86400


def last_day(due: datetime | None):
    """The last (local) day of a deadline that expires at the midnight after it."""
    if due is None:
        return None
    return timezone.localtime(due - timedelta(microseconds=1)).date()
