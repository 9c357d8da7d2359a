"""`manage.py backup` / `manage.py restore` on a real file database: after a restore every row and
every uploaded file is exactly as it was at backup time, and what was written later is gone."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PG_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/reliab")

pytestmark = pytest.mark.slow


def _pg_admin():
    """A connection to the PostgreSQL server's maintenance database, or None when there is none."""
    try:
        return psycopg.connect(PG_URL, dbname="postgres", autocommit=True, connect_timeout=3)
    except psycopg.Error:
        return None


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request, tmp_path):
    """Environment of a site with its own migrated database and MEDIA_ROOT in tmp_path."""
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        MEDIA_ROOT=str(tmp_path / "media"),
        MATCHING_EMBEDDINGS="false",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    dbname = None
    if request.param == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    else:
        if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
            pytest.skip("pg_dump / pg_restore are not installed")
        admin = _pg_admin()
        if admin is None:
            pytest.skip("PostgreSQL is not reachable")
        dbname = f"reliab_backup_{uuid.uuid4().hex[:8]}"
        admin.execute(f'CREATE DATABASE "{dbname}"')
        info = psycopg.conninfo.conninfo_to_dict(PG_URL)
        user = info.get("user", "postgres")
        host, port = info.get("host", "127.0.0.1"), info.get("port", "5432")
        env["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{dbname}"
    _manage(env, "migrate", "--noinput", "-v", "0")
    yield env
    if dbname is not None:
        admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.close()


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _shell(env: dict, code: str) -> None:
    _manage(env, "shell", "-c", code)


def _rows(env: dict) -> list[dict]:
    """Every row of every model's table, in primary-key order."""
    return json.loads(_manage(env, "dumpdata", "--indent", "0"))


def _files(env: dict) -> dict[str, str]:
    media = Path(env["MEDIA_ROOT"])
    return {
        p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in media.rglob("*")
        if p.is_file()
    }


FIRST_WRITES = """
from alleyhub.accounts.models import User
from alleyhub.directory.models import Organization
for i in range(5):
    User.objects.create_user(username=f"user{i}", password="x", display_name=f"用户{i} 🌿")
for i in range(3):
    Organization.objects.create(kind="enterprise", name_zh=f"机构{i}", slug=f"org-{i}", description_zh="简介\\n第二行")
"""

LATER_WRITES = """
from alleyhub.accounts.models import User
from alleyhub.directory.models import Organization
User.objects.create_user(username="late", password="x")
User.objects.filter(username="user1").update(display_name="changed after the backup")
Organization.objects.filter(slug="org-2").delete()
Organization.objects.create(kind="enterprise", name_zh="后来的机构", slug="late-org")
"""


def test_restore_brings_back_every_row_and_file_as_at_backup_time(site, tmp_path):
    media = Path(site["MEDIA_ROOT"])
    (media / "cases" / "ab").mkdir(parents=True)
    (media / "cases" / "ab" / "contract.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 40)
    (media / "requests").mkdir()
    (media / "requests" / "附件.txt").write_text("第一版", encoding="utf-8")
    _shell(site, FIRST_WRITES)
    rows_at_backup, files_at_backup = _rows(site), _files(site)

    archive = tmp_path / "backups" / "site.tar.gz"
    _manage(site, "backup", str(archive))
    assert archive.is_file()

    _shell(site, LATER_WRITES)
    (media / "requests" / "附件.txt").write_text("改过了", encoding="utf-8")
    (media / "cases" / "ab" / "contract.pdf").unlink()
    (media / "cases" / "later.png").write_bytes(b"\x89PNG later")
    assert _rows(site) != rows_at_backup and _files(site) != files_at_backup

    _manage(site, "restore", str(archive))

    assert _rows(site) == rows_at_backup
    assert _files(site) == files_at_backup
    # The restored database takes new writes (sequences and files continue from the backup).
    _shell(
        site,
        "from alleyhub.accounts.models import User; User.objects.create_user(username='after', password='x')",
    )


def test_restore_refuses_an_altered_archive_and_changes_nothing(site, tmp_path):
    import tarfile

    (Path(site["MEDIA_ROOT"]) / "a.txt").parent.mkdir(parents=True, exist_ok=True)
    (Path(site["MEDIA_ROOT"]) / "a.txt").write_text("original")
    archive = tmp_path / "site.tar.gz"
    _manage(site, "backup", str(archive))
    _shell(site, FIRST_WRITES)
    rows = _rows(site)

    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    (unpacked / "media" / "a.txt").write_text("tampered")
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(forged, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(unpacked).as_posix())

    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(forged)],
        cwd=ROOT,
        env=site,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "a.txt" in done.stderr
    assert _rows(site) == rows
    assert (Path(site["MEDIA_ROOT"]) / "a.txt").read_text() == "original"
