"""Hooks that accounts calls and higher apps fill (see `alleyhub.core.registry`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

from alleyhub.core.registry import Hook


@dataclass(frozen=True)
class DemoPersonas:
    """What the login page shows about the demo accounts: their shared password and, per username
    in the order to list them, the persona's label (e.g. 科研人员)."""

    password: str
    labels: Mapping[str, str | Promise]
    # per username, one line on what to try with the persona (shown under its label)
    descriptions: Mapping[str, str | Promise] = field(default_factory=dict)


login_demo_personas: Hook[Callable[[], DemoPersonas]] = Hook("accounts.login_demo_personas")
"""Describes the demo accounts listed on the login page (registered by demo)."""


@dataclass(frozen=True)
class AccountSection:
    """A part of the account page ("我的账号") that a higher app contributes, below the account's
    own sections, sorted by `order`. `template` is included with `section` = `context(request)`."""

    key: str
    order: int
    template: str
    context: Callable[[HttpRequest], dict]


account_sections: Hook[AccountSection] = Hook("accounts.account_sections")
"""Sections of the account page (registered by privacy: consents, data export, deletion)."""


signup_consents: Hook[Callable[[Any, str | None], None]] = Hook("accounts.signup_consents")
"""`provider(user, ip)`: records that the user accepted the current privacy notice and terms on
the sign-up form, inside the sign-up's transaction (registered by privacy)."""
