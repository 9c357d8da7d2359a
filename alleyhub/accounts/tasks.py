"""Background work for accounts: the sign-up e-mails (ids in, one call each)."""

from django_tasks import task

from alleyhub.accounts import emails
from alleyhub.accounts.models import User


@task()
def send_signup_email(*, user_id: int, kind: str) -> None:
    """`kind` "verify": the link to activate a pending sign-up (not sent once it is active);
    "existing": the notice to the owner of an existing account that someone used their address."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return
    if kind == "verify":
        if user.is_signup_pending:
            emails.send_signup_verification(user)
    elif kind == "existing":
        emails.send_signup_existing(user)


@task()
def send_password_reset_email(*, user_id: int) -> None:
    """The reset link for an active account with a usable password (checked again at sending)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None and user.email and user.has_usable_password():
        emails.send_password_reset(user)


@task()
def signup_pending_purge() -> int:
    # Imported here: services import this module (for `send_signup_email`).
    from alleyhub.accounts.services import signup_pending_purge as purge

    return purge()


PERIODIC_TASKS = [("accounts_signup_pending_purge", signup_pending_purge, 60)]
