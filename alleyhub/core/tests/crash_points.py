"""Named points where the worker of a worker-crash test stops, so the test can `kill -9` it there.

The test creates `<CRASH_DIR>/<point>.pause`; the worker process reaching that point writes
`<point>.reached` and sleeps until it is killed. Only the worker's settings
(`alleyhub/core/tests/worker_settings.py`) load this module: the e-mail backend and the embedder
are the true external edges, and the escalation point is a signal on the row it creates."""

import hashlib
import os
import time
from pathlib import Path

import numpy as np
from django.apps import AppConfig
from django.core.mail.backends.filebased import EmailBackend
from django.db.models.signals import post_save

DIM = 384


def crash_dir() -> Path:
    return Path(os.environ["CRASH_DIR"])


_passes: dict[str, int] = {}


def pause_point(name: str, *, at_pass: int = 1) -> None:
    """Stop here for good (until killed) the `at_pass`-th time this process comes here, when the
    test asked for it."""
    _passes[name] = _passes.get(name, 0) + 1
    flag = crash_dir() / f"{name}.pause"
    if flag.exists() and _passes[name] == at_pass:
        (crash_dir() / f"{name}.reached").write_text(str(os.getpid()))
        while True:
            time.sleep(60)


class PausingFileEmailBackend(EmailBackend):
    """Django's file backend (one file per connection in EMAIL_FILE_PATH), stopping at "email"
    before it writes the second message of the process."""

    def send_messages(self, email_messages):
        pause_point("email", at_pass=2)
        return super().send_messages(email_messages)


class LoggingEmbedder:
    """A deterministic stand-in for the model: logs every text it embeds (one line each) to
    `<CRASH_DIR>/embedded.log` after the batch is computed, and stops at "embed" on its second
    batch, so the first batch is stored and the second is lost with the worker."""

    dim = DIM
    model_id = "crash-test-embedder"

    def _rows(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            vec = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
            rows.append(vec / np.linalg.norm(vec))
        return np.stack(rows)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._rows(texts)

    def passages(self, texts: list[str]) -> np.ndarray:
        pause_point("embed", at_pass=2)
        rows = self._rows(texts)
        with (crash_dir() / "embedded.log").open("a") as log:
            log.writelines(text.replace("\n", " ")[:80] + "\n" for text in texts)
        return rows


def _escalation_created(sender, instance, created, **kwargs):
    # The second escalation of a run, inside its transaction: the first is committed, this one not.
    if created:
        pause_point("escalate", at_pass=2)


class CrashPointsConfig(AppConfig):
    name = "alleyhub.core.tests"
    label = "crash_points"

    def ready(self) -> None:
        post_save.connect(_escalation_created, sender="requests.Escalation", weak=False)
