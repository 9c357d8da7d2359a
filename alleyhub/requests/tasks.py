"""Background work for enterprise requests. Tasks are thin: they call one service."""

from django_tasks import task

from .services import requests_escalate_overdue, requests_warn_due_soon


@task()
def requests_check_deadlines() -> int:
    """Warn units about requests that turned yellow, and escalate overdue requests to the task-force
    lead (idempotent: each deadline warns once and escalates once). Returns how many escalated."""
    requests_warn_due_soon()
    return len(requests_escalate_overdue())


# Registered with `manage.py scheduler` (notifications app): (name, task, interval in minutes).
PERIODIC_TASKS = [
    ("requests_check_deadlines", requests_check_deadlines, 15),
]
