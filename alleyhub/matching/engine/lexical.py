"""BM25 over an in-memory inverted index (numpy CSR), with a small mutable tail segment.

Why not ``bm25s`` directly: its numpy backend scores every document (172 ms a query at 1M); this
index touches only the postings of the query's terms, and supports upserts and deletes.
"""

from __future__ import annotations

from array import array
from collections import Counter

import numpy as np

K1 = 1.2
B = 0.75


class _Segment:
    """Immutable postings for a set of documents (internal row numbers ``ix``).

    Built from flat arrays (row, term id, tf) so that a million documents do not need a
    million Python dicts at once."""

    def __init__(
        self,
        rows: np.ndarray,
        tids: np.ndarray,
        tfs: np.ndarray,
        dls: dict[int, int] | np.ndarray,
        n_terms: int,
        avgdl: float,
    ):
        order = np.argsort(tids, kind="stable")
        tids_sorted = tids[order]
        self.docs = rows[order].astype(np.int32)
        tf = tfs[order].astype(np.float32)
        dl = (
            np.asarray(dls, dtype=np.float32)[self.docs]
            if not isinstance(dls, dict)
            else np.array([dls[int(r)] for r in self.docs], dtype=np.float32)
        )
        norm = K1 * (1 - B + B * dl / np.float32(avgdl))
        self.weights = (tf * (K1 + 1) / (tf + norm)).astype(np.float32)
        counts = np.bincount(tids_sorted, minlength=n_terms).astype(np.int64)
        self.indptr = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.indptr[1:])
        self.df = counts

    @classmethod
    def from_counters(cls, rows: list[tuple[int, Counter]], vocab: dict[str, int], avgdl: float) -> _Segment:
        r, t, f = _flatten(((ix, tf) for ix, tf in rows), vocab)
        dls = {ix: sum(tf.values()) for ix, tf in rows}
        return cls(r, t, f, dls, len(vocab), avgdl)

    def postings(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        if tid + 1 >= len(self.indptr):
            return self.docs[:0], self.weights[:0]
        a, b = self.indptr[tid], self.indptr[tid + 1]
        return self.docs[a:b], self.weights[a:b]


def _flatten(items, vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rr, tt, ff = array("i"), array("i"), array("i")
    for ix, tf in items:
        for term, n in tf.items():
            rr.append(ix)
            tt.append(vocab[term])
            ff.append(n)
    return (
        np.frombuffer(rr, dtype=np.int32),
        np.frombuffer(tt, dtype=np.int32),
        np.frombuffer(ff, dtype=np.int32),
    )


class LexicalIndex:
    def __init__(self, tail_limit: int = 2000):
        self.vocab: dict[str, int] = {}
        self.main: _Segment | None = None
        self.tail_rows: dict[int, Counter] = {}
        self.tail: _Segment | None = None
        self.tail_dirty = False
        self.tail_limit = tail_limit
        self.avgdl = 1.0
        self.main_rows: int = 0
        self.tail_lens: list[int] = []

    def _tid(self, t: str, grow: bool) -> int | None:
        tid = self.vocab.get(t)
        if tid is None and grow:
            tid = self.vocab[t] = len(self.vocab)
        return tid

    def build(self, rows) -> None:
        """``rows``: iterable of (row number, tokens). Consumed once, streaming."""
        rr, tt, ff = array("i"), array("i"), array("i")
        dl_rows, dl_vals = array("i"), array("i")
        total = 0
        n = 0
        vocab = self.vocab
        for ix, toks in rows:
            tf = Counter(toks)
            for term, c in tf.items():
                tid = vocab.get(term)
                if tid is None:
                    tid = vocab[term] = len(vocab)
                rr.append(ix)
                tt.append(tid)
                ff.append(c)
            dl_rows.append(ix)
            dl_vals.append(len(toks))
            total += len(toks)
            n += 1
        self.avgdl = max(total / max(n, 1), 1.0)
        dl = np.zeros((max(dl_rows) + 1) if n else 1, dtype=np.int32)
        if n:
            dl[np.frombuffer(dl_rows, dtype=np.int32)] = np.frombuffer(dl_vals, dtype=np.int32)
        self.main = _Segment(
            np.frombuffer(rr, dtype=np.int32),
            np.frombuffer(tt, dtype=np.int32),
            np.frombuffer(ff, dtype=np.int32),
            dl,
            len(vocab),
            self.avgdl,
        )
        self.main_rows = n
        self.tail_rows = {}
        self.tail = None
        self.tail_dirty = False

    def add(self, ix: int, tokens: list[str]) -> None:
        tf = Counter(tokens)
        for t in tf:
            self._tid(t, True)
        self.tail_rows[ix] = tf
        self.tail_dirty = True

    def discard(self, ix: int) -> None:
        if self.tail_rows.pop(ix, None) is not None:
            self.tail_dirty = True

    def needs_merge(self) -> bool:
        return len(self.tail_rows) > max(self.tail_limit, self.main_rows // 10)

    def _tail(self) -> _Segment | None:
        if self.tail_dirty:
            self.tail = (
                _Segment.from_counters(list(self.tail_rows.items()), self.vocab, self.avgdl)
                if self.tail_rows
                else None
            )
            self.tail_dirty = False
        return self.tail

    def df(self, tid: int) -> int:
        n = 0
        for seg in (self.main, self._tail()):
            if seg is not None and tid < len(seg.df):
                n += int(seg.df[tid])
        return n

    def term_ids(self, tokens: list[str]) -> list[int]:
        seen: dict[int, None] = {}
        for t in tokens:
            tid = self.vocab.get(t)
            if tid is not None:
                seen.setdefault(tid)
        return list(seen)

    def idf(self, tid: int, n_docs: int) -> float:
        df = self.df(tid)
        return float(np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)))

    def score(
        self,
        tokens: list[str],
        n_docs: int,
        n_rows: int,
        max_terms: int = 48,
        prune_df: float | None = None,
    ) -> tuple[np.ndarray, np.ndarray, list[tuple[int, float]]]:
        """(rows, scores, deferred) for every document sharing at least one scored term; dead
        rows included (the caller masks them).

        With ``prune_df`` (a share of ``n_docs``), terms more common than that are not
        accumulated over all their postings when rarer terms exist: they are returned in
        ``deferred`` as (term id, idf) and :meth:`add_terms` adds their exact contribution to
        the few candidate rows afterwards (the candidate set is what changes, not the scores)."""
        tids = self.term_ids(tokens)
        empty: tuple[np.ndarray, np.ndarray, list[tuple[int, float]]] = (
            np.zeros(0, np.int32),
            np.zeros(0, np.float32),
            [],
        )
        if not tids:
            return empty
        idfs = {t: self.idf(t, n_docs) for t in tids}
        if len(tids) > max_terms:  # very long queries: keep the most specific terms
            tids = sorted(tids, key=lambda t: -idfs[t])[:max_terms]
        deferred: list[tuple[int, float]] = []
        if prune_df is not None:
            limit = prune_df * n_docs
            rare = [t for t in tids if self.df(t) <= limit]
            if rare:
                deferred = [(t, idfs[t]) for t in tids if self.df(t) > limit]
                tids = rare
        parts_d, parts_w = [], []
        tail = self._tail()
        for tid in tids:
            for seg in (self.main, tail):
                if seg is None:
                    continue
                d, w = seg.postings(tid)
                if len(d):
                    parts_d.append(d)
                    parts_w.append(w * np.float32(idfs[tid]))
        if not parts_d:
            return empty
        if len(parts_d) == 1:
            return parts_d[0], parts_w[0], deferred
        d = np.concatenate(parts_d)
        w = np.concatenate(parts_w)
        if len(d) * 8 > n_rows:  # dense accumulation is cheaper than sorting
            acc = np.bincount(d, weights=w, minlength=n_rows)
            rows = np.flatnonzero(acc).astype(np.int32)
            return rows, acc[rows].astype(np.float32), deferred
        rows, inv = np.unique(d, return_inverse=True)
        return rows.astype(np.int32), np.bincount(inv, weights=w).astype(np.float32), deferred

    def add_terms(self, rows: np.ndarray, scores: np.ndarray, terms: list[tuple[int, float]]) -> None:
        """Add the BM25 contribution of ``terms`` (term id, idf) to ``scores`` of ``rows`` in
        place, by binary search in the postings (sorted by row within a term)."""
        if not len(rows):
            return
        tail = self._tail()
        for tid, idf in terms:
            for seg in (self.main, tail):
                if seg is None:
                    continue
                d, w = seg.postings(tid)
                if not len(d):
                    continue
                pos = np.minimum(np.searchsorted(d, rows), len(d) - 1)
                hit = d[pos] == rows
                scores[hit] += idf * w[pos[hit]]
