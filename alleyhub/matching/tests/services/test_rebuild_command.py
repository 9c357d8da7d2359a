"""`manage.py rebuild_matching_index` rebuilds rows, embeds in batches and can queue instead."""

import pytest
from django.core.management import call_command

from alleyhub.listings.models import TechOutcome
from alleyhub.matching import tasks
from alleyhub.matching.models import IndexedDocument, Match
from alleyhub.matching.services.embedding import documents_needing_embedding
from alleyhub.matching.services.index_sync import index_rebuild
from alleyhub.matching.tests.factories import TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_objects_saved_without_signals_and_embeds_them(capsys):
    # Objects created without the after-commit hook (as a bulk loader would) are not indexed yet.
    TechOutcomeFactory(title_zh="量子点显示材料")
    TechOutcomeFactory(title_zh="钠离子电池正极")
    assert not IndexedDocument.objects.exists()

    call_command("rebuild_matching_index", "--batch-size", "1", "--matches")

    out = capsys.readouterr()
    rows = IndexedDocument.objects.filter(kind="outcome", is_active=True)
    assert rows.count() == 2 and all(r.has_vector for r in rows)
    assert "embedded=4 failed=0" in out.out  # the two outcomes and their owners
    assert "embed" in out.err  # the progress bar


def test_no_embed_leaves_vectors_for_later_and_enqueue_embeds_through_the_worker(capsys):
    TechOutcomeFactory(title_zh="柔性压力传感器")
    call_command("rebuild_matching_index", "--no-embed")
    row = IndexedDocument.objects.get(kind="outcome")
    assert row.is_active and not row.has_vector

    call_command("rebuild_matching_index", "--no-embed", "--enqueue-embed")  # ImmediateBackend runs it now
    row.refresh_from_db()
    assert row.has_vector
    assert "queued 2 documents" in capsys.readouterr().out  # the outcome and its owner


def test_matches_option_recomputes_every_source():
    demand = TechDemandFactory(title_zh="柔性压力传感器需求", description_zh="需要柔性压力传感器。")
    TechOutcomeFactory(title_zh="柔性压力传感器")
    call_command("rebuild_matching_index", "--no-embed", "--matches", verbosity=0)
    assert Match.objects.filter(source_kind="demand", source_id=demand.pk, target_kind="outcome").exists()
    assert TechOutcome.objects.count() == 1


def test_the_bulk_embedding_task_works_in_chunks_then_refreshes_all_matches(monkeypatch):
    monkeypatch.setattr(tasks, "BULK_CHUNK", 2)
    demand = TechDemandFactory(title_zh="钠离子电池正极材料", description_zh="寻找钠离子电池正极材料技术。")
    for title in ["钠离子电池正极", "钠离子电池负极", "固态电解质"]:
        TechOutcomeFactory(title_zh=title)
    index_rebuild()  # what the demo loader does after its bulk_create

    result = tasks.embed_documents.enqueue(doc_ids=None)

    assert result.status == "SUCCESSFUL"
    assert not documents_needing_embedding().exists()
    assert Match.objects.filter(source_kind="demand", source_id=demand.pk, target_kind="outcome").count() == 3
