"""Check-in benchmark (issue #10): 500 scans in a row through the HTTP view, then the same 500
again (each answered "already checked in"). Prints the timings and, as its last line, JSON:
{"scans": …, "p50_ms": …, "p95_ms": …, "repeat_p95_ms": …, "target_p95_ms": 50}.

    .venv/bin/python bench/checkin.py [--scans 500] [--database-url postgres://…/events_bench]

Runs on a throw-away test database (in-memory SQLite unless --database-url names a PostgreSQL test
database, which is created and dropped), through Django's test client: the whole request path
(middleware, session, CSRF-exempt test client, view, service with its row lock, template) but no
network socket."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=500)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="keep database connections open between requests (Django's CONN_MAX_AGE); the "
        "project's settings do not set it, so every request opens a new connection",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if args.database_url:
        os.environ["TEST_DATABASE_URL"] = args.database_url
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    if args.conn_max_age is not None:
        connection.settings_dict["CONN_MAX_AGE"] = args.conn_max_age
    try:
        print(json.dumps(_run(args.scans, Client)))
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def _run(scans: int, client_class) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from alleyhub.accounts.models import Membership, User
    from alleyhub.directory.models import Organization
    from alleyhub.events.models import Event, Registration
    from alleyhub.events.tickets import ticket_code

    org = Organization.objects.create(
        kind="platform", name_zh="科创生态协同创新平台", slug="co-innovation-platform"
    )
    staff = User.objects.create_user("desk", "desk@example.org", "x")
    Membership.objects.create(user=staff, organization=org)
    starts = timezone.now() + timedelta(hours=1)
    event = Event.objects.create(
        kind="tech_festival",
        title_zh="上海硅巷科技节",
        address="长宁区定西路",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
        capacity=scans,
        status="published",
    )
    event.organizers.set([org])
    Registration.objects.bulk_create(
        Registration(
            event=event, name=f"参会者{n}", email=f"p{n}@example.org", phone=f"139{n:08d}", status="confirmed"
        )
        for n in range(scans)
    )
    codes = [
        ticket_code(s)
        for s in Registration.objects.filter(event=event).values_list("ticket_secret", flat=True)
    ]
    client = client_class()
    client.force_login(staff)
    url = f"/events/{event.pk}/check-in/scan/"
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "scan-result"}
    client.post(url, {"code": "warm-up"}, **headers)

    def timed(code: str, expect: bytes) -> float:
        began = time.perf_counter()
        response = client.post(url, {"code": code}, **headers)
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200 and expect in response.content, response.content[:200]
        return elapsed

    first = [timed(c, "签到成功".encode()) for c in codes]
    repeat = [timed(c, "未重复计入".encode()) for c in codes]
    assert Registration.objects.filter(event=event, checked_in_at__isnull=False).count() == scans

    def p95(values: list[float]) -> float:
        return round(statistics.quantiles(values, n=20)[18], 1)

    print(
        f"{scans} scans: p50 {statistics.median(first):.1f} ms, p95 {p95(first)} ms; "
        f"again (already checked in): p50 {statistics.median(repeat):.1f} ms, p95 {p95(repeat)} ms",
        file=sys.stderr,
    )
    return {
        "scans": scans,
        "database": connection_vendor(),
        "conn_max_age": connection_max_age(),
        "p50_ms": round(statistics.median(first), 1),
        "p95_ms": p95(first),
        "repeat_p95_ms": p95(repeat),
        "target_p95_ms": 50,
    }


def connection_max_age():
    from django.db import connection

    return connection.settings_dict.get("CONN_MAX_AGE")


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
