"""Explanations are rendered in the reader's language from the stored codes."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from alleyhub.matching.engine import ConstraintCheck, Explanation
from alleyhub.matching.explain import explanation_view, format_money

pytestmark = pytest.mark.django_db

EXPLANATION = Explanation(
    shared_terms=["SiC=碳化硅", "功率模块"],
    semantic=0.8712,
    lexical=3.2,
    fit=0.0,
    constraints=[
        ConstraintCheck("budget_max", 300_000, 500_000, False, False, "budget_covers_price"),
        ConstraintCheck("min_trl", 6, 7, True, True, "trl_at_least"),
        ConstraintCheck("wanted_modes", ["licence"], None, None, False, "mode_overlap"),
        ConstraintCheck("area_sqm", 200, 180.5, True, False, "area_fits"),
    ],
).to_dict()


def test_chinese_sentences_with_amounts_in_wan():
    with translation.override("zh-hans"):
        view = explanation_view(EXPLANATION)
        lines = [str(c) for c in view.constraints]
    assert lines[0] == "预算 30万元，报价 50万元：不满足"
    assert lines[1] == "技术成熟度 TRL 7，要求不低于 6：满足"
    assert lines[2] == "合作方式：—（期望 许可）：未说明"
    assert lines[3] == "面积 180.5㎡，需要约 200㎡：满足"
    assert view.semantic_words == "接近" and view.semantic == 0.871


def test_english_sentences_with_amounts_in_yuan():
    with translation.override("en"):
        view = explanation_view(EXPLANATION)
        lines = [str(c) for c in view.constraints]
        words = view.semantic_words
    assert lines[0] == "Budget ¥300,000, price ¥500,000: not met"
    assert lines[1] == "TRL 7, at least 6 required: met"
    assert lines[2].endswith(": not stated")
    assert words == "close"


def test_money_formats():
    with translation.override("zh-hans"):
        assert [format_money(v) for v in (5000, 300_000, 1_500_000, 250_000_000, None)] == [
            "5000元",
            "30万元",
            "150万元",
            "2.5亿元",
            "—",
        ]
    with translation.override("en"):
        assert format_money(1_500_000) == "¥1,500,000"


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "x",
        {},
        {"constraints": "nope"},
        {"constraints": [1, {"code": "??"}]},
        {"semantic": "high", "lexical": "x"},
    ],
)
def test_malformed_explanations_render_what_they_can(bad):
    view = explanation_view(bad)
    assert view.semantic is None or isinstance(view.semantic, float)
    html = render_to_string("matching/explanation.html#explanation", {"explanation": bad})
    assert "match-explanation" in html


def test_the_partial_renders_terms_closeness_and_checks_in_both_languages():
    with translation.override("zh-hans"):
        zh = render_to_string("matching/explanation.html#explanation", {"explanation": EXPLANATION})
    with translation.override("en"):
        en = render_to_string("matching/explanation.html#explanation", {"explanation": EXPLANATION})
    assert "共同关键词" in zh and "SiC=碳化硅" in zh and "接近（0.87）" in zh
    assert "预算 30万元，报价 50万元：不满足" in zh
    assert 'class="missed"' in zh and 'class="met hard"' in zh
    assert "Shared terms" in en and "Semantic closeness" in en and "close" in en
    assert "<mark>SiC</mark>" in en and "功率模块" not in en  # an English page shows the English side
    assert "Budget ¥300,000, price ¥500,000: not met" in en
