"""Settings for `make run` on a developer's machine: the embedded SQLite database, console email.
DEBUG stays off unless asked for (`make run DEBUG=true`)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
# 0.0.0.0 is the address `make run HOST=0.0.0.0` binds, named here so the host header it gets passes.
_LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "0.0.0.0", "testserver"]  # noqa: S104
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=_LOCAL_HOSTS)

# The demo district's staff accounts (operator, task force, unit staff) are shared by everyone trying
# the platform, so `make run` does not make them enrol a second factor; production requires it
# (TWO_FACTOR_REQUIRED_FOR_STAFF=true is the default in base.py).
TWO_FACTOR_REQUIRED_FOR_STAFF = env.bool("TWO_FACTOR_REQUIRED_FOR_STAFF", default=False)
