"""Settings for `make run` on a developer's machine: the embedded SQLite database, console email.
DEBUG stays off unless asked for (`make run DEBUG=true`)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "0.0.0.0", "testserver"])  # noqa: S104
