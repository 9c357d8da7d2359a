from alleyhub.matching.engine import Document, Engine, Query

DOCS = [
    Document("o:cheap", "outcome", "碳化硅器件 A", "碳化硅 MOSFET，TRL5，许可费20万元。"),
    Document("o:mature", "outcome", "碳化硅器件 B", "碳化硅 MOSFET，TRL8，许可费200万元。"),
    Document("o:silent", "outcome", "碳化硅器件 C", "碳化硅 MOSFET，成熟度未披露。"),
]


def make():
    e = Engine()
    e.build(DOCS)
    return e


def test_hard_filter_drops_documents_that_miss_or_do_not_say():
    hits = make().search(
        Query("碳化硅", fields={"min_trl": 6}, must=frozenset({"min_trl"})), k=10, mode="lexical"
    )
    assert [h.id for h in hits] == ["o:mature"]


def test_soft_constraint_keeps_everything_but_ranks_fits_first():
    hits = make().search(Query("碳化硅", fields={"min_trl": 6}), k=10, mode="lexical")
    assert [h.id for h in hits][0] == "o:mature"
    assert {h.id for h in hits} == {"o:cheap", "o:mature", "o:silent"}
    assert hits[-1].id == "o:cheap"  # a miss ranks below an unknown


def test_hard_budget_filter_uses_price_from_text():
    hits = make().search(
        Query("碳化硅", fields={"budget_max": 500_000}, must=frozenset({"budget_max"})), k=10, mode="lexical"
    )
    assert [h.id for h in hits] == ["o:cheap"]


def test_constraints_in_query_text_are_understood():
    hits = make().search(Query("碳化硅 TRL6以上"), k=10, mode="lexical")
    assert hits[0].id == "o:mature"
    check = next(c for c in hits[0].explanation.constraints if c.code == "trl_at_least")
    assert (check.wanted, check.actual, check.met) == (6, 8, True)


def test_structured_query_without_text_scans_by_fit():
    hits = make().search(Query("", fields={"min_trl": 6}, must=frozenset({"min_trl"})), k=10)
    assert [h.id for h in hits] == ["o:mature"]
