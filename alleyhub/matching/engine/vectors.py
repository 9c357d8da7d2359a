"""Vector search by partition (document kind × language): exact for small partitions, HNSW for
large ones. Vectors are L2-normalised float32; scores are cosine similarities."""

from __future__ import annotations

import numpy as np


class Partition:
    """Vectors of one (kind, language) group. Rows are engine-internal row numbers."""

    def __init__(
        self, dim: int, ann_threshold: int, ef_search: int = 96, m: int = 16, ef_construction: int = 120
    ):
        self.dim = dim
        self.ann_threshold = ann_threshold
        self.ef_search = ef_search
        self.m = m
        self.ef_construction = ef_construction
        self.rows = np.zeros(0, dtype=np.int64)
        self.mat = np.zeros((0, dim), dtype=np.float32)
        self.count = 0
        self.row_pos: dict[int, int] = {}
        self.dead: set[int] = set()
        self.hnsw = None
        self.mat16 = np.zeros((0, dim), dtype=np.float16)
        self.sample = np.zeros((0, dim), dtype=np.float32)

    # -- building
    def build(self, rows: np.ndarray, source: np.ndarray, threads: int = -1) -> None:
        """Index ``source[rows]`` (``source`` is the engine-wide matrix, read in chunks so a
        million rows are never copied at once)."""
        self.rows = rows.astype(np.int64)
        self.count = len(rows)
        self.row_pos = {int(r): i for i, r in enumerate(self.rows)}
        self.dead = set()
        if self.count >= self.ann_threshold:
            import hnswlib

            idx = hnswlib.Index(space="ip", dim=self.dim)
            idx.init_index(
                max_elements=max(self.count * 5 // 4, 1024), M=self.m, ef_construction=self.ef_construction
            )
            for a in range(0, self.count, 65536):
                chunk = self.rows[a : a + 65536]
                idx.add_items(source[chunk], chunk, num_threads=threads)
            idx.set_ef(self.ef_search)
            self.hnsw = idx
            self.mat = np.zeros((0, self.dim), dtype=np.float32)
            # half-precision copy for exact re-scoring of candidates found lexically
            # (hnswlib's get_items costs ~50 µs a row)
            self.mat16 = np.empty((max(self.count * 5 // 4, 16), self.dim), dtype=np.float16)
            for a in range(0, self.count, 65536):
                chunk = self.rows[a : a + 65536]
                self.mat16[a : a + len(chunk)] = source[chunk]
        else:
            self.hnsw = None
            self.mat = np.ascontiguousarray(source[self.rows], dtype=np.float32)
        take = self.rows[np.linspace(0, self.count - 1, num=min(self.count, 512)).astype(np.int64)]
        self.sample = np.ascontiguousarray(source[take], dtype=np.float32) if self.count else self.sample

    def add(self, row: int, vec: np.ndarray) -> None:
        if self.hnsw is not None:
            if self.hnsw.get_current_count() >= self.hnsw.get_max_elements():
                self.hnsw.resize_index(self.hnsw.get_max_elements() * 2)
            self.hnsw.add_items(vec[None, :], np.array([row]))
            pos = len(self.rows)
            if pos >= len(self.mat16):
                self.mat16 = np.vstack([self.mat16, np.empty_like(self.mat16)])
            self.mat16[pos] = vec
            self.row_pos[row] = pos
            self.rows = np.append(self.rows, row)
            self.count += 1
            return
        pos = len(self.rows)
        if pos >= len(self.mat):  # grow by doubling: many upserts stay linear overall
            grown = np.empty((max(16, 2 * len(self.mat)), self.dim), dtype=np.float32)
            grown[:pos] = self.mat[:pos]
            self.mat = grown
        self.mat[pos] = vec
        self.row_pos[row] = pos
        self.rows = np.append(self.rows, row)
        self.count += 1
        if len(self.sample) < 512:
            self.sample = np.vstack([self.sample, vec[None, :]])

    def remove(self, row: int) -> None:
        if row in self.row_pos and row not in self.dead:
            self.dead.add(row)
            if self.hnsw is not None:
                self.hnsw.mark_deleted(row)

    @property
    def alive(self) -> int:
        return self.count - len(self.dead)

    # -- searching
    def stats(self, q: np.ndarray) -> tuple[float, float]:
        """Mean and spread of the query's similarity to this partition's documents."""
        if len(self.sample) == 0:
            return 0.0, 1.0
        s = self.sample @ q
        return float(s.mean()), float(max(s.std(), 0.02))

    def top(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        alive = self.alive
        if alive <= 0 or k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        if self.hnsw is not None:
            k = min(k, alive)
            self.hnsw.set_ef(max(self.ef_search, k))
            labels, dist = self.hnsw.knn_query(q[None, :], k=k)
            return labels[0].astype(np.int64), (1.0 - dist[0]).astype(np.float32)
        sims = self.mat[: len(self.rows)] @ q
        if self.dead:
            dead_pos = [self.row_pos[r] for r in self.dead]
            sims[dead_pos] = -np.inf
        k = min(k, len(sims))
        part = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
        keep = np.isfinite(sims[part])
        part = part[keep]
        return self.rows[part], sims[part].astype(np.float32)

    def vectors(self, rows: list[int]) -> np.ndarray:
        pos = [self.row_pos[r] for r in rows]
        if self.hnsw is not None:
            return self.mat16[pos].astype(np.float32)
        return self.mat[pos]
