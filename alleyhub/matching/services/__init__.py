"""Writes of the matching app, one module per job:

- `index_sync`: keeping the shared index in line with the objects (`index_sync_object`, `index_rebuild`);
- `embedding`: computing and storing the rows' vectors (`embed_documents_now`);
- `matches`: computing and storing a source's matches (`matches_refresh_for`, `matches_refresh_around`);
- `decisions`: accept, dismiss, first view (`match_accept`, `match_dismiss`, `match_mark_viewed`).

Which kinds are matched with which is data in `alleyhub.matching.pairing`. Nothing in this package
enqueues tasks: the tasks (`alleyhub.matching.tasks`) call these services, and what runs after a
commit (index sync, then the embedding / match tasks) is wired in `alleyhub.matching.scheduling`,
so services → tasks → services never loops.

Callers inside matching import the specific module; the names below are re-exported for other apps
(`from alleyhub.matching.services import match_accept`)."""

from .decisions import match_accept, match_dismiss, match_mark_viewed
from .embedding import (
    EMBED_BATCH_SIZE,
    MAX_EMBED_ATTEMPTS,
    EmbedResult,
    documents_needing_embedding,
    embed_documents_now,
    embed_retry_delay,
)
from .index_sync import RebuildResult, index_rebuild, index_sync_object
from .matches import (
    matches_compute_for,
    matches_ensure_for,
    matches_refresh_all,
    matches_refresh_around,
    matches_refresh_for,
    matches_refresh_object,
)

__all__ = [
    "EMBED_BATCH_SIZE",
    "MAX_EMBED_ATTEMPTS",
    "EmbedResult",
    "RebuildResult",
    "documents_needing_embedding",
    "embed_documents_now",
    "embed_retry_delay",
    "index_rebuild",
    "index_sync_object",
    "match_accept",
    "match_dismiss",
    "match_mark_viewed",
    "matches_compute_for",
    "matches_ensure_for",
    "matches_refresh_all",
    "matches_refresh_around",
    "matches_refresh_for",
    "matches_refresh_object",
]
