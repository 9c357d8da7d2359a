"""Background work for the plan. Tasks are thin: they call one service."""

from django_tasks import task

from .services import plan_flag_and_remind


@task()
def plans_flag_and_remind() -> dict[str, int]:
    """Mark overdue items late and remind their units about late and quiet items (idempotent)."""
    return plan_flag_and_remind()


# Registered with `manage.py scheduler` (notifications app): (name, task, interval in minutes).
PERIODIC_TASKS = [
    ("plans_flag_and_remind", plans_flag_and_remind, 60 * 6),
]
