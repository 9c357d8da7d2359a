"""Rebuild the shared matching index from the database, with a progress bar.

manage.py rebuild_matching_index              # index everything, then embed what needs it
manage.py rebuild_matching_index --no-embed   # lexical index only (instant); embed later
manage.py rebuild_matching_index --no-embed --enqueue-embed   # let the db_worker embed
manage.py rebuild_matching_index --matches    # also recompute every source's top matches
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from tqdm import tqdm

from alleyhub.matching.index import get_embedder
from alleyhub.matching.services.embedding import (
    EMBED_BATCH_SIZE,
    documents_needing_embedding,
    embed_documents_now,
)
from alleyhub.matching.services.index_sync import index_rebuild
from alleyhub.matching.services.matches import matches_refresh_all
from alleyhub.matching.tasks import embed_documents


class Command(BaseCommand):
    help = "Rebuild the matching index (and embeddings) from the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--embed", action="store_true", default=True, help="Compute missing embeddings now (default)."
        )
        parser.add_argument("--no-embed", dest="embed", action="store_false", help="Skip embedding.")
        parser.add_argument(
            "--enqueue-embed", action="store_true", help="Queue the embedding for the task worker instead."
        )
        parser.add_argument("--retry-failed", action="store_true", help="Also retry rows out of attempts.")
        parser.add_argument(
            "--matches", action="store_true", help="Recompute the stored matches of every source."
        )
        parser.add_argument("--batch-size", type=int, default=EMBED_BATCH_SIZE)

    def handle(self, *args, **opts):
        quiet = opts["verbosity"] == 0

        def bar(items, **kw):
            return tqdm(items, disable=quiet, file=self.stderr, **kw)

        result = index_rebuild(progress=lambda objs: bar(objs, desc="index", unit="doc"))
        self.stdout.write(f"indexed={result.indexed} removed={result.removed} failed={result.failed}")

        if get_embedder() is None:
            self.stdout.write("embeddings disabled (MATCHING['EMBEDDINGS'] is False): lexical index only")
        elif opts["enqueue_embed"]:
            pending = documents_needing_embedding(include_exhausted=True)
            if opts["retry_failed"]:
                pending.update(attempts=0)
            count = pending.count()
            # One chunked task: it embeds a batch, queues the next, and refreshes all matches at the end.
            embed_documents.enqueue(doc_ids=None)
            self.stdout.write(f"queued {count} documents for embedding")
        elif opts["embed"]:
            to_embed = documents_needing_embedding(include_exhausted=opts["retry_failed"]).count()
            with tqdm(total=to_embed, desc="embed", unit="doc", disable=quiet, file=self.stderr) as progress:
                embedded = embed_documents_now(
                    batch_size=opts["batch_size"],
                    include_exhausted=opts["retry_failed"],
                    progress=progress.update,
                )
            self.stdout.write(f"embedded={embedded.embedded} failed={embedded.failed}")

        if opts["matches"]:
            total = matches_refresh_all(progress=lambda items: bar(items, desc="matches", unit="source"))
            self.stdout.write(f"matches={total}")
