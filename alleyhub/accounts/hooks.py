"""Hooks that accounts calls and higher apps fill (see `alleyhub.core.registry`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise

from alleyhub.core.registry import Hook


@dataclass(frozen=True)
class DemoPersonas:
    """What the login page shows about the demo accounts: their shared password and, per username
    in the order to list them, the persona's label (e.g. 科研人员)."""

    password: str
    labels: Mapping[str, str | Promise]


login_demo_personas: Hook[Callable[[], DemoPersonas]] = Hook("accounts.login_demo_personas")
"""Describes the demo accounts listed on the login page (registered by demo)."""
