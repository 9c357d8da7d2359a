"""Hooks that privacy calls and higher apps fill (see `alleyhub.core.registry`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from alleyhub.core.registry import Hook


@dataclass(frozen=True)
class AutomatedSubject:
    """Something of a user's that automated matching reads (an outcome they entered, their person
    record), with `url`: the page of its matches and why each was suggested when `shows_matches`
    (a source of matches), else its own page (something only ever suggested to others)."""

    kind_label: str | Promise
    title: str
    url: str
    shows_matches: bool


automated_decision_subjects: Hook[Callable[[int], list[AutomatedSubject]]] = Hook(
    "privacy.automated_decision_subjects"
)
"""`provider(user_id)`: the user's objects that automated matching reads (registered by matching)."""

consent_changed: Hook[Callable[[int, str], None]] = Hook("privacy.consent_changed")
"""`provider(user_id, kind)`: called inside the transaction that gave or withdrew a consent of
`kind`; providers only schedule work for after the commit (matching re-ranks the user's objects
when they opt out of automated matching or back in)."""
