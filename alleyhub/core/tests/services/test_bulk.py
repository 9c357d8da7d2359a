"""core.bulk: rows and their many-to-many links inserted in batches (the demo district's loader)."""

import pytest
from django.contrib.auth.models import Group, Permission

from alleyhub.core.bulk import BulkRow, bulk_create_rows, chunked, m2m_insert

pytestmark = pytest.mark.django_db


def test_chunked_yields_batches_of_at_most_the_size_and_consumes_lazily():
    consumed = []

    def items():
        for i in range(7):
            consumed.append(i)
            yield i

    batches = chunked(items(), 3)
    assert next(batches) == [0, 1, 2] and consumed == [0, 1, 2]
    assert list(batches) == [[3, 4, 5], [6]]


def test_rows_and_their_links_are_inserted_in_batches_and_counted_by_label():
    permissions = list(Permission.objects.order_by("pk").values_list("pk", flat=True)[:3])
    rows = (BulkRow(Group(name=f"group-{i}"), m2m={"permissions": permissions[: i % 3]}) for i in range(5))
    batches = []

    counts = bulk_create_rows(
        Group, rows, batch_size=2, m2m=["permissions"], after_batch=lambda batch: batches.append(batch)
    )

    assert counts == {"auth.Group": 5, "auth.Group.permissions": 0 + 1 + 2 + 0 + 1}
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert all(row.obj.pk for batch in batches for row in batch)  # keys are known in after_batch
    group = Group.objects.get(name="group-2")
    assert sorted(group.permissions.values_list("pk", flat=True)) == permissions[:2]


def test_plain_objects_are_rows_without_links_and_extra_comes_back_in_after_batch():
    seen = []
    rows = [Group(name="plain"), BulkRow(Group(name="with-extra"), extra={"kind": "x"})]

    counts = bulk_create_rows(Group, rows, batch_size=10, after_batch=lambda batch: seen.extend(batch))

    assert counts == {"auth.Group": 2}
    assert [(row.obj.name, row.extra) for row in seen] == [("plain", None), ("with-extra", {"kind": "x"})]


def test_nothing_to_insert_still_reports_every_label_with_zero():
    counts = bulk_create_rows(Group, [], batch_size=10, m2m=["permissions"])
    assert counts == {"auth.Group": 0, "auth.Group.permissions": 0}
    assert "auth.Group.permissions" in counts


def test_m2m_insert_writes_links_in_batches_and_refuses_other_fields():
    group = Group.objects.create(name="links")
    pks = list(Permission.objects.order_by("pk").values_list("pk", flat=True)[:5])

    assert m2m_insert(Group, "permissions", ((group.pk, pk) for pk in pks), batch_size=2) == 5
    assert group.permissions.count() == 5
    with pytest.raises(TypeError):
        m2m_insert(Group, "name", [], batch_size=2)
