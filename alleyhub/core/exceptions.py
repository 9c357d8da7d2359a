class ApplicationError(Exception):
    """The one error type services raise for a refused action; pages show `message`, the API
    returns it as RFC 9457 problem JSON with `extra` as extension members."""

    status = 400

    def __init__(self, message: str, extra: dict | None = None, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
        if status is not None:
            self.status = status


class ConflictError(ApplicationError):
    """Someone else changed the object first (optimistic locking)."""

    status = 409
