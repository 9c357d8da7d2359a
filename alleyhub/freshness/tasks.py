"""Background work for freshness. Tasks are thin: they call one service."""

from django_tasks import task

from .services import reminders_send


@task()
def send_listing_reminders() -> int:
    """Send the due freshness reminders (each once; safe to run twice)."""
    return reminders_send()


# Run by `manage.py scheduler` (notifications app): (name, task, interval in minutes).
PERIODIC_TASKS = [("freshness_send_listing_reminders", send_listing_reminders, 60)]
