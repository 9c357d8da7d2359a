"""Harness of the worker-crash tests: a migrated file SQLite database per test, a real
`manage.py db_worker` process killed with SIGKILL at a named point (`crash_points.py`), and the
recovery a restarted site does (the scheduler's periodic round, then a worker until the queue is empty).

    def test_x(crash_site):
        crash_site.shell(SETUP)                       # rows and queued tasks, in a subprocess
        crash_site.kill_worker_at("email")            # starts a worker, kills -9 it at the point
        crash_site.recover()                          # scheduler --once + db_worker --batch
        state = crash_site.json(CHECK)                # what CHECK printed as JSON
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


class CrashSite:
    def __init__(self, directory: Path, database: Path):
        self.dir = directory
        self.env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_URL",)}
        self.env.update(
            DJANGO_SETTINGS_MODULE="alleyhub.core.tests.worker_settings",
            DATABASE_URL=f"sqlite:///{database}",
            MEDIA_ROOT=str(directory / "media"),
            CRASH_DIR=str(directory),
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            OMP_WAIT_POLICY="PASSIVE",
        )
        (directory / "mail").mkdir(exist_ok=True)

    def manage(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        return done.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code)

    def json(self, code: str):
        """Run `code`, which prints one JSON value as its last line, and return that value."""
        return json.loads(self.shell(code).strip().splitlines()[-1])

    def kill_worker_at(self, point: str, timeout: float = 120) -> None:
        """Start a db_worker, wait until it reaches `point`, and kill -9 it there."""
        (self.dir / f"{point}.pause").touch()
        reached = self.dir / f"{point}.reached"
        log = (self.dir / "worker-killed.log").open("w")
        worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.2",
                "--no-startup-delay",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + timeout
            while not reached.exists():
                if worker.poll() is not None:
                    pytest.fail(
                        f"the worker exited before {point}: {(self.dir / 'worker-killed.log').read_text()[-3000:]}"
                    )
                if time.monotonic() > deadline:
                    pytest.fail(f"the worker did not reach {point} in {timeout} s")
                time.sleep(0.1)
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
            log.close()
        assert worker.returncode == -signal.SIGKILL
        (self.dir / f"{point}.pause").unlink()

    def recover(self) -> None:
        """What a restarted site does: the scheduler's round, then a worker until the queue is empty."""
        self.manage("scheduler", "--once")
        self.manage("db_worker", "--queue-name", "*", "--batch", "--interval", "0", "--no-startup-delay")


@pytest.fixture(scope="session")
def _migrated_database(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("crash-template")
    database = directory / "template.sqlite3"
    CrashSite(directory, database).manage("migrate", "--noinput", "-v", "0")
    return database


@pytest.fixture
def crash_site(tmp_path, _migrated_database) -> CrashSite:
    database = tmp_path / "site.sqlite3"
    shutil.copyfile(_migrated_database, database)
    return CrashSite(tmp_path, database)
