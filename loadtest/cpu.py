"""CPU time per request, per page type of the load test (loadtest/locustfile.py), without a server:
each page type runs N times through Django's full request handler (every middleware, the
templates, the database) against the load-test PostgreSQL database (the demo district, prepared by
`make loadtest` / loadtest/run.py). Prints, per page type, the process CPU ms per request (mean
and p50), the wall ms, the SQL queries per request and the status code; the last line is JSON.

Unlike requests/s under locust, CPU ms per request hardly depends on what else the machine runs,
so it shows where the time goes and what a change gains on a shared machine.

    .venv/bin/python loadtest/cpu.py [-n 30] [--only home,search] [--database-url ...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "loadtest"))

import run  # noqa: E402  (loadtest/run.py: the same environment as the load test)
from locustfile import DEMO_PASSWORD, LISTS, MEMBERS, QUERIES  # noqa: E402


def _setup(database_url: str, page_cache: bool) -> None:
    env = run._env(database_url)
    env["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    if not page_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
    os.environ.update(env)
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=30, help="measured requests per page type")
    parser.add_argument(
        "--warm",
        type=int,
        default=3,
        help="unmeasured requests first (more: a warm page cache, as under load)",
    )
    parser.add_argument("--only", default="", help="comma-separated page types")
    parser.add_argument(
        "--no-page-cache", action="store_true", help="PAGE_CACHE_SECONDS=0: what rendering a page costs"
    )
    parser.add_argument("--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", run.DEFAULT_DB))
    args = parser.parse_args()
    _setup(args.database_url, page_cache=not args.no_page_cache)

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    random.seed(2026)
    anonymous = Client()
    listing = anonymous.get("/listings/outcomes/").content.decode()
    outcome_ids = sorted({int(x) for x in re.findall(r"/listings/outcomes/(\d+)/", listing)}) or [1]

    members = []
    for username in MEMBERS:
        member = Client()
        response = member.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302 and "/accounts/login/" not in response["Location"], username
        # As locustfile.py: accept the current privacy notice and terms once if asked to.
        if "/privacy/consent/" in member.get("/accounts/me/").get("Location", ""):
            assert member.post("/privacy/consent/", {"accept": "on"}).status_code == 302
        assert member.get("/accounts/me/").status_code == 200, username
        members.append(member)

    def member():
        return random.choice(members)

    pages: list[tuple[str, callable]] = [
        ("home", lambda: anonymous.get("/")),
        *[(name, (lambda url=url: anonymous.get(url))) for name, url in LISTS],
        ("outcome detail", lambda: anonymous.get(f"/listings/outcomes/{random.choice(outcome_ids)}/")),
        ("search", lambda: anonymous.get("/search/", {"q": random.choice(QUERIES)})),
        ("outcome list search", lambda: anonymous.get("/listings/outcomes/", {"q": random.choice(QUERIES)})),
        ("my matches", lambda: member().get("/matching/mine/")),
        ("notifications", lambda: member().get("/notifications/")),
        ("notification badge", lambda: member().get("/notifications/badge/")),
        ("my account", lambda: member().get("/accounts/me/")),
        ("write: mark notifications read", lambda: member().post("/notifications/read-all/")),
        (
            "write: notification preference",
            lambda: member().post(
                "/notifications/preferences/", {"email_mode": random.choice(["immediate", "daily", "off"])}
            ),
        ),
    ]
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    results = {}
    print(f"{'page type':34} {'CPU ms':>7} {'p50':>6} {'wall ms':>8} {'queries':>8} {'status':>7}")
    for name, call in pages:
        if only and name not in only:
            continue
        for _ in range(args.warm):
            call()
        cpu, wall = [], []
        statuses = set()
        for _ in range(args.n):
            c0, w0 = time.process_time(), time.perf_counter()
            response = call()
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
            statuses.add(response.status_code)
        queries = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as captured:
                call()
            queries.append(len(captured.captured_queries))
        reset_queries()
        entry = {
            "cpu_ms": round(statistics.fmean(cpu), 1),
            "cpu_p50_ms": round(statistics.median(cpu), 1),
            "wall_ms": round(statistics.fmean(wall), 1),
            "queries": max(queries),
            "status": sorted(statuses),
        }
        results[name] = entry
        print(
            f"{name:34} {entry['cpu_ms']:7.1f} {entry['cpu_p50_ms']:6.1f} {entry['wall_ms']:8.1f} "
            f"{entry['queries']:8} {','.join(map(str, entry['status'])):>7}",
            flush=True,
        )
    # The workload's mix (locustfile weights): what one "average request" costs.
    print(json.dumps(results, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main()
