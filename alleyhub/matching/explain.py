"""Explanations in the reader's language.

The engine returns an `Explanation` dict with stable codes; this module turns it into sentences
with gettext ("预算 30万元，报价 50万元：不满足" / "Budget ¥300,000, price ¥500,000: not met"),
so stored matches are explained in whatever language the reader uses today."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from alleyhub.catalogue.models import ServiceCategory
from alleyhub.core.models import current_language_code
from alleyhub.directory.models import Industry, LifecycleStage
from alleyhub.listings.models import CooperationMode
from alleyhub.spaces.models import SpaceKind

logger = logging.getLogger(__name__)


def format_money(value: Any) -> str:
    """Amounts in 元: "30万元" / "1.5亿元" in Chinese, "¥300,000" in English."""
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return "—"
    if current_language_code() == "en":
        return "¥" + number_format(round(amount), decimal_pos=0, force_grouping=True)
    if amount >= 1e8:
        return _("%(n)s亿元") % {"n": _trim(amount / 1e8)}
    if amount >= 1e4:
        return _("%(n)s万元") % {"n": _trim(amount / 1e4)}
    return _("%(n)s元") % {"n": _trim(amount)}


def _trim(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _num(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return _trim(value)
    return str(value)


def _labels(values: Any, choices: dict[str, str]) -> str:
    if values is None:
        return "—"
    if not isinstance(values, list | tuple):
        values = [values]
    return _("、").join(str(choices.get(str(v), v)) for v in values) or "—"


_CHOICES: dict[str | None, dict[str, dict[str, str]]] = {}


def _choices() -> dict[str, dict[str, str]]:
    """The choice labels in the current language, built once per language (they are fixed in the
    code): a list of matches asks for them for every constraint it explains."""
    language = get_language()
    if language not in _CHOICES:
        _CHOICES[language] = _build_choices()
    return _CHOICES[language]


def _build_choices() -> dict[str, dict[str, str]]:
    return {
        "modes": {c.value: str(c.label) for c in CooperationMode},
        "stages": {c.value: str(c.label) for c in LifecycleStage},
        "space_kind": {c.value: str(c.label) for c in SpaceKind},
        "category": {c.value: str(c.label) for c in ServiceCategory},
    }


_INDUSTRIES: dict[str, Any] = {"at": 0.0, "by_code": {}}
INDUSTRIES_FOR_SECONDS = 60


def _industries_by_code(codes: tuple[str, ...] | list[str] = ()) -> dict[str, Industry]:
    """Every industry by code, read once a minute per process: a list of matches explains many
    constraints, and a query per explanation was most of the queries of "my matches". The tree
    of ~20 industries changes only in the admin: a change in this process is seen at once (the
    signal below), one in another worker within a minute; an unknown code reads them again."""
    now = time.monotonic()
    by_code = _INDUSTRIES["by_code"]
    if now - _INDUSTRIES["at"] > INDUSTRIES_FOR_SECONDS or any(c not in by_code for c in codes):
        _INDUSTRIES["by_code"] = {i.code: i for i in Industry.objects.all()}
        _INDUSTRIES["at"] = now
    return _INDUSTRIES["by_code"]


def _forget_industries(**kwargs) -> None:
    _INDUSTRIES["at"] = 0.0


post_save.connect(_forget_industries, sender=Industry, dispatch_uid="matching.explain.industries")
post_delete.connect(_forget_industries, sender=Industry, dispatch_uid="matching.explain.industries.del")


def _industry_names(codes: Any) -> str:
    if not codes:
        return "—"
    codes = [str(c) for c in (codes if isinstance(codes, list | tuple) else [codes])]
    by_code = _industries_by_code(codes)
    return _("、").join(by_code[c].localized_name if c in by_code else c for c in codes)


def _ticket(value: Any) -> str:
    if not isinstance(value, list | tuple) or len(value) != 2:
        return format_money(value)
    lo, hi = value
    if lo is None and hi is None:
        return "—"
    if hi is None:
        return _("%(min)s 起") % {"min": format_money(lo)}
    if lo is None:
        return _("至多 %(max)s") % {"max": format_money(hi)}
    if lo == hi:
        return format_money(lo)
    return _("%(min)s–%(max)s") % {"min": format_money(lo), "max": format_money(hi)}


def constraint_sentence(check: dict[str, Any]) -> str:
    """One sentence for one constraint check, without its verdict."""
    code, fld = check.get("code", ""), check.get("field", "")
    wanted, actual = check.get("wanted"), check.get("actual")
    choices = _choices()
    if code == "budget_covers_price":
        if fld == "price_min":
            return _("报价 %(price)s，对方预算 %(budget)s") % {
                "price": format_money(wanted),
                "budget": format_money(actual),
            }
        return _("预算 %(budget)s，报价 %(price)s") % {
            "budget": format_money(wanted),
            "price": format_money(actual),
        }
    if code == "trl_at_least":
        if fld == "trl":
            return _("技术成熟度 TRL %(have)s，对方要求不低于 %(want)s") % {
                "have": _num(wanted),
                "want": _num(actual),
            }
        return _("技术成熟度 TRL %(have)s，要求不低于 %(want)s") % {
            "have": _num(actual),
            "want": _num(wanted),
        }
    if code == "industry_overlap":
        return _("产业领域：%(have)s（需要 %(want)s）") % {
            "have": _industry_names(actual),
            "want": _industry_names(wanted),
        }
    if code == "mode_overlap":
        return _("合作方式：%(have)s（期望 %(want)s）") % {
            "have": _labels(actual, choices["modes"]),
            "want": _labels(wanted, choices["modes"]),
        }
    if code == "stage_fits":
        return _("发展阶段：%(want)s，对方关注 %(have)s") % {
            "want": _labels(wanted, choices["stages"]),
            "have": _labels(actual, choices["stages"]),
        }
    if code == "ticket_fits":
        return _("所需金额 %(want)s，单笔投资范围 %(have)s") % {
            "want": _ticket(wanted),
            "have": _ticket(actual),
        }
    if code == "area_fits":
        return _("面积 %(have)s㎡，需要约 %(want)s㎡") % {"have": _num(actual), "want": _num(wanted)}
    if code == "monthly_budget_fits":
        return _("月租 %(have)s，月预算 %(want)s") % {
            "have": format_money(actual),
            "want": format_money(wanted),
        }
    if code == "rent_fits":
        return _("租金 %(have)s 元/㎡/天，上限 %(want)s") % {"have": _num(actual), "want": _num(wanted)}
    if code == "space_kind_is":
        return _("空间类型：%(have)s（需要 %(want)s）") % {
            "have": _labels(actual, choices["space_kind"]),
            "want": _labels(wanted, choices["space_kind"]),
        }
    if code == "subdistrict_is":
        return _("所在街道：%(have)s（需要 %(want)s）") % {"have": _num(actual), "want": _num(wanted)}
    if code == "available_by":
        return _("可入驻日期 %(have)s，需要 %(want)s 前") % {"have": _num(actual), "want": _num(wanted)}
    if code == "category_is":
        return _("服务类别：%(have)s（需要 %(want)s）") % {
            "have": _labels(actual, choices["category"]),
            "want": _labels(wanted, choices["category"]),
        }
    if code == "voltage_at_least":
        return _("耐压 %(have)sV，需要不低于 %(want)sV") % {"have": _num(actual), "want": _num(wanted)}
    return _("%(field)s：%(have)s（需要 %(want)s）") % {
        "field": fld,
        "have": _num(actual),
        "want": _num(wanted),
    }


def verdict(met: bool | None) -> str:
    if met is True:
        return _("满足")
    if met is False:
        return _("不满足")
    return _("未说明")


def semantic_words(similarity: float | None) -> str:
    """multilingual-e5 cosines sit between about 0.7 and 0.95; the words follow that scale."""
    if similarity is None:
        return ""
    if similarity >= 0.88:
        return _("非常接近")
    if similarity >= 0.83:
        return _("接近")
    if similarity >= 0.78:
        return _("有些相关")
    return _("相距较远")


@dataclass
class ConstraintLine:
    text: str
    verdict: str
    met: bool | None
    hard: bool

    def __str__(self) -> str:
        return _("%(sentence)s：%(verdict)s") % {"sentence": self.text, "verdict": self.verdict}


@dataclass
class ExplanationView:
    shared_terms: list[str] = field(default_factory=list)
    semantic: float | None = None
    semantic_words: str = ""
    lexical: float = 0.0
    fit: float = 0.0
    constraints: list[ConstraintLine] = field(default_factory=list)

    @property
    def shared_terms_text(self) -> str:
        return _("、").join(self.shared_terms)

    def as_dict(self) -> dict[str, Any]:
        return {
            "shared_terms": self.shared_terms,
            "semantic": self.semantic,
            "semantic_words": self.semantic_words,
            "lexical": self.lexical,
            "fit": self.fit,
            "constraints": [
                {"text": str(c), "sentence": c.text, "verdict": c.verdict, "met": c.met, "hard": c.hard}
                for c in self.constraints
            ],
        }


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _terms_in_reader_script(terms: list[str]) -> list[str]:
    """An English page shows no Chinese tokens among the shared terms: a cross-language match
    ("SiC=碳化硅") shows its English side, a Chinese-only term is left out (the index holds the
    English names of the same industries and synonyms, so English terms are there as well)."""
    if current_language_code() != "en":
        return terms
    shown = []
    for term in terms:
        parts = [p for p in term.split("=") if p and not _HAN.search(p)]
        if parts:
            shown.append("=".join(parts))
    return shown


def explanation_view(data: dict[str, Any] | None) -> ExplanationView:
    """Readable form of an `Explanation.to_dict()` in the active language. Never raises on
    malformed data (an old or hand-edited record shows what can be read)."""
    if not isinstance(data, dict):
        return ExplanationView()
    semantic = data.get("semantic")
    try:
        semantic = None if semantic is None else round(float(semantic), 3)
    except (TypeError, ValueError):
        semantic = None
    lines = []
    for check in data.get("constraints") or []:
        if not isinstance(check, dict):
            continue
        try:
            sentence = constraint_sentence(check)
        except Exception:  # a malformed check must not break a page
            logger.warning("Unreadable constraint check %r", check, exc_info=True)
            continue
        met = check.get("met")
        lines.append(ConstraintLine(sentence, verdict(met), met, bool(check.get("hard"))))
    try:
        lexical, fit = float(data.get("lexical") or 0.0), float(data.get("fit") or 0.0)
    except (TypeError, ValueError):
        lexical, fit = 0.0, 0.0
    return ExplanationView(
        shared_terms=_terms_in_reader_script([str(t) for t in (data.get("shared_terms") or [])])[:12],
        semantic=semantic,
        semantic_words=semantic_words(semantic),
        lexical=lexical,
        fit=fit,
        constraints=lines,
    )
