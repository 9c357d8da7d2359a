"""Background work for enterprise requests. Tasks are thin: they call one service."""

from django_tasks import task

from .services import requests_escalate_overdue


@task()
def requests_check_deadlines() -> int:
    """Escalate overdue requests (idempotent: each deadline escalates once). Returns how many."""
    return len(requests_escalate_overdue())


# Registered with `manage.py scheduler` (notifications app): (name, task, interval in minutes).
PERIODIC_TASKS = [
    ("requests_check_deadlines", requests_check_deadlines, 15),
]
