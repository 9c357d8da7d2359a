"""core.demo_context: what every app's demo hook receives."""

import io
import random
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group, Permission

from alleyhub.core.bulk import BulkRow
from alleyhub.core.demo_context import DemoContext, TitleRegistry, bilingual
from alleyhub.core.models import ListingStatus


def _ctx(**kwargs) -> DemoContext:
    options = {
        "seed": 7,
        "scale": 1,
        "batch_size": 2,
        "rng": random.Random(7),
        "now": datetime(2026, 5, 1, 12, tzinfo=UTC),
        "today": date(2026, 5, 1),
        "stdout": io.StringIO(),
    }
    return DemoContext(**(options | kwargs))


@pytest.mark.django_db
def test_bulk_create_counts_the_rows_under_the_label_and_their_links_under_the_model():
    ctx = _ctx()
    permission = Permission.objects.order_by("pk").first()
    rows = (BulkRow(Group(name=f"g{i}"), m2m={"permissions": [permission.pk]}) for i in range(3))

    assert ctx.bulk_create(Group, rows, label="hook.groups", m2m=["permissions"]) == 3
    assert ctx.counts == {"hook.groups": 3, "auth.Group.permissions": 3}


def test_each_part_draws_from_its_own_generator_and_the_same_seed_draws_the_same():
    ctx = _ctx()
    assert ctx.rng_for("people").random() == _ctx().rng_for("people").random()
    assert ctx.rng_for("people").random() != ctx.rng_for("outcomes").random()


def test_a_phase_prints_its_name_and_time():
    ctx = _ctx()
    with ctx.phase("outcomes"):
        pass
    assert ctx.stdout.getvalue().startswith("  outcomes ")
    assert ctx.stdout.getvalue().endswith(" s\n")


def test_listing_states_are_consistent_with_their_dates():
    ctx = _ctx()
    rng = random.Random(1)
    for _ in range(300):
        state = ctx.listing_state(rng)
        if state["status"] == ListingStatus.DRAFT:
            assert state["published_at"] is None
        else:
            assert state["published_at"] <= ctx.now
        if state["status"] == ListingStatus.PUBLISHED:
            assert state["published_at"] <= state["last_confirmed_at"] <= ctx.now


def test_a_text_is_filled_in_its_own_language_and_the_other_only_when_both():
    assert bilingual("zh", False, ("中文", "English")) == ("中文", "")
    assert bilingual("en", False, ("中文", "English")) == ("", "English")
    assert bilingual("en", True, ("中文", "English")) == ("中文", "English")


def test_the_title_registry_refuses_a_title_given_in_either_language():
    registry = TitleRegistry(["已有"])
    assert not registry.claim("已有", "New")
    assert registry.claim("新的", "New")
    assert not registry.claim("另一个", "New")
