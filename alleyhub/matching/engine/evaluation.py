"""Evaluation on a BEIR-format folder: loading, metrics, and a full run.

Folder layout: ``corpus.jsonl`` (``_id``, ``title``, ``text``, optional ``metadata.kind`` and
other metadata used as structured fields), ``queries.jsonl`` (``_id``, ``text``) and
``qrels/test.tsv`` (header ``query-id corpus-id score``; score > 0 is relevant, graded).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import EngineConfig
from .core import Engine, passage_text
from .embedder import Embedder
from .types import Document, Query


class DatasetError(ValueError):
    """The folder is not a usable BEIR dataset (missing files, bad lines, duplicate ids)."""


@dataclass
class Dataset:
    docs: list[Document]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]


def _read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise DatasetError(f"missing file: {path}")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{path.name} line {n}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict) or "_id" not in row:
                raise DatasetError(f"{path.name} line {n}: an object with _id is required")
            rows.append(row)
    return rows


def load_beir(folder: str | Path, split: str = "test") -> Dataset:
    """Read a BEIR folder. Raises DatasetError with a readable message on any problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DatasetError(f"not a folder: {folder}")
    docs: list[Document] = []
    seen: set[str] = set()
    dups: list[str] = []
    for row in _read_jsonl(folder / "corpus.jsonl"):
        did = str(row["_id"])
        if did in seen:
            dups.append(did)
            continue
        seen.add(did)
        meta = row.get("metadata") or {}
        if not isinstance(meta, dict):
            meta = {}
        fields = {k: v for k, v in meta.items() if k != "kind"}
        docs.append(
            Document(
                id=did,
                kind=str(meta.get("kind") or "document"),
                title=str(row.get("title") or ""),
                text=str(row.get("text") or ""),
                fields=fields,
            )
        )
    if dups:
        raise DatasetError(f"duplicate corpus ids: {', '.join(sorted(set(dups))[:5])}")
    queries: dict[str, str] = {}
    for row in _read_jsonl(folder / "queries.jsonl"):
        qid = str(row["_id"])
        if qid in queries:
            raise DatasetError(f"duplicate query id: {qid}")
        queries[qid] = str(row.get("text") or "")
    qpath = folder / "qrels" / f"{split}.tsv"
    if not qpath.is_file():
        raise DatasetError(f"missing file: {qpath}")
    qrels: dict[str, dict[str, int]] = {}
    with qpath.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if n == 1 and parts[0] == "query-id":
                continue
            if len(parts) < 3 or not line.strip():
                if line.strip():
                    raise DatasetError(f"{qpath.name} line {n}: expected query-id, corpus-id, score")
                continue
            try:
                score = int(float(parts[2]))
            except ValueError:
                raise DatasetError(f"{qpath.name} line {n}: score is not a number") from None
            qrels.setdefault(parts[0], {})[parts[1]] = score
    return Dataset(docs=docs, queries=queries, qrels=qrels)


# ----------------------------------------------------------------- metrics


def ndcg_at_k(ranked: list[str], rels: dict[str, int], k: int = 10) -> float:
    """nDCG@k with linear gains (as BEIR / trec_eval)."""
    dcg = sum(rels.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if rels.get(d, 0) > 0)
    ideal = sorted((r for r in rels.values() if r > 0), reverse=True)[:k]
    idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at_k(ranked: list[str], rels: dict[str, int], k: int) -> float:
    relevant = {d for d, r in rels.items() if r > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(ranked[:k])) / len(relevant)


def mrr_at_k(ranked: list[str], rels: dict[str, int], k: int = 10) -> float:
    for i, d in enumerate(ranked[:k]):
        if rels.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def percentile(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else 0.0


def aggregate(
    runs: dict[str, list[str]], qrels: dict[str, dict[str, int]], latencies_ms: list[float]
) -> dict:
    """The report: metrics averaged over queries that have at least one relevant document."""
    qids = [q for q in runs if any(r > 0 for r in qrels.get(q, {}).values())]
    n = len(qids)

    def mean(fn) -> float:
        return round(sum(fn(runs[q], qrels[q]) for q in qids) / n, 4) if n else 0.0

    return {
        "ndcg@10": mean(lambda r, q: ndcg_at_k(r, q, 10)),
        "recall@1": mean(lambda r, q: recall_at_k(r, q, 1)),
        "recall@5": mean(lambda r, q: recall_at_k(r, q, 5)),
        "recall@10": mean(lambda r, q: recall_at_k(r, q, 10)),
        "mrr@10": mean(lambda r, q: mrr_at_k(r, q, 10)),
        "p50_ms": round(percentile(latencies_ms, 50), 2),
        "p95_ms": round(percentile(latencies_ms, 95), 2),
        "n_queries": n,
    }


def evaluate(
    dataset: Dataset,
    *,
    mode: str = "hybrid",
    k: int = 10,
    embedder: Embedder | None = None,
    engine: Engine | None = None,
    config: EngineConfig | None = None,
    progress: Callable[[str], None] | None = None,
    doc_vectors: np.ndarray | None = None,
) -> tuple[dict, dict[str, list[str]]]:
    """Index the corpus in a throw-away engine (`engine`, else a new one with `embedder` and
    `config`), run every judged query, return (report, runs).

    Latency is measured per query end to end (query embedding included)."""
    say = progress or (lambda _msg: None)
    engine = engine or Engine(embedder=embedder, config=config)
    vectors = doc_vectors
    if vectors is None and mode != "lexical" and engine.embedder is not None:
        t = time.perf_counter()
        vectors = engine.embedder.passages([passage_text(d) for d in dataset.docs])
        say(f"embedded {len(dataset.docs)} documents in {time.perf_counter() - t:.1f} s")
    engine.build(dataset.docs, vectors)
    runs: dict[str, list[str]] = {}
    lat: list[float] = []
    judged = [q for q in dataset.queries if q in dataset.qrels]
    for qid in judged:
        t = time.perf_counter()
        hits = engine.search(Query(text=dataset.queries[qid]), k=k, mode=mode)
        lat.append((time.perf_counter() - t) * 1000)
        runs[qid] = [h.id for h in hits]
    say(f"ran {len(judged)} queries in mode {mode}")
    return aggregate(runs, dataset.qrels, lat), runs
