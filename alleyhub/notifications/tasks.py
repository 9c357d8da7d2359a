"""Periodic background work for notifications. Tasks take ids and call one service. The task that
sends one email, `send_notification_email`, is in `delivery.py`, below the services that enqueue it."""

from django_tasks import task

from . import services


@task()
def retry_stuck_emails() -> int:
    return services.emails_retry_stuck()


@task()
def send_daily_digests() -> int:
    return services.digests_send_due()


PERIODIC_TASKS = [retry_stuck_emails, send_daily_digests]
