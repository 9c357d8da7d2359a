"""Hooks that privacy calls and higher apps fill (see `alleyhub.core.registry`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models.fields.files import FieldFile
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


@dataclass(frozen=True)
class PersonalData:
    """What one app holds about a user, for their data export: `records` are written to
    `<name>.json` in the ZIP, `files` (name in the ZIP, stored file) next to it under `files/`."""

    name: str
    records: Any
    files: list[tuple[str, FieldFile]] = field(default_factory=list)


personal_data_exporters: Hook[Callable[[Any], PersonalData]] = Hook("privacy.personal_data_exporters")
"""`exporter(user)`: the user's data held by one app (privacy registers accounts' and directory's;
listings, requests, notifications and brokerage register their own)."""


personal_data_erasers: Hook[Callable[[Any, list[str]], None]] = Hook("privacy.personal_data_erasers")
"""`eraser(user, names)`: erase or anonymise what one app holds about `user` (called inside the
erasure's transaction, before the account row is deleted). `names` are the strings that name the
user (display name, full name, person-record names, e-mail, phone) for text that mentions them.
Registered by matching (index documents and vectors), notifications (queued e-mails, other users'
notifications naming them); privacy itself anonymises the person record and, last, replaces every
remaining mention in the database's text columns."""
