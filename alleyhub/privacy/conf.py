"""The privacy app's settings (`settings.PRIVACY`), with defaults so the app works without them."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # The current version of each document users accept; raising one asks every user again at
    # their next sign-in.
    "DOCUMENT_VERSIONS": {"privacy_notice": "2026-12", "terms": "2026-12"},
    # Ask for the current documents at sign-in (off in the test settings, where other apps' tests
    # sign in users who have accepted nothing; privacy's own tests turn it on).
    "CONSENT_AT_SIGN_IN": True,
    # Days between a confirmed deletion request and the erasure (the user may cancel meanwhile).
    "DELETION_GRACE_DAYS": 7,
    # Days a data export stays downloadable (once).
    "EXPORT_DAYS": 7,
}


def privacy_setting(name: str) -> Any:
    return {**DEFAULTS, **getattr(settings, "PRIVACY", {})}[name]
