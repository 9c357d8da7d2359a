"""The hooks through which higher apps lend behaviour to lower ones (`alleyhub.core.registry`)."""

import pytest

from alleyhub.core.registry import Hook, site_search
from alleyhub.core.search import ranked_ids, ranked_text_filter
from alleyhub.directory.models import Organization
from alleyhub.directory.tests.factories import OrganizationFactory


def test_providers_come_in_order_and_registering_twice_keeps_one():
    hook: Hook = Hook("test.hook")

    def first():
        return 1

    def second():
        return 2

    hook.register(second, order=20)
    hook.register(first, order=10)
    hook.register(first, order=10)
    assert hook.providers() == [first, second]
    assert hook.provider() is first


def test_a_key_replaces_the_earlier_registration_under_it():
    hook: Hook = Hook("test.hook")
    hook.register("old", key="k")
    hook.register("new", key="k")
    assert hook.providers() == ["new"]


def test_an_empty_hook_has_no_provider_and_replaced_restores_the_previous_state():
    hook: Hook = Hook("test.hook")
    assert hook.provider() is None
    hook.register("kept")
    with hook.replaced("only") as replaced:
        assert replaced.providers() == ["only"]
    with hook.replaced():
        assert hook.provider() is None
    assert hook.providers() == ["kept"]


def test_matching_registers_the_site_search_provider():
    assert site_search.provider() is not None


@pytest.mark.django_db
def test_text_filters_fall_back_to_substring_matching_without_a_search_provider():
    wanted = OrganizationFactory(name_zh="碳化硅材料研究所")
    OrganizationFactory(name_zh="生物医药公司")
    with site_search.replaced():
        assert ranked_ids(q="碳化硅", kind="organization", limit=10) == []
        found = ranked_text_filter(
            Organization.objects.all(), q="碳化硅", kind="organization", fields=["name_zh"]
        )
        assert list(found) == [wanted]
        assert "search_rank" not in found.query.annotations


@pytest.mark.django_db
def test_text_filters_rank_by_the_registered_provider():
    first = OrganizationFactory(name_zh="甲")
    second = OrganizationFactory(name_zh="乙")

    def provider(*, q, kind, limit):
        return [second.pk, first.pk]

    with site_search.replaced(provider):
        found = ranked_text_filter(
            Organization.objects.all(), q="anything", kind="organization", fields=["name_zh"]
        )
        assert list(found.order_by("search_rank")) == [second, first]
