"""Settings of the real task worker the worker-crash tests start (`alleyhub/core/tests/worker_crash.py`):
the local settings on the file database DATABASE_URL names, with the external edges swapped for ones
that write where the test can see them across processes and can stop at a named point."""

from config.settings.local import *  # noqa: F403
from config.settings.local import INSTALLED_APPS, MATCHING, env

INSTALLED_APPS = [*INSTALLED_APPS, "alleyhub.core.tests.crash_points.CrashPointsConfig"]
EMAIL_BACKEND = "alleyhub.core.tests.crash_points.PausingFileEmailBackend"
EMAIL_FILE_PATH = env.str("CRASH_DIR") + "/mail"
MATCHING = {**MATCHING, "EMBEDDINGS": True, "EMBEDDER": "alleyhub.core.tests.crash_points.LoggingEmbedder"}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
