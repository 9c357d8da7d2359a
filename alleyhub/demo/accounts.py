"""The demo accounts now live with the accounts app (`alleyhub.accounts.demo`).

Kept only so that `alleyhub.accounts.selectors` (which still reads them from here under
`try/except ImportError`) keeps showing the personas and the password on the login page until it
reads `alleyhub.accounts.demo` directly; then delete this module.
"""

from alleyhub.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, SPEC_BY_USERNAME, DemoAccountSpec

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "SPEC_BY_USERNAME", "DemoAccountSpec"]
