"""Hooks that listings calls and higher apps fill (see `alleyhub.core.registry`)."""

from __future__ import annotations

from collections.abc import Callable

from alleyhub.core.registry import Hook

ConfidentialGrantor = Callable[..., bool]
"""`grantor(*, user, listing) -> bool`: True when `user` may see the confidential part of
`listing` for a reason the listings app does not know about (e.g. a party of a brokerage case)."""

confidential_access: Hook[ConfidentialGrantor] = Hook("listings.confidential_access")
"""Who else may see a listing's confidential part (registered by brokerage)."""
