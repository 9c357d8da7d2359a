from alleyhub.matching.engine import Query


def ids(hits):
    return [h.id for h in hits]


def test_paraphrased_earphone_need_finds_the_mems_microphone(engine):
    hits = engine.search(Query("我们做无线耳机，想找体积小、底噪低的拾音元件"), k=3)
    assert hits[0].id == "outcome:mems"


def test_abbreviation_sic_finds_chinese_silicon_carbide_text_lexically(lexical_engine):
    hits = lexical_engine.search(Query("SiC", kinds=("demand",)), k=3, mode="lexical")
    assert ids(hits) == ["demand:ev"]


def test_chinese_name_finds_the_english_sic_outcome_lexically(lexical_engine):
    hits = lexical_engine.search(Query("碳化硅", kinds=("outcome",)), k=3, mode="lexical")
    assert ids(hits) == ["outcome:sic"]


def test_english_query_finds_chinese_document(engine):
    hits = engine.search(Query("fall detection for elderly people without cameras"), k=3)
    assert hits[0].id == "outcome:radar"


def test_chinese_query_finds_english_document_in_semantic_mode(engine):
    # without per-language normalisation every Chinese text outscores the English one
    hits = engine.search(Query("发票识别，私有化部署"), k=3, mode="semantic")
    assert hits[0].id == "outcome:ocr"


def test_kinds_restrict_results(engine):
    hits = engine.search(Query("MEMS", kinds=("expert",)), k=5)
    assert ids(hits) == ["expert:zhang"]


def test_supply_seeking_query_prefers_outcomes_over_similar_demands(engine):
    hits = engine.search(Query("1200V碳化硅MOSFET"), k=2)
    assert hits[0].id == "outcome:sic"


def test_demand_seeking_query_prefers_demands(engine):
    hits = engine.search(Query("哪些企业需要碳化硅功率器件"), k=1)
    assert hits[0].id == "demand:ev"


def test_three_modes_all_return_ranked_hits_with_descending_scores(engine):
    for mode in ("lexical", "semantic", "hybrid"):
        hits = engine.search(Query("石墨烯 散热"), k=5, mode=mode)
        assert hits[0].id == "outcome:graphene", mode
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)


def test_exclude_ids_are_never_returned(engine):
    hits = engine.search(Query("碳化硅", exclude_ids=frozenset({"outcome:sic"})), k=10)
    assert "outcome:sic" not in ids(hits)


def test_structured_fit_reorders_spaces_by_area_and_budget(engine):
    hits = engine.search(Query("200平左右的办公室，预算3.5万/月", kinds=("space",)), k=3)
    # 190 ㎡ at 4.5 元/㎡/天 fits both area and budget; 210 ㎡ at 6.0 fits the area only
    assert ids(hits)[:2] == ["space:b", "space:a"]


def test_query_vector_can_replace_query_text_embedding(engine, embedder):
    qv = embedder.queries(["毫米波雷达 跌倒"])[0]
    hits = engine.search(Query(""), k=1, mode="semantic", query_vector=qv)
    assert hits[0].id == "outcome:radar"


def test_search_many_matches_single_searches(engine):
    queries = [Query("MEMS麦克风"), Query("石墨烯")]
    batch = engine.search_many(queries, k=2)
    assert [b[0].id for b in batch] == ["outcome:mems", "outcome:graphene"]
