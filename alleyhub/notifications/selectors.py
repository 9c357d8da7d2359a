"""Reads for notifications: a user only ever sees their own."""

from django.db.models import QuerySet
from django.http import Http404

from .models import Notification, NotificationPreference


def notifications_for_user(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def unread_count(*, user) -> int:
    return notifications_for_user(user=user, unread_only=True).count()


def notification_get_for_user(*, notification_id: int, user) -> Notification:
    """The user's own notification; anyone else's is a 404 (its existence is not revealed)."""
    notification = notifications_for_user(user=user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    return notification


def preference_for_user(*, user) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
