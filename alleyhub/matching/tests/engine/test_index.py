import numpy as np
import pytest

from alleyhub.matching.engine import Document, Engine, EngineConfig, Query, RandomEmbedder


def test_upsert_replaces_and_remove_deletes(embedder):
    e = Engine(embedder=embedder)
    e.build([Document("o:1", "outcome", "石墨烯导热膜", "手机散热")], embed=True)
    e.upsert(
        Document("o:1", "outcome", "氮化镓快充芯片", "GaN fast charger"),
        embedder.passages(["氮化镓快充芯片"])[0],
    )
    e.upsert(Document("o:2", "outcome", "MEMS麦克风", "耳机拾音"))
    assert len(e) == 2
    assert e.search(Query("石墨烯"), mode="lexical") == []
    assert e.search(Query("GaN"), k=1)[0].id == "o:1"
    assert e.search(Query("麦克风"), k=1)[0].id == "o:2"
    e.remove("o:1")
    e.remove("never-there")
    assert len(e) == 1
    assert [h.id for h in e.search(Query("GaN"), k=5)] in ([], ["o:2"])
    assert "o:1" not in e


def test_zero_vector_row_means_no_vector_yet(embedder):
    docs = [Document("a", "outcome", "石墨烯"), Document("b", "outcome", "碳化硅")]
    vecs = embedder.passages(["石墨烯", "碳化硅"])
    vecs[1] = 0
    e = Engine(embedder=embedder)
    e.build(docs, vecs)
    assert e.vector_count == 1
    hit = e.search(Query("碳化硅"), k=1)[0]
    assert hit.id == "b" and hit.explanation.semantic is None


def test_many_upserts_fold_into_the_main_segment():
    e = Engine()
    e._lex.tail_limit = 10
    e.build([])
    for i in range(50):
        e.upsert(Document(f"d:{i}", "outcome", f"文档{i}", "碳化硅" if i % 2 else "石墨烯"))
    assert len(e) == 50
    assert len(e.search(Query("碳化硅"), k=100, mode="lexical")) == 25


def test_hnsw_partition_finds_the_same_top_hit_as_brute_force():
    rng = np.random.default_rng(0)
    n, dim = 3000, 64
    centers = rng.standard_normal((30, dim))
    vecs = (centers[rng.integers(0, 30, n)] + 0.3 * rng.standard_normal((n, dim))).astype(np.float32)
    docs = [Document(f"o:{i}", "outcome", "", f"doc {i}") for i in range(n)]
    emb = RandomEmbedder(dim)
    exact, approx = (
        Engine(embedder=emb, config=EngineConfig(ann_threshold=10**9)),
        Engine(embedder=emb, config=EngineConfig(ann_threshold=1000)),
    )
    exact.build(docs, vecs)
    approx.build(docs, vecs)
    assert approx._parts[0].hnsw is not None and exact._parts[0].hnsw is None
    agree = 0
    for i in range(20):
        qv = vecs[i * 7] + 0.05 * rng.standard_normal(dim).astype(np.float32)
        a = exact.search(Query(""), k=1, mode="semantic", query_vector=qv)[0].id
        b = approx.search(Query(""), k=1, mode="semantic", query_vector=qv)[0].id
        agree += a == b
    assert agree >= 19


def test_hnsw_partition_supports_upsert_and_remove():
    rng = np.random.default_rng(1)
    vecs = rng.standard_normal((1200, 32)).astype(np.float32)
    e = Engine(embedder=RandomEmbedder(32), config=EngineConfig(ann_threshold=1000))
    e.build([Document(f"o:{i}", "outcome", "", "") for i in range(1200)], vecs)
    new = rng.standard_normal(32).astype(np.float32)
    e.upsert(Document("o:new", "outcome", "", ""), new)
    assert e.search(Query(""), k=1, mode="semantic", query_vector=new)[0].id == "o:new"
    e.remove("o:new")
    assert e.search(Query(""), k=1, mode="semantic", query_vector=new)[0].id != "o:new"


def test_bm25_scores_rank_rarer_terms_higher():
    e = Engine()
    e.build([Document(f"d:{i}", "outcome", "", "传感器 " + ("氮化镓" if i == 0 else "")) for i in range(20)])
    hits = e.search(Query("传感器 氮化镓"), k=3, mode="lexical")
    assert hits[0].id == "d:0"
    assert hits[0].explanation.lexical > 2 * hits[1].explanation.lexical


def test_pruning_common_terms_keeps_exact_scores_for_the_top_hits():
    words = ["传感器", "芯片", "石墨烯", "碳化硅", "机器人", "电池", "涂层", "雷达"]
    rng = np.random.default_rng(3)
    docs = [
        Document(
            f"d:{i}", "outcome", "", " ".join(rng.choice(words, size=4)) + (" 氮化镓" if i % 50 == 0 else "")
        )
        for i in range(600)
    ]
    full, pruned = (
        Engine(config=EngineConfig(prune_df=None)),
        Engine(config=EngineConfig(prune_df=0.05, prune_min_docs=0)),
    )
    full.build(docs)
    pruned.build(docs)
    q = Query("氮化镓 传感器 芯片")
    a = full.search(q, k=5, mode="lexical")
    b = pruned.search(q, k=5, mode="lexical")
    assert [h.id for h in a] == [h.id for h in b]
    assert [round(h.explanation.lexical, 4) for h in a] == [round(h.explanation.lexical, 4) for h in b]


def test_many_vector_upserts_into_an_exact_partition_stay_searchable():
    rng = np.random.default_rng(5)
    e = Engine(embedder=RandomEmbedder(16))
    e.build([])
    vecs = rng.standard_normal((300, 16)).astype(np.float32)
    for i, v in enumerate(vecs):
        e.upsert(Document(f"o:{i}", "outcome", "", ""), v)
    e.remove("o:7")
    assert len(e) == 299 and e.vector_count == 299
    for i in (0, 150, 299):
        assert e.search(Query(""), k=1, mode="semantic", query_vector=vecs[i])[0].id == f"o:{i}"
    assert e.search(Query(""), k=1, mode="semantic", query_vector=vecs[7])[0].id != "o:7"


def test_the_engine_takes_its_tuning_as_one_config_and_rejects_unknown_values():
    assert Engine().config == EngineConfig()
    assert Engine(config=EngineConfig(fusion="score")).config.fusion == "score"
    with pytest.raises(ValueError):
        EngineConfig(fusion="median")
    with pytest.raises(ValueError):
        EngineConfig.from_mapping({"no_such_option": 1})
    assert EngineConfig.from_mapping({"weights": [0.4, 0.6, 0.1]}).weights == (0.4, 0.6, 0.1)
