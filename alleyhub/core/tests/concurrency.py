"""The one harness for the concurrency tests of every app (two writers at the same moment, each on
its own database connection). Only PostgreSQL can stage such a race: SQLite has no SELECT … FOR
UPDATE and lets one writer in at a time, so these tests are skipped there."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no SELECT … FOR UPDATE and serialises writers, so the race cannot be staged",
)
race_test = [pytest.mark.django_db(transaction=True), postgres_only]


def race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls at the same moment on separate threads (each its own connection); each
    result is what the call returned or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, fn: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = fn()
        except Exception as exc:  # noqa: BLE001 - collected and asserted on by the test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def in_thread(fn: Callable[[], Any], results: dict[str, Any], key: str) -> threading.Thread:
    """Start `fn` on its own thread and connection; its result (or exception) lands in
    `results[key]`. For races staged step by step with events (one holds the row lock, the other
    waits)."""

    def run() -> None:
        try:
            results[key] = fn()
        except Exception as exc:  # noqa: BLE001 - the result is inspected by the test
            results[key] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread
