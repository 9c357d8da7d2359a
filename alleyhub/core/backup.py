"""Backup and restore of the whole site: the database and the uploaded files, in one archive.

The archive is a ``.tar.gz`` holding ``manifest.json``, the database (``database.sqlite3``, a copy
made with SQLite's online backup API, or ``database.pgdump``, ``pg_dump``'s custom format) and every
file under ``MEDIA_ROOT`` as ``media/<relative path>``. The manifest names the database engine and
lists every member with its size and SHA-256, and a restore checks all of them before it touches
anything.

A backup may run while the site serves (SQLite's backup API and ``pg_dump`` both copy one
consistent snapshot); a restore replaces the database and the uploaded files entirely, so the web
and task processes should be stopped while it runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import ApplicationError

MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    engine: str
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise ApplicationError(_("备份只支持 SQLite 和 PostgreSQL，不支持 %(vendor)s。") % {"vendor": vendor})
    return vendor


def _pg_env(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments of pg_dump / pg_restore for the database ``alias``; the password goes
    through the environment, never the command line."""
    db = settings.DATABASES[alias]
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise ApplicationError(
            _("%(command)s 失败（退出码 %(code)s）：%(stderr)s")
            % {"command": command[0], "code": done.returncode, "stderr": done.stderr.strip()[-2000:]}
        )


def _dump_database(alias: str, engine: str, into: Path) -> Path:
    if engine == "sqlite":
        target = into / SQLITE_MEMBER
        connection = connections[alias]
        connection.ensure_connection()
        # The online backup API copies a consistent snapshot page by page while others keep writing.
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    target = into / PG_MEMBER
    args, env = _pg_env(alias)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env)
    return target


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def backup_create(*, target: Path, alias: str = "default") -> BackupSummary:
    """Write a backup archive of the database ``alias`` and ``MEDIA_ROOT`` to ``target`` (a
    ``.tar.gz``; written beside it under a temporary name, then renamed, so a failed backup never
    leaves a half archive under the real name). Raises ApplicationError when the dump fails."""
    engine = _engine(alias)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="alleyhub-backup-") as work:
        database = _dump_database(alias, engine, Path(work))
        members: dict[str, Path] = {database.name: database}
        for path in _media_files():
            members[MEDIA_PREFIX + path.relative_to(media_root).as_posix()] = path
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "database": database.name,
            "files": {name: {"size": p.stat().st_size, "sha256": _sha256(p)} for name, p in members.items()},
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            for name, path in members.items():
                archive.add(path, arcname=name)
        partial.replace(target)
    media = [n for n in members if n.startswith(MEDIA_PREFIX)]
    return BackupSummary(path=target, engine=engine, files=len(media), bytes=target.stat().st_size)


def _extract_checked(source: Path, into: Path) -> dict:
    """Unpack the archive into ``into`` and check every member against the manifest. Raises
    ApplicationError on a missing, extra, altered or unsafe member."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(into, filter="data")
    except (OSError, tarfile.TarError) as exc:
        raise ApplicationError(
            _("无法读取备份文件 %(path)s：%(error)s") % {"path": source, "error": exc}
        ) from exc
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise ApplicationError(_("备份文件中没有可读的清单（manifest.json）。")) from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise ApplicationError(_("未知的备份格式：%(format)s。") % {"format": manifest.get("format")})
    listed = manifest["files"]
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(listed):
        raise ApplicationError(
            _("备份文件与其清单不符（缺少：%(missing)s；多出：%(extra)s）。")
            % {"missing": sorted(set(listed) - present)[:5], "extra": sorted(present - set(listed))[:5]}
        )
    for name, meta in listed.items():
        if _sha256(into / name) != meta["sha256"]:
            raise ApplicationError(_("备份文件中 %(name)s 的校验和不符。") % {"name": name})
    return manifest


def _restore_database(alias: str, engine: str, dump: Path) -> None:
    connection = connections[alias]
    if engine == "sqlite":
        connection.ensure_connection()
        # The backup API the other way round: the live database's pages are replaced in place (the
        # file, its WAL and anyone's open handle stay valid) in one step.
        with sqlite3.connect(dump) as snapshot:
            snapshot.backup(connection.connection)
        snapshot.close()
        connection.close()
        return
    connection.close()
    args, env = _pg_env(alias)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(dump),
        ],
        env,
    )


def _restore_media(extracted: Path) -> None:
    """Make MEDIA_ROOT hold exactly the archive's files: files written after the backup go."""
    media_root = Path(settings.MEDIA_ROOT)
    incoming = extracted / MEDIA_PREFIX.rstrip("/")
    staged = media_root.with_name(media_root.name + ".restoring")
    if staged.exists():
        shutil.rmtree(staged)
    if incoming.is_dir():
        shutil.copytree(incoming, staged)
    else:
        staged.mkdir(parents=True)
    old = media_root.with_name(media_root.name + ".before-restore")
    if old.exists():
        shutil.rmtree(old)
    if media_root.exists():
        media_root.rename(old)
    staged.rename(media_root)
    if old.exists():
        shutil.rmtree(old)


def backup_restore(*, source: Path, alias: str = "default") -> dict:
    """Replace the database ``alias`` and MEDIA_ROOT with the contents of the archive ``source``.
    Every member is checked against the manifest before anything is changed; the archive must come
    from the same database engine. Raises ApplicationError otherwise, or when pg_restore fails
    (it runs in one transaction, so the database is then left as it was)."""
    engine = _engine(alias)
    with tempfile.TemporaryDirectory(prefix="alleyhub-restore-") as work:
        extracted = Path(work)
        manifest = _extract_checked(Path(source), extracted)
        if manifest["engine"] != engine:
            raise ApplicationError(
                _("这份备份来自 %(backup)s 数据库，而本站使用 %(engine)s。")
                % {"backup": manifest["engine"], "engine": engine}
            )
        _restore_database(alias, engine, extracted / manifest["database"])
        _restore_media(extracted)
    return manifest
