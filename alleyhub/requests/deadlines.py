"""Deadlines of a request and their colour.

The accept clock starts when the request is (re-)routed to a unit; the answer clock starts when it
is accepted, and again when the enterprise reopens it. Both count working days only. A deadline is
yellow once 80% of its working time is used, red once it has passed."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CategoryDeadline, DeadlineKind, EnterpriseRequest, RequestStatus
from .working_days import due_at, last_day, working_seconds_between

DEFAULT_ACCEPT_DAYS = 1
DEFAULT_ANSWER_DAYS = 5
YELLOW_AT = 0.8

GREEN, YELLOW, RED = "green", "yellow", "red"
COLOUR_LABELS = {GREEN: _("正常"), YELLOW: _("临近时限"), RED: _("已超时")}


def days_for_category(category: str) -> tuple[int, int]:
    """(accept_days, answer_days) for a category: its CategoryDeadline row, else the setting
    REQUESTS_DEADLINES = {"accept": 1, "answer": 5}, else 1 and 5."""
    row = CategoryDeadline.objects.filter(category=category).first()
    if row is not None:
        return row.accept_days, row.answer_days
    conf = getattr(settings, "REQUESTS_DEADLINES", {})
    return conf.get("accept", DEFAULT_ACCEPT_DAYS), conf.get("answer", DEFAULT_ANSWER_DAYS)


def compute_due(start: datetime, working_days: int) -> datetime:
    return due_at(start, working_days)


@dataclass(frozen=True)
class DeadlineState:
    kind: str
    start: datetime
    due: datetime
    colour: str
    used: float  # share of the working time used (0…, may exceed 1)

    @property
    def label(self):
        return COLOUR_LABELS[self.colour]

    @property
    def kind_label(self):
        return DeadlineKind(self.kind).label

    @property
    def last_day(self):
        return last_day(self.due)


def colour_for(start: datetime, due: datetime, now: datetime) -> tuple[str, float]:
    if now >= due:
        return RED, max(
            1.0, working_seconds_between(start, now) / max(working_seconds_between(start, due), 1)
        )
    allotted = working_seconds_between(start, due)
    used = working_seconds_between(start, now) / allotted if allotted else 1.0
    return (YELLOW if used >= YELLOW_AT else GREEN), used


def current_deadline(req: EnterpriseRequest, now: datetime | None = None) -> DeadlineState | None:
    """The deadline the request is running against now, or None when no clock runs
    (answered, closed, returned)."""
    now = now or timezone.now()
    if req.status == RequestStatus.SUBMITTED:
        kind, start, due = DeadlineKind.ACCEPT, req.routed_at, req.accept_due_at
    elif req.status in (RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS, RequestStatus.REOPENED):
        if req.answer_due_at is None or req.answer_started_at is None:
            return None
        kind, start, due = DeadlineKind.ANSWER, req.answer_started_at, req.answer_due_at
    else:
        return None
    colour, used = colour_for(start, due, now)
    return DeadlineState(kind=kind, start=start, due=due, colour=colour, used=used)
