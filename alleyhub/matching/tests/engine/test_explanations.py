import json

import pytest

from alleyhub.matching.engine import ConstraintCheck, Explanation, Query


def test_cross_language_shared_term_is_shown_as_a_pair(lexical_engine):
    hit = lexical_engine.search(Query("碳化硅", kinds=("outcome",)), k=1, mode="lexical")[0]
    assert "碳化硅=SiC" in hit.explanation.shared_terms


def test_plain_shared_terms_are_listed(engine):
    hit = engine.search(Query("石墨烯导热膜 手机散热"), k=1)[0]
    assert "石墨烯" in hit.explanation.shared_terms


def test_explanation_reports_semantic_and_lexical_scores(engine):
    e = engine.search(Query("MEMS麦克风"), k=1)[0].explanation
    assert e.semantic is not None and 0 < e.semantic <= 1
    assert e.lexical > 0


def test_budget_below_price_is_reported_as_missed(engine):
    q = Query("MEMS麦克风", fields={"budget_max": 300_000})
    e = engine.explain(q, "outcome:mems")
    check = next(c for c in e.constraints if c.code == "budget_covers_price")
    assert (check.wanted, check.actual, check.met, check.hard) == (300_000, 500_000, False, False)


def test_unknown_constraint_is_reported_as_none(engine):
    e = engine.explain(Query("专家", fields={"budget_max": 300_000}), "expert:zhang")
    assert [c.met for c in e.constraints if c.code == "budget_covers_price"] == [None]


def test_monthly_budget_and_area_checks_use_numbers_from_text(engine):
    e = engine.explain(Query("200平左右的办公室，预算3.5万/月"), "space:a")
    by_code = {c.code: c for c in e.constraints}
    assert by_code["area_fits"].met is True
    assert by_code["monthly_budget_fits"].met is False
    assert by_code["monthly_budget_fits"].actual == round(210 * 6.0 * 30.4)


def test_explanation_round_trips_through_json():
    e = Explanation(
        shared_terms=["SiC=碳化硅"],
        semantic=0.81234567,
        lexical=3.5,
        fit=0.5,
        constraints=[ConstraintCheck("min_trl", 6, 7, True, True, "trl_at_least")],
    )
    data = json.loads(json.dumps(e.to_dict(), ensure_ascii=False))
    back = Explanation.from_dict(data)
    assert back.shared_terms == ["SiC=碳化硅"]
    assert back.semantic == 0.8123
    assert back.constraints[0] == ConstraintCheck("min_trl", 6, 7, True, True, "trl_at_least")


def test_explain_unknown_id_raises_key_error(engine):
    with pytest.raises(KeyError):
        engine.explain(Query("x"), "nope")
