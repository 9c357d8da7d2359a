"""The e-mails accounts sends about the account itself (sign-up link, "you already have an
account", password reset), each rendered in the recipient's preferred language. Links are built on
SITE_URL, never on the request's Host header (which a client could set)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alleyhub.accounts.models import User
from alleyhub.accounts.tokens import email_verification_token


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def site_domain() -> tuple[str, bool]:
    """(host, uses https) of SITE_URL, for Django's password-reset form."""
    parts = urlsplit(settings.SITE_URL)
    return parts.netloc, parts.scheme == "https"


def send_templated(*, user: User, template: str, context: dict) -> None:
    """`accounts/email/<template>_subject.txt` and `_body.txt`, in the user's language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {"user": user, "site_url": settings.SITE_URL, **context}
        # One line: a CR/LF must never reach the Subject header.
        subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
        body = render_to_string(f"accounts/email/{template}_body.txt", context)
    EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()


def verification_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    return site_url(reverse("accounts:signup_verify", kwargs={"uidb64": uid, "token": token}))


def send_signup_verification(user: User) -> None:
    hours = settings.SIGNUP_VERIFICATION_SECONDS // 3600
    send_templated(
        user=user,
        template="signup_verify",
        context={"url": verification_url(user), "hours": hours},
    )


def send_password_reset(user: User) -> None:
    """Django's reset e-mail (our templates): the uid/token link that PasswordResetConfirmView
    checks, made with Django's default token generator at sending time."""
    domain, https = site_domain()
    send_templated(
        user=user,
        template="password_reset",
        context={
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
            "protocol": "https" if https else "http",
            "domain": domain,
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )


def send_signup_existing(user: User) -> None:
    """Someone signed up with the address of an existing account: tell its owner (and only them)."""
    send_templated(
        user=user,
        template="signup_existing",
        context={
            "login_url": site_url(reverse("accounts:login")),
            "reset_url": site_url(reverse("accounts:password_reset")),
        },
    )
