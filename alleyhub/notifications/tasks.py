"""Background work for notifications. Tasks take ids and call one service."""

from django_tasks import task

from . import services


@task()
def send_notification_email(notification_id: int) -> bool:
    return services.notification_email_send(notification_id=notification_id)


@task()
def retry_stuck_emails() -> int:
    return services.emails_retry_stuck()


@task()
def send_daily_digests() -> int:
    return services.digests_send_due()


PERIODIC_TASKS = [retry_stuck_emails, send_daily_digests]
