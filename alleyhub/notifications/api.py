"""API for the caller's own notifications (mounted at /api/notifications)."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.pagination import BoundedPageNumberPagination

from . import selectors, services
from .schemas import MarkedOut, NotificationOut, PreferenceIn, PreferenceOut, UnreadCountOut

router = Router(tags=["notifications"], auth=api_auth_required)


class NotificationFilters(Schema):
    unread: bool = False


@router.get("", response=list[NotificationOut], summary="My notifications, newest first")
@paginate(BoundedPageNumberPagination)
def notification_list(request, filters: Query[NotificationFilters]):
    return selectors.notifications_for_user(user=request.user, unread_only=filters.unread)


@router.get("/unread-count", response=UnreadCountOut, summary="How many are unread")
def unread_count(request):
    return {"unread": selectors.unread_count(user=request.user)}


@router.post("/read-all", response=MarkedOut, summary="Mark all as read")
def mark_all_read(request):
    return {"marked": services.notifications_mark_all_read(actor=request.user)}


@router.post("/{notification_id}/read", response=NotificationOut, summary="Mark one as read")
def mark_read(request, notification_id: int):
    notification = selectors.notification_get_for_user(notification_id=notification_id, user=request.user)
    return services.notification_mark_read(notification=notification, actor=request.user)


@router.get("/preferences", response=PreferenceOut, summary="My email preference")
def preference_get(request):
    return selectors.preference_for_user(user=request.user)


@router.put("/preferences", response=PreferenceOut, summary="Set my email preference")
def preference_set(request, payload: PreferenceIn):
    return services.preference_set(
        user=request.user, email_mode=payload.email_mode.value, category_modes=payload.categories
    )
