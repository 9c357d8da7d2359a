"""The shared index follows listings as they are saved, published, archived and deleted."""

import pytest
from django.db import transaction

from alleyhub.core.models import ListingStatus
from alleyhub.listings.models import TechOutcome
from alleyhub.matching import selectors
from alleyhub.matching.engine import Query
from alleyhub.matching.index import IndexCache
from alleyhub.matching.models import IndexedDocument, IndexState
from alleyhub.matching.services.index_sync import index_rebuild
from alleyhub.matching.tests.factories import (
    IndustryFactory,
    OrganizationFactory,
    PersonFactory,
    ServiceOfferingFactory,
    SpaceUnitFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = pytest.mark.django_db


def _ids(results):
    return [(r.kind, r.id) for r in results]


def test_published_outcome_is_found_by_its_chinese_and_english_text_right_after_commit(commit):
    with commit():
        outcome = TechOutcomeFactory(
            title_zh="碳化硅MOSFET栅氧工艺", title_en="SiC MOSFET gate oxide process"
        )

    assert ("outcome", outcome.pk) in _ids(selectors.search(q="碳化硅"))
    assert ("outcome", outcome.pk) in _ids(selectors.search(q="gate oxide"))


def test_abbreviation_finds_the_chinese_listing(commit, lexical_only):
    with commit():
        outcome = TechOutcomeFactory(
            title_zh="碳化硅功率模块封装",
            title_en="",
            summary_zh="车规级碳化硅模块的银烧结封装工艺。",
            summary_en="",
        )

    assert ("outcome", outcome.pk) in _ids(selectors.search(q="SiC"))


def test_draft_is_not_indexed_and_publishing_indexes_it(commit):
    with commit():
        outcome = TechOutcomeFactory(status=ListingStatus.DRAFT, title_zh="微机电麦克风振膜")
    assert not IndexedDocument.objects.filter(kind="outcome", object_id=outcome.pk, is_active=True).exists()
    assert selectors.search(q="微机电麦克风振膜") == []

    outcome.status = ListingStatus.PUBLISHED
    with commit():
        outcome.save()

    assert ("outcome", outcome.pk) in _ids(selectors.search(q="微机电麦克风振膜"))


def test_archiving_and_deleting_remove_the_listing_from_search(commit):
    with commit():
        kept = TechOutcomeFactory(title_zh="氧化镓衬底切割")
        archived = TechOutcomeFactory(title_zh="氧化镓外延生长")
        deleted = TechOutcomeFactory(title_zh="氧化镓肖特基二极管")

    archived.status = ListingStatus.ARCHIVED
    with commit():
        archived.save()
        deleted.delete()

    found = _ids(selectors.search(q="氧化镓"))
    assert ("outcome", kept.pk) in found
    assert ("outcome", archived.pk) not in found
    assert all(kind != "outcome" or pk != deleted.pk for kind, pk in found)
    assert not IndexedDocument.objects.get(kind="outcome", object_id=archived.pk).is_active


def test_saving_computes_the_embedding_in_the_task_after_commit(commit):
    with commit():
        demand = TechDemandFactory(
            title_zh="低噪声拾音元件", description_zh="无线耳机需要体积小、底噪低的麦克风。"
        )

    row = IndexedDocument.objects.get(kind="demand", object_id=demand.pk)
    assert row.has_vector
    assert row.get_vector().shape == (384,)
    assert row.model_version
    assert row.embedded_at is not None


def test_without_commit_nothing_is_indexed_yet():
    """The index is written after commit, so a rolled-back save never reaches it."""
    TechOutcomeFactory(title_zh="回滚的成果")
    assert not IndexedDocument.objects.filter(kind="outcome").exists()


def test_changing_the_text_embeds_again_and_unchanged_saves_do_not_bump_the_version(commit):
    with commit():
        outcome = TechOutcomeFactory(title_zh="石墨烯导热膜")
    row = IndexedDocument.objects.get(kind="outcome", object_id=outcome.pk)
    version = IndexState.objects.get().version

    with commit():
        outcome.save()
    assert IndexState.objects.get().version == version

    outcome.summary_zh = "导热系数超过1500 W/mK 的石墨烯膜。"
    with commit():
        outcome.save()
    row2 = IndexedDocument.objects.get(pk=row.pk)
    assert row2.text_hash != row.text_hash
    assert row2.has_vector
    assert row2.seq > row.seq


def test_changing_industries_updates_the_document(commit):
    with commit():
        outcome = TechOutcomeFactory(title_zh="车规级功率模块")
    industry = IndustryFactory(code="ic-power", name_zh="功率半导体", name_en="Power semiconductors")
    with commit():
        outcome.industries.add(industry)

    row = IndexedDocument.objects.get(kind="outcome", object_id=outcome.pk)
    assert row.fields["industries"] == ["ic-power"]
    assert "功率半导体" in row.text


def test_two_processes_serve_the_same_results_after_a_change(commit):
    with commit():
        TechOutcomeFactory(title_zh="超导量子比特读出电路")
    web1, web2 = IndexCache(refresh_seconds=0), IndexCache(refresh_seconds=0)

    def top(cache):
        return [h.id for h in cache.search(Query(text="量子比特", kinds=("outcome",)), k=5, mode="hybrid")]

    assert top(web1) == top(web2) and len(top(web1)) == 1

    with commit():
        newer = TechOutcomeFactory(title_zh="量子比特低温放大器")
    assert f"outcome:{newer.pk}" in top(web1)
    assert top(web1) == top(web2)

    newer.status = ListingStatus.ARCHIVED
    with commit():
        newer.save()
    assert f"outcome:{newer.pk}" not in top(web2)
    assert top(web1) == top(web2)


def test_a_process_checks_the_shared_version_only_after_its_interval(commit):
    cache = IndexCache(refresh_seconds=3600)
    assert len(cache.current()) == 0
    with commit():
        outcome = TechOutcomeFactory(title_zh="太赫兹成像芯片")
    query = Query(text="太赫兹", kinds=("outcome",))
    assert cache.search(query, k=5, mode="lexical") == []  # within its interval: the old view

    cache.mark_stale()  # what the interval's end (or a write in this process) does
    assert [h.id for h in cache.search(query, k=5, mode="lexical")] == [f"outcome:{outcome.pk}"]


def test_a_rebuild_makes_every_process_reload_and_drops_objects_gone_behind_its_back(commit):
    with commit():
        outcome = TechOutcomeFactory(title_zh="钙钛矿叠层电池")
    cache = IndexCache(refresh_seconds=0)
    generation = cache.current() and cache.generation
    TechOutcome.objects.filter(pk=outcome.pk).update(status=ListingStatus.ARCHIVED)  # no signal

    result = index_rebuild()

    assert result.removed == 0 and result.indexed >= 1
    assert cache.current() is not None and cache.generation != generation
    assert f"outcome:{outcome.pk}" not in cache.current()


def test_every_kind_is_indexed_with_public_text_only(commit):
    with commit():
        outcome = TechOutcomeFactory(confidential_details="绝密工艺窗口参数")
        demand = TechDemandFactory(confidential_details="客户是某头部手机厂商")
        expert = PersonFactory(email="secret-person@example.cn")
        service = ServiceOfferingFactory(contact_phone="021-99999999")
        space = SpaceUnitFactory()
        org = OrganizationFactory(contact_phone="021-88888888", contact_email="boss@example.cn")

    rows = IndexedDocument.objects.filter(is_active=True)
    kinds = {(r.kind, r.object_id) for r in rows}
    for key in [
        ("outcome", outcome.pk),
        ("demand", demand.pk),
        ("expert", expert.pk),
        ("service", service.pk),
        ("space", space.pk),
        ("organization", org.pk),
    ]:
        assert key in kinds
    blob = " ".join(f"{r.title} {r.text} {r.fields}" for r in rows)
    for secret in [
        "绝密工艺窗口参数",
        "头部手机厂商",
        "secret-person@example.cn",
        "021-99999999",
        "021-88888888",
        "boss@example.cn",
    ]:
        assert secret not in blob
    space_row = rows.get(kind="space")
    assert space_row.fields["area_sqm"] == 200.0 and space_row.fields["subdistrict"] == "华阳路街道"


@pytest.mark.django_db(transaction=True)
def test_with_real_commits_a_save_is_searchable_and_embedded_when_the_request_ends():
    with transaction.atomic():
        outcome = TechOutcomeFactory(title_zh="激光雷达光学相控阵")
        # Inside the transaction nothing is indexed yet.
        assert not IndexedDocument.objects.filter(kind="outcome", object_id=outcome.pk).exists()

    assert ("outcome", outcome.pk) in _ids(selectors.search(q="激光雷达"))
    assert IndexedDocument.objects.get(kind="outcome", object_id=outcome.pk).has_vector
