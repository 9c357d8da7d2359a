import numpy as np
import pytest

from alleyhub.matching.engine import Document, Engine, Query

ODD_QUERIES = [
    "",
    "   ",
    "芯",
    "a",
    "碳化硅" * 3400,  # 10,200 characters
    "😀🚀🔥",
    "SiC碳化硅MOSFETの器件 Ünïcödé ✓",
    "。，、！？……——",
    "!!!???...",
    '"碳化硅" AND (SiC OR NEAR/3) * -MOSFET',
    ".*[a-z]+(?=x)\\d{2,}|^$",
    "'; DROP TABLE listings; --",
    "%_%",
    "\x00\x01\x02",
    "\ud800",  # lone surrogate
]


@pytest.mark.parametrize("text", ODD_QUERIES)
@pytest.mark.parametrize("mode", ["lexical", "semantic", "hybrid"])
def test_odd_queries_return_a_list_of_hits_and_never_crash(engine, text, mode):
    hits = engine.search(Query(text), k=5, mode=mode)
    assert isinstance(hits, list) and len(hits) <= 5
    for h in hits:
        h.explanation.to_dict()


@pytest.mark.parametrize("text", ["", "   ", "😀🚀🔥", "。，、！？", "!!!???"])
def test_contentless_queries_return_nothing(engine, text):
    assert engine.search(Query(text), k=5) == []


def test_metacharacters_are_plain_text(lexical_engine):
    hits = lexical_engine.search(Query("碳化硅 AND (SiC OR *)"), k=3, mode="lexical")
    assert hits and hits[0].id in {"outcome:sic", "demand:ev"}


def test_document_without_text_is_indexed_and_harmless(embedder):
    e = Engine(embedder=embedder)
    e.build(
        [Document("x:empty", "outcome"), Document("x:full", "outcome", "石墨烯", "石墨烯导热膜")], embed=True
    )
    assert len(e) == 2
    assert e.search(Query("石墨烯"), k=5)[0].id == "x:full"
    assert e.explain(Query("石墨烯"), "x:empty").lexical == 0.0


def test_duplicate_ids_in_build_raise_value_error():
    with pytest.raises(ValueError, match="duplicate document ids: a"):
        Engine().build([Document("a", "outcome", "x"), Document("a", "outcome", "y")])


def test_bad_arguments_raise_clear_value_errors(lexical_engine):
    with pytest.raises(ValueError, match="mode"):
        lexical_engine.search(Query("x"), mode="fuzzy")
    with pytest.raises(ValueError, match="k must be"):
        lexical_engine.search(Query("x"), k=0)
    with pytest.raises(ValueError, match="Query"):
        lexical_engine.search("x")
    with pytest.raises(ValueError, match="id"):
        lexical_engine.upsert(Document("", "outcome"))


def test_misshaped_or_non_finite_vectors_raise_value_error():
    docs = [Document("a", "outcome", "x"), Document("b", "outcome", "y")]
    with pytest.raises(ValueError, match="shape"):
        Engine().build(docs, np.ones((3, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="NaN"):
        Engine().build(docs, np.full((2, 4), np.nan, dtype=np.float32))


def test_empty_engine_returns_nothing(embedder):
    e = Engine(embedder=embedder)
    assert e.search(Query("碳化硅")) == []
    e.build([])
    assert e.search(Query("碳化硅")) == [] and len(e) == 0


def test_semantic_mode_without_vectors_returns_nothing_and_hybrid_falls_back(lexical_engine):
    assert lexical_engine.search(Query("碳化硅"), mode="semantic") == []
    assert lexical_engine.search(Query("碳化硅"), mode="hybrid")


def test_unknown_kind_filter_returns_nothing(engine):
    assert engine.search(Query("碳化硅", kinds=("spaceship",))) == []


def test_a_single_kind_given_as_a_string_is_one_kind(engine):
    assert [h.kind for h in engine.search(Query("MEMS", kinds="expert"), k=5)] == ["expert"]
