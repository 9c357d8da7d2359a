"""Background work for events: thin tasks that take ids and call one service."""

from django_tasks import task

from . import emails, services


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    return emails.registration_email_send(registration_id=registration_id, kind=kind)


@task()
def expire_waitlist_offers() -> int:
    return services.offers_expire()


@task()
def send_event_reminders() -> int:
    return services.reminders_send_due()


PERIODIC_TASKS = [
    ("events_expire_waitlist_offers", expire_waitlist_offers, 10),
    ("events_send_reminders", send_event_reminders, 60),
]
