import pytest

from alleyhub.matching.engine import check_constraints, extract_constraints


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "200平左右的办公室，预算3.5万/月",
            {"area_sqm": 200.0, "monthly_budget": 35000, "space_kind": "office"},
        ),
        (
            "需要TRL6以上的碳化硅MOSFET，耐压1200V，预算30万",
            {"min_trl": 6, "voltage_v": 1200.0, "budget_max": 300000},
        ),
        ("许可费50万元，TRL 7", {"price_min": 500000, "price_max": 500000, "trl": 7}),
        ("预算30-50万元", {"budget_min": 300000, "budget_max": 500000}),
        (
            "单笔投资500万-3000万，关注天使轮至B轮",
            {"ticket_min": 5_000_000, "ticket_max": 30_000_000, "stages": ["seed", "startup", "growth"]},
        ),
        (
            "150 sqm office in Huayang, budget RMB 40k per month",
            {"area_sqm": 150.0, "monthly_budget": 40000, "subdistrict": "华阳路街道", "space_kind": "office"},
        ),
        ("6元/㎡/天，2026年3月起可入驻", {"rent_per_sqm_day": 6.0, "available_from": "2026-03-01"}),
        ("租金每天8块一平以内", {"rent_per_sqm_day": 8.0}),
        ("1000平以上的厂房", {"area_min": 1000.0}),
        ("融资2000万 A轮", {"ticket_min": 20_000_000, "ticket_max": 20_000_000, "stage": "startup"}),
        ("Series A to C; tickets RMB 20–100 million", {"ticket_min": 20_000_000, "ticket_max": 100_000_000}),
    ],
)
def test_extracts_numbers_and_units(text, expected):
    got = extract_constraints(text)
    for key, value in expected.items():
        assert got.get(key) == value, (key, got)


@pytest.mark.parametrize("text", ["", "   ", "平均水平", "😀😀", "***(((", "a", None, "x" * 10000])
def test_odd_text_gives_no_numeric_facts(text):
    got = extract_constraints(text)
    assert not {"area_sqm", "monthly_budget", "budget_max", "min_trl", "voltage_v"} & set(got)


def test_language_is_detected():
    assert extract_constraints("碳化硅功率器件")["lang"] == "zh"
    assert extract_constraints("silicon carbide power devices")["lang"] == "en"


def test_trl_requirement_checks_both_directions():
    [c] = check_constraints({"min_trl": 6}, {"trl": 5})
    assert (c.code, c.met) == ("trl_at_least", False)
    [c] = check_constraints({"trl": 7}, {"min_trl": 6})
    assert (c.code, c.met) == ("trl_at_least", True)


def test_industry_codes_match_by_prefix():
    [c] = check_constraints({"industries": ["ic"]}, {"industries": ["ic-power"]})
    assert c.met is True
    [c] = check_constraints({"industries": ["ai"]}, {"industries": ["ic-power"]})
    assert c.met is False


def test_ticket_ranges_overlap():
    [c] = check_constraints(
        {"ticket_min": 20_000_000, "ticket_max": 20_000_000},
        {"ticket_min": 5_000_000, "ticket_max": 30_000_000},
    )
    assert c.met is True
    [c] = check_constraints({"ticket_max": 100_000_000}, {"ticket_min": 1_000_000, "ticket_max": 5_000_000})
    assert c.met is False


def test_must_marks_checks_hard():
    checks = check_constraints({"budget_max": 1, "min_trl": 3}, {}, must=frozenset({"min_trl"}))
    assert {c.code: c.hard for c in checks} == {"budget_covers_price": False, "trl_at_least": True}


def test_garbage_field_values_give_unknown_not_errors():
    checks = check_constraints(
        {"budget_max": "lots", "area_sqm": 100}, {"price_min": "n/a", "area_sqm": None}
    )
    assert all(c.met is None for c in checks)
