"""An email backend standing in for an SMTP server that is down (the one external edge here)."""

from django.core.mail.backends.locmem import EmailBackend

FAILURES = {"remaining": 0}


class FlakyEmailBackend(EmailBackend):
    def send_messages(self, messages):
        if FAILURES["remaining"] > 0:
            FAILURES["remaining"] -= 1
            raise ConnectionError("SMTP server unavailable")
        return super().send_messages(messages)
