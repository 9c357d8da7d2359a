"""Harness of the worker-crash tests: a migrated database per test (a file SQLite database, and a
PostgreSQL database of its own when the server answers), a real
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
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


class CrashSite:
    def __init__(self, directory: Path, database_url: str):
        self.dir = directory
        self.env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_URL",)}
        self.env.update(
            DJANGO_SETTINGS_MODULE="alleyhub.core.tests.worker_settings",
            DATABASE_URL=database_url,
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


PG_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/reliab")


def _pg_admin() -> psycopg.Connection | None:
    try:
        return psycopg.connect(PG_URL, dbname="postgres", autocommit=True, connect_timeout=3)
    except psycopg.Error:
        return None


def _pg_url(name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(PG_URL)
    return f"postgres://{info.get('user', 'postgres')}@{info.get('host', '127.0.0.1')}:{info.get('port', 5432)}/{name}"


@pytest.fixture(scope="session")
def _migrated_database(tmp_path_factory) -> Path:
    """A migrated SQLite file each test copies."""
    directory = tmp_path_factory.mktemp("crash-template")
    database = directory / "template.sqlite3"
    CrashSite(directory, f"sqlite:///{database}").manage("migrate", "--noinput", "-v", "0")
    return database


@pytest.fixture(scope="session")
def _migrated_pg_template(tmp_path_factory):
    """A migrated PostgreSQL database each test clones (CREATE DATABASE … TEMPLATE), or None."""
    admin = _pg_admin()
    if admin is None:
        yield None
        return
    name = f"reliab_crash_tpl_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        CrashSite(tmp_path_factory.mktemp("crash-pg"), _pg_url(name)).manage(
            "migrate", "--noinput", "-v", "0"
        )
        yield name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def crash_site(request, tmp_path, _migrated_database, _migrated_pg_template):
    if request.param == "sqlite":
        database = tmp_path / "site.sqlite3"
        shutil.copyfile(_migrated_database, database)
        yield CrashSite(tmp_path, f"sqlite:///{database}")
        return
    if _migrated_pg_template is None:
        pytest.skip("PostgreSQL is not reachable")
    admin = _pg_admin()
    assert admin is not None
    name = f"reliab_crash_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_migrated_pg_template}"')
    try:
        yield CrashSite(tmp_path, _pg_url(name))
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
