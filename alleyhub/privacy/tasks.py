"""Periodic background work of the privacy app (the export task itself is in `exports.py`).
Tasks are thin: they call one service."""

from django_tasks import task

from . import services


@task()
def privacy_exports_purge() -> int:
    return services.exports_purge()


@task()
def privacy_deletions_run_due() -> int:
    return services.deletions_run_due()


# Registered with `manage.py scheduler` (notifications app): (name, task, interval in minutes).
PERIODIC_TASKS = [
    ("privacy_exports_purge", privacy_exports_purge, 60),
    ("privacy_deletions_run_due", privacy_deletions_run_due, 60),
]
