"""The link in the sign-up e-mail: Django's password-reset token machinery (HMAC of the account's
state and a timestamp, keyed by SECRET_KEY with its own salt), so nothing here is hand-made crypto.

The hashed state holds the password hash, `is_active` and `email_verified_at`: a link stops
working once it was followed (the account is active and verified then), and when a newer sign-up
for the same address replaced the pending account (a new password). It expires after
`SIGNUP_VERIFICATION_SECONDS` (3 days by default), independently of PASSWORD_RESET_TIMEOUT.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "alleyhub.accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        verified = "" if user.email_verified_at is None else user.email_verified_at.replace(tzinfo=None)
        return f"{user.pk}{user.password}{user.is_active}{verified}{user.email}{timestamp}"

    def check_token(self, user, token) -> bool:
        """Like Django's, with the sign-up link's own lifetime."""
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return (self._num_seconds(self._now()) - ts) <= settings.SIGNUP_VERIFICATION_SECONDS


email_verification_token = EmailVerificationTokenGenerator()
