"""Batched inserts for large generated data (the demo district): rows and their many-to-many links.

One way to do the recurring "bulk-create in batches, then the M2M rows of each batch, then whatever
needs the new primary keys" block::

    rows = (BulkRow(outcome, m2m={"industries": industry_ids, "inventors": person_ids}) for ...)
    counts = bulk_create_rows(TechOutcome, rows, batch_size=5000, after_batch=remember_ids)
    counts == {"listings.TechOutcome": 500, "listings.TechOutcome.industries": 948, ...}

`rows` is consumed lazily, so memory stays bounded by one batch whatever the number of rows.
`bulk_create` sends no `post_save`: callers index or notify afterwards themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Generic, TypeVar

from django.db import connection, models

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


def chunked(iterable: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items of `iterable` (consumed lazily)."""
    it = iter(iterable)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass
class BulkRow(Generic[M]):
    """One row to insert: the unsaved object, the ids it links to per many-to-many field name, and
    anything the caller wants back in `after_batch` (e.g. what the object was generated from)."""

    obj: M
    m2m: Mapping[str, Iterable[int]] = field(default_factory=dict)
    extra: Any = None


def m2m_insert(
    model: type[models.Model], field_name: str, pairs: Iterable[tuple[int, int]], *, batch_size: int
) -> int:
    """Insert (object id, related id) rows into the auto-created table of `model.<field_name>` with
    plain executemany: M2M rows are often half of all rows, and model instances would triple their
    cost. Returns the number of rows inserted."""
    m2m_field = model._meta.get_field(field_name)
    if not isinstance(m2m_field, models.ManyToManyField):
        raise TypeError(f"{model._meta.label}.{field_name} is not a many-to-many field")
    qn = connection.ops.quote_name
    table, left, right = m2m_field.m2m_db_table(), m2m_field.m2m_column_name(), m2m_field.m2m_reverse_name()
    # Identifiers come from model metadata, values are parameters.
    sql = f"INSERT INTO {qn(table)} ({qn(left)}, {qn(right)}) VALUES (%s, %s)"  # noqa: S608
    n = 0
    with connection.cursor() as cursor:
        for chunk in chunked(pairs, batch_size):
            cursor.executemany(sql, chunk)
            n += len(chunk)
    return n


def bulk_create_rows(
    model: type[M],
    rows: Iterable[BulkRow[M] | M],
    *,
    batch_size: int,
    m2m: Sequence[str] = (),
    after_batch: Callable[[list[BulkRow[M]]], None] | None = None,
) -> Counter[str]:
    """Insert `rows` (objects or `BulkRow`s) in batches of `batch_size`. After each batch, insert the
    links of the batch's objects for every field in `m2m` (the rows' `m2m[field]` ids, in row order),
    then call `after_batch(rows of the batch)`, whose objects have their primary keys by then.

    Returns the rows inserted by label: the model's (``app.Model``) and one per M2M field
    (``app.Model.field``); a field in `m2m` with no links still has its label, counted 0.
    """
    counts: Counter[str] = Counter()
    label = model._meta.label
    for chunk in chunked(rows, batch_size):
        batch = [row if isinstance(row, BulkRow) else BulkRow(row) for row in chunk]
        model._default_manager.bulk_create([row.obj for row in batch], batch_size=batch_size)
        counts[label] += len(batch)
        for name in m2m:
            pairs = [(row.obj.pk, other) for row in batch for other in row.m2m.get(name, ())]
            counts[f"{label}.{name}"] += m2m_insert(model, name, pairs, batch_size=batch_size)
        if after_batch is not None:
            after_batch(batch)
    for name in m2m:
        counts.setdefault(f"{label}.{name}", 0)
    counts.setdefault(label, 0)
    return counts
