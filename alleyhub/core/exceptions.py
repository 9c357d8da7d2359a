from typing import Any

from django.db.models import Model


class ApplicationError(Exception):
    """The one error type services raise for a refused action; pages show `message` (core.pages),
    the API returns it as RFC 9457 problem JSON with `extra` as extension members (core.api_errors)."""

    status = 400

    def __init__(self, message: str, extra: dict[str, Any] | None = None, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
        if status is not None:
            self.status = status


class ConflictError(ApplicationError):
    """Someone else changed the object first (optimistic locking, core.transitions). `current` is
    the object as it is now, so a page can show the new version next to what the user sent."""

    status = 409

    def __init__(
        self,
        message: str,
        extra: dict[str, Any] | None = None,
        *,
        status: int | None = None,
        current: Model | None = None,
    ):
        super().__init__(message, extra, status=status)
        self.current = current
