"""Background work for the brokers' pipeline. Tasks take ids and call one service."""

from django_tasks import task

from . import services


@task()
def send_case_reminders() -> dict:
    return services.case_reminders_run()


# Enqueued every few minutes by `manage.py scheduler` (see alleyhub/notifications/scheduling.py).
PERIODIC_TASKS = [send_case_reminders]
