"""A task worker killed (`kill -9`) in the middle of embedding loses no document and embeds none
twice once the site is back: a real `db_worker` on a file database, killed inside the model call
of its second batch (the first batch is stored)."""

import pytest

from alleyhub.core.tests import worker_crash
from alleyhub.matching.services.embedding import EMBED_BATCH_SIZE

pytestmark = pytest.mark.slow

# The harness's fixtures: a migrated file database and a site whose worker can be killed.
_migrated_database, _migrated_pg_template, crash_site = (
    worker_crash._migrated_database,
    worker_crash._migrated_pg_template,
    worker_crash.crash_site,
)

DOCS = EMBED_BATCH_SIZE + 8

SETUP = f"""
from alleyhub.matching.models import IndexedDocument
from alleyhub.matching.services.index_sync import _text_hash
from alleyhub.matching.tasks import embed_documents
for i in range({DOCS}):
    title, text = f"doc-{{i:03d}}", f"text of document {{i}}"
    IndexedDocument.objects.create(
        doc_id=f"outcome:{{900000 + i}}", kind="outcome", object_id=900000 + i,
        title=title, text=text, text_hash=_text_hash(title, text),
    )
embed_documents.enqueue(doc_ids=None)
"""

STATE = """
import json
from alleyhub.matching.models import IndexedDocument
from alleyhub.matching.services.embedding import documents_needing_embedding
print(json.dumps({
    "with_vector": IndexedDocument.objects.exclude(vector=None).count(),
    "needing": documents_needing_embedding().count(),
}))
"""


TASK_ROWS = """
import json
from django_tasks_db.models import DBTaskResult
rows = DBTaskResult.objects.filter(task_path="alleyhub.matching.tasks.embed_documents")
print(json.dumps(sorted(rows.values_list("status", flat=True))))
"""

# The site comes back later than TASKS_STALE_AFTER_MINUTES: the killed worker's row looks old.
LATER = """
from datetime import timedelta
from django.conf import settings
from django.db.models import F
from django_tasks_db.models import DBTaskResult
back = timedelta(minutes=settings.TASKS_STALE_AFTER_MINUTES + 1)
DBTaskResult.objects.filter(status="RUNNING").update(started_at=F("started_at") - back)
"""


def _embedded(site) -> list[str]:
    log = site.dir / "embedded.log"
    return [line.split()[0] for line in log.read_text().splitlines()] if log.exists() else []


def test_a_worker_killed_while_embedding_loses_no_document_and_embeds_none_twice(crash_site):
    crash_site.shell(SETUP)

    crash_site.kill_worker_at("embed")

    first_batch = _embedded(crash_site)
    assert len(first_batch) == EMBED_BATCH_SIZE
    assert crash_site.json(STATE) == {"with_vector": EMBED_BATCH_SIZE, "needing": DOCS - EMBED_BATCH_SIZE}
    assert crash_site.json(TASK_ROWS) == ["RUNNING"]  # for ever, without the sweep

    crash_site.shell(LATER)
    crash_site.recover()

    embedded = _embedded(crash_site)
    assert sorted(embedded) == [f"doc-{i:03d}" for i in range(DOCS)]  # each document once
    assert crash_site.json(STATE) == {"with_vector": DOCS, "needing": 0}
    # The scheduler's round marked the lost run failed and ran it again (it is idempotent).
    rows = crash_site.json(TASK_ROWS)
    assert "RUNNING" not in rows and rows.count("FAILED") == 1 and "SUCCESSFUL" in rows
