"""`make loadtest`: the site under the mixed workload of loadtest/locustfile.py, on this machine only.

1. a dedicated PostgreSQL database (LOADTEST_DATABASE_URL, default .../alleyhub_load), migrated and
   loaded with the demo district the first time (its embeddings computed by a worker run);
2. granian with 2 workers on 127.0.0.1:LOADTEST_PORT;
3. locust, headless, for DURATION (default 5m), every step bounded in time;
4. requests/s, p50/p95 per page type, the error count and the machine load; the last line is JSON.

    .venv/bin/python loadtest/run.py --duration 60s [--users 40]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/alleyhub_load"


def _seconds(text: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600}
    text = text.strip()
    if text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def _loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=database_url,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        MEDIA_ROOT=str(ROOT / "var" / "loadtest-media"),
        OMP_WAIT_POLICY="PASSIVE",
        LOG_LEVEL="WARNING",
        # Both workers share the anonymous page cache and its generation (core/page_cache.py).
        CACHE_URL=os.environ.get("LOADTEST_CACHE_URL", "redis://127.0.0.1:6379/5"),
    )
    return env


def _manage(env: dict[str, str], *args: str, timeout: int) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout)


def prepare(database_url: str, env: dict[str, str]) -> None:
    """Create, migrate and load the load-test database once; later runs reuse it."""
    info = psycopg.conninfo.conninfo_to_dict(database_url)
    name = info["dbname"]
    with psycopg.connect(database_url, dbname="postgres", autocommit=True, connect_timeout=5) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            print(f"creating database {name}", flush=True)
            admin.execute(f'CREATE DATABASE "{name}"')
    _manage(env, "migrate", "--noinput", "-v", "0", timeout=600)
    _manage(env, "demo_district", "--if-empty", timeout=1800)
    # The embeddings and matches the loader queued: computed now, not during the measurement.
    _manage(env, "db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", timeout=3600)


def serve(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-ws",
            # A few threads per worker, so one request's database round trips overlap another's
            # Python work (the GIL allows no more); each keeps a persistent database connection.
            "--blocking-threads",
            "4",
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(ROOT / "var" / "loadtest-granian.log", "w"),  # noqa: SIM115
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    # Warm every worker's caches (templates, the matching index) before measuring.
                    for _ in range(workers * 3):
                        for path in ("/", "/search/?q=%E4%BC%A0%E6%84%9F%E5%99%A8", "/listings/outcomes/"):
                            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()  # noqa: S310
                    return server
        except OSError:
            time.sleep(0.5)
        if server.poll() is not None:
            break
    stop(server)
    raise SystemExit("granian did not answer on /healthz (see var/loadtest-granian.log)")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def report(prefix: Path, duration: int, load: list[list[float]]) -> dict:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))  # noqa: SIM115
    pages = {}
    total = None
    for row in rows:
        entry = {
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
        }
        if row["Name"] == "Aggregated":
            total = entry
        elif row["Name"] not in ("setup", "login"):
            pages[row["Name"]] = entry
    assert total is not None
    print(f"\n{'page type':36} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>7}")
    for name, e in sorted(pages.items(), key=lambda kv: -kv[1]["requests"]):
        print(
            f"{name:36} {e['requests']:9} {e['rps']:7} {e['p50_ms']:7.0f} {e['p95_ms']:7.0f} {e['errors']:7}"
        )
    print(
        f"{'all':36} {total['requests']:9} {total['rps']:7} {total['p50_ms']:7.0f} {total['p95_ms']:7.0f} {total['errors']:7}"
    )
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv")))  # noqa: SIM115
    for f in failures[:10]:
        print(f"error: {f['Method']} {f['Name']}: {f['Error']} × {f['Occurrences']}")
    print(f"load average during the run (1 min, sampled): {' '.join(f'{x[0]:.2f}' for x in load)}")
    return {
        "duration_s": duration,
        "rps": total["rps"],
        "requests": total["requests"],
        "errors": total["errors"],
        "p50_ms": total["p50_ms"],
        "p95_ms": total["p95_ms"],
        "pages": pages,
        "loadavg_1m_max": max(x[0] for x in load),
        "cores": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", default=os.environ.get("DURATION", "5m"))
    parser.add_argument("--users", type=int, default=int(os.environ.get("USERS", "40")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOADTEST_PORT", "8190")))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--skip-prepare", action="store_true")
    args = parser.parse_args()
    duration = _seconds(args.duration)
    env = _env(args.database_url)
    if not args.skip_prepare:
        prepare(args.database_url, env)
    out = ROOT / "var" / "loadtest"
    out.mkdir(parents=True, exist_ok=True)
    prefix = out / "locust"
    server = serve(env, args.port, args.workers)
    load: list[list[float]] = []
    try:
        locust = subprocess.Popen(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "loadtest" / "locustfile.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(max(1, args.users // 5)),
                "--run-time",
                f"{duration}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            stdout=open(out / "locust.log", "w"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + duration + 60  # bounded: the run, its stop timeout, slack
        while locust.poll() is None:
            if time.monotonic() > deadline:
                stop(locust)
                raise SystemExit("locust did not stop in time")
            load.append(_loadavg())
            time.sleep(min(10, max(1, duration / 12)))
        load.append(_loadavg())
    finally:
        stop(server)
    summary = report(prefix, duration, load)
    print(json.dumps(summary, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()
