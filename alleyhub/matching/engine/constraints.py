"""Structured facts: reading them out of free text, and checking a query's needs against a document.

Pure functions; money is in 元, areas in ㎡, rents in 元/㎡/天, dates as ISO strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .types import ConstraintCheck

_NUM = r"(\d+(?:[.,]\d+)?)"
_MONEY_UNIT = r"(亿元|亿|千万|百万|万元|万|千元|千|[kK]|[wW]|million|mn|m|M|元|块|yuan|rmb|RMB)?"
_SEP = r"\s*(?:-|–|~|～|到|至|to)\s*"
_MULT = {
    "亿": 1e8,
    "亿元": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "万元": 1e4,
    "w": 1e4,
    "W": 1e4,
    "千": 1e3,
    "千元": 1e3,
    "k": 1e3,
    "K": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "M": 1e6,
}
_FILLER = r"(?:\s|约|大约|大概|在|为|是|：|:|不超过|不高于|最多|控制在|以内|上限|around|about|approx\.?|of|up\s+to|under|below|max(?:imum)?|at\s+most|RMB|rmb|CNY|¥|￥)*"


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _money(value: str, unit: str | None, default_unit: str | None = None) -> int:
    unit = unit or default_unit or ""
    return int(round(_num(value) * _MULT.get(unit, 1.0)))


def _money_range(m: re.Match[str]) -> tuple[int, int]:
    """Groups: a, unit_a, b, unit_b (b optional). "30-50万" reads both ends in 万."""
    a, ua, b, ub = m.group("a"), m.group("ua"), m.group("b"), m.group("ub")
    if b is None:
        v = _money(a, ua)
        return v, v
    return _money(a, ua or ub), _money(b, ub or ua)


def _money_pattern(lead: str) -> re.Pattern[str]:
    return re.compile(
        lead + _FILLER + rf"{_NUM.replace('(', '(?P<a>', 1)}\s*(?P<ua>{_MONEY_UNIT[1:-2]})?"
        rf"(?:{_SEP}{_NUM.replace('(', '(?P<b>', 1)}\s*(?P<ub>{_MONEY_UNIT[1:-2]})?)?",
        re.IGNORECASE,
    )


_AREA = re.compile(
    rf"{_NUM}(?:{_SEP}{_NUM})?\s*(?:平方米|平米|平方(?!公里)|平(?![台均方衡稳])|㎡|m²|m2|sqm|sq\.?\s?m\b|square\s+met(?:er|re)s?)",
    re.IGNORECASE,
)
_RENT = re.compile(
    rf"{_NUM}\s*(?:元|块|yuan|rmb)?\s*(?:/|每)\s*(?:㎡|平方米|平米|平|m²|m2|sqm|sq\.?\s?m)\s*(?:/|每|·|\*)\s*(?:天|日|day)",
    re.IGNORECASE,
)
_RENT_SPOKEN = re.compile(
    rf"(?:每天|每日|一天|日租金?)\s*(?:租金)?\s*{_NUM}\s*(?:块|元)(?:钱)?\s*(?:每|一|/)?\s*(?:个)?(?:平米|平方米|平方|平|㎡)",
)
_MONTHLY = re.compile(
    rf"(?:{_NUM}\s*({_MONEY_UNIT[1:-2]})?\s*(?:元)?\s*(?:/|每|per\s+|a\s+)\s*(?:个)?(?:月|month|mo\b))"
    rf"|(?:(?:月租金?|每月|月预算|monthly(?:\s+rent|\s+budget)?(?:\s+of)?)\s*(?:预算)?{_FILLER}{_NUM}\s*({_MONEY_UNIT[1:-2]})?)",
    re.IGNORECASE,
)
_BUDGET = _money_pattern(r"(?:预算|经费|研发投入|资金|budget(?:\s+is)?)")
_PRICE = _money_pattern(
    r"(?:许可费|转让费|转让价格?|报价|价格|售价|授权费|使用费|收费|licen[cs](?:e|ing)\s+fee|price|asking|fee)"
)
_TICKET = _money_pattern(
    r"(?:单笔投资(?:金额)?|单笔|投资金额|投资规模|ticket(?:\s+size)?s?|cheque|check\s+size)"
)
_RAISE = _money_pattern(r"(?:融资|募资|拟融|raise|raising|funding\s+(?:round\s+)?of|seeking)")
_TRL = re.compile(
    r"(?P<pre>≥|>=|至少|不低于|不少于|at\s+least|minimum|min\.?)?\s*(?:TRL|技术成熟度(?:等级)?|成熟度)\s*(?:等级)?\s*"
    r"(?:为|达到|达|在|:|：|level|of|=)?\s*(?P<n>[1-9])(?:\s*(?:-|~|到|至)\s*[1-9])?\s*(?:级)?\s*"
    r"(?P<post>以上|及以上|或以上|\+|or\s+(?:above|higher|more)|and\s+above|及更高)?",
    re.IGNORECASE,
)
_VOLT = re.compile(
    r"(?:(?:耐压|额定电压|击穿电压|阻断电压|电压等级|电压|withstand(?:ing)?\s+voltage|breakdown\s+voltage|rated(?:\s+voltage)?)"
    rf"{_FILLER}{_NUM}\s*(k)?V(?![A-Za-z]))|(?:(?<![A-Za-z0-9.]){_NUM}\s*(k)?V(?![A-Za-z]))",
)
_DATE = re.compile(r"(20\d\d)\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)?\s*(?:(\d{1,2})\s*日?)?")

_SPACE_KINDS = [
    ("office", r"办公|写字楼|\boffices?\b"),
    ("lab", r"实验室|洁净室|\blab(?:oratory|s)?\b|clean\s?room|中试车间|研发场地"),
    ("maker_space", r"众创空间|工位|联合办公|共享办公|创客|co-?working|maker\s?space|hot\s?desks?"),
    (
        "event_venue",
        r"活动场地|会场|路演厅|报告厅|多功能厅|会议厅|展厅|event\s+(?:venue|space|hall)|venue|auditorium",
    ),
]
_SUBDISTRICTS = {
    "华阳路街道": r"华阳路?街道|华阳|huayang",
    "江苏路街道": r"江苏路街道|jiangsu\s+road\s+subdistrict",
    "新华路街道": r"新华路街道|xinhua\s+road\s+subdistrict",
    "周家桥街道": r"周家桥|zhoujiaqiao",
    "天山路街道": r"天山路街道|tianshan\s+road\s+subdistrict",
    "仙霞新村街道": r"仙霞|xianxia",
    "虹桥街道": r"虹桥街道|hongqiao\s+subdistrict",
    "程家桥街道": r"程家桥|chengjiaqiao",
    "北新泾街道": r"北新泾|beixinjing",
    "新泾镇": r"新泾镇|xinjing\s+town",
}
_STAGES = [
    ("seed", r"种子|天使|\bseed\b|\bangels?\b"),
    ("startup", r"pre-?a轮?|(?<![A-Za-z])a\+?轮|初创期|初创|start-?up\s+stage|early[- ]stage|series\s+a\b"),
    (
        "growth",
        r"(?<![A-Za-z])[bc]\+?轮|成长期|扩张期|growth(?:[- ]stage)?|series\s+[bcd]\b|series\s+a\s*(?:-|–|to)\s*[bcd]\b|expansion",
    ),
    ("mature", r"pre-?ipo|成熟期|并购|上市前|mature|late[- ]stage|buyout"),
]
_MODES = [
    ("transfer", r"技术转让|专利转让|转让|\btransfer\b|\bassignment\b|outright\s+sale"),
    ("licence", r"许可|授权使用|licen[cs](?:e|ing)"),
    (
        "joint_development",
        r"联合开发|合作开发|共同研发|联合研发|委托开发|joint\s+(?:development|r&d)|co-?develop",
    ),
    (
        "equity",
        r"作价入股|技术入股|以技术入股|equity\s+(?:stake|investment|participation)|in\s+exchange\s+for\s+equity",
    ),
]
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_lang(text: str) -> str:
    """ "zh" when the text has a fair share of Chinese characters, else "en"."""
    cjk = len(_CJK.findall(text or ""))
    latin = len(_LATIN.findall(text or ""))
    return "zh" if cjk and cjk * 3 >= latin * 0.5 else ("en" if latin else "zh" if cjk else "")


def extract_constraints(text: str) -> dict[str, Any]:
    """Read numbers-with-units and a few category words out of free text.

    Returns only what the text states, in the shared field vocabulary: area_sqm,
    rent_per_sqm_day, monthly_budget, budget_min/budget_max, price_min/price_max,
    ticket_min/ticket_max, trl or min_trl, voltage_v, space_kind, subdistrict, stages (and
    stage when exactly one), modes, available_from, lang. Never raises on odd input.
    """
    if not isinstance(text, str) or not text.strip():
        return {}
    text = text[:20000]
    out: dict[str, Any] = {}
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(m.start() < b and a < m.end() for a, b in taken)

    for pat in (_RENT, _RENT_SPOKEN):
        for m in pat.finditer(text):
            out.setdefault("rent_per_sqm_day", _num(m.group(1)))
            taken.append(m.span())
    for m in _MONTHLY.finditer(text):
        if not free(m):
            continue
        if m.group(1) is not None:
            monthly = _money(m.group(1), m.group(2))
        else:
            monthly = _money(m.group(3), m.group(4))
        out.setdefault("monthly_budget", monthly)
        taken.append(m.span())
    for m in _AREA.finditer(text):
        if not free(m):
            continue
        a = _num(m.group(1))
        b = _num(m.group(2)) if m.group(2) else a
        if 1 <= a <= 1_000_000:
            after = text[m.end() : m.end() + 6]
            if m.group(2) is None and re.match(
                r"\s*(?:以上|起|及以上|或以上|\+|or\s+more|at\s+least)", after, re.I
            ):
                out.setdefault("area_min", a)  # "1000平以上" is a floor, not a target
            else:
                out.setdefault("area_sqm", round((a + b) / 2, 1))
            taken.append(m.span())
    for key, pat in (("budget", _BUDGET), ("price", _PRICE), ("ticket", _TICKET), ("ticket", _RAISE)):
        for m in pat.finditer(text):
            if not free(m):
                continue
            tail = text[m.end() : m.end() + 4]
            if re.match(r"\s*(?:/|每|per)\s*(?:个)?(?:月|month)", tail):
                continue
            lo, hi = _money_range(m)
            if lo <= 0:
                continue
            if f"{key}_max" not in out:
                if key == "budget" and m.group("b") is None:
                    out["budget_max"] = hi  # "预算30万" is a ceiling
                else:
                    out[f"{key}_min"], out[f"{key}_max"] = min(lo, hi), max(lo, hi)
            taken.append(m.span())
    for m in _TRL.finditer(text):
        n = int(m.group("n"))
        if m.group("pre") or m.group("post"):
            out.setdefault("min_trl", n)
        else:
            out.setdefault("trl", n)
    for m in _VOLT.finditer(text):
        if m.group(1) is not None:
            v, k = _num(m.group(1)), m.group(2)
        else:
            v, k = _num(m.group(3)), m.group(4)
        v = v * 1000 if k else v
        if 3 <= v <= 1_000_000:
            out.setdefault("voltage_v", v)
    first: tuple[int, str] | None = None
    for kind, kind_pattern in _SPACE_KINDS:
        found_kind = re.search(kind_pattern, text, re.IGNORECASE)
        if found_kind and (first is None or found_kind.start() < first[0]):
            first = (found_kind.start(), kind)
    if first:
        out["space_kind"] = first[1]
    for name, name_pattern in _SUBDISTRICTS.items():
        if re.search(name_pattern, text, re.IGNORECASE):
            out["subdistrict"] = name
            break
    found = [
        (hit.start(), hit.end(), s)
        for s, pattern in _STAGES
        for hit in re.finditer(pattern, text, re.IGNORECASE)
    ]
    stages = [s for s, _pat in _STAGES if any(f[2] == s for f in found)]
    if len(stages) >= 2:
        # "天使轮至B轮", "seed to Series A", "A轮-C轮": a range covers the stages in between
        order = [s for s, _pat in _STAGES]
        found.sort()
        lo_end, hi_start = found[0][1], found[-1][0]
        if re.search(r"至|到|\bto\b|–|~|-|—", text[lo_end : hi_start + 1], re.IGNORECASE):
            i, j = order.index(stages[0]), order.index(stages[-1])
            stages = order[i : j + 1]
    if stages:
        out["stages"] = stages
        if len(stages) == 1:
            out["stage"] = stages[0]
    modes = [s for s, pattern in _MODES if re.search(pattern, text, re.IGNORECASE)]
    if modes:
        out["modes"] = modes
    date = re.search(
        r"(20\d\d)\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)?\s*(?:(\d{1,2})\s*日?)?\s*(?:起|之后|以后|后|可入驻|入驻|交付|可用)",
        text,
    ) or re.search(
        r"(?:available|move[- ]in|from)\s+(?:from\s+)?(20\d\d)-(\d{1,2})(?:-(\d{1,2}))?", text, re.I
    )
    if date:
        y, mo, d = int(date.group(1)), int(date.group(2)), int(date.group(3) or 1)
        if 1 <= mo <= 12 and 1 <= d <= 31:
            out["available_from"] = f"{y:04d}-{mo:02d}-{d:02d}"
    lang = detect_lang(text)
    if lang:
        out["lang"] = lang
    return out


# ---------------------------------------------------------------- checks


def _f(v: Any) -> float | None:
    try:
        if v is None or v == "" or isinstance(v, bool):
            return None
        return float(v)
    except (TypeError, ValueError):
        return None


def _number(v: float | None) -> float:
    """A query value the check needs; TypeError (the Checker's "cannot check") when it is not a
    number."""
    if v is None:
        raise TypeError("not a number")
    return v


def _lst(v: Any) -> list[str]:
    if v is None or v == "":
        return []
    if isinstance(v, str):
        return [v]
    try:
        return [str(x) for x in v]
    except TypeError:
        return [str(v)]


def _code_overlap(a: list[str], b: list[str]) -> bool:
    # "ic" covers "ic-power": one code being a prefix of the other counts as overlap.
    return any(x == y or y.startswith(x + "-") or x.startswith(y + "-") for x in a for y in b)


@dataclass(frozen=True)
class Rule:
    code: str
    field: str  # the query field that triggers the rule (what ``Query.must`` names)
    doc_fields: tuple[str, ...]
    check: Callable[[dict[str, Any], dict[str, Any]], tuple[Any, Any, bool | None]]


def _first(d: dict[str, Any], *names: str) -> Any:
    for n in names:
        v = d.get(n)
        if v not in (None, "", []):
            return v
    return None


def _budget(q, d):
    want = _f(q.get("budget_max"))
    price = _f(_first(d, "price_min", "price_max"))
    return want, price, None if price is None else price <= _number(want)


def _price(q, d):
    want = _f(_first(q, "price_min", "price_max"))
    budget = _f(_first(d, "budget_max", "budget_min"))
    return want, budget, None if budget is None else budget >= _number(want)


def _trl(q, d):
    want = _f(q.get("min_trl"))
    have = _f(d.get("trl"))
    return want, have, None if have is None else have >= _number(want)


def _trl_rev(q, d):
    have = _f(q.get("trl"))
    want = _f(d.get("min_trl"))
    return have, want, None if want is None else _number(have) >= want


def _industry(q, d):
    want, have = _lst(q.get("industries")), _lst(d.get("industries"))
    return want, have or None, None if not have else _code_overlap(want, have)


def _modes(q, d):
    want = _lst(_first(q, "wanted_modes", "modes"))
    have = _lst(_first(d, "modes", "wanted_modes"))
    return want, have or None, None if not have else bool(set(want) & set(have))


def _stage(q, d):
    want = _lst(_first(q, "stage", "stages"))
    have = _lst(_first(d, "stages", "stage"))
    return want, have or None, None if not have else bool(set(want) & set(have))


def _ticket(q, d):
    lo, hi = _f(q.get("ticket_min")), _f(q.get("ticket_max"))
    lo = lo if lo is not None else hi
    hi = hi if hi is not None else lo
    dlo, dhi = _f(d.get("ticket_min")), _f(d.get("ticket_max"))
    want = [lo, hi]
    if dlo is None and dhi is None:
        return want, None, None
    dlo = dlo if dlo is not None else 0.0
    dhi = dhi if dhi is not None else float("inf")
    return want, [d.get("ticket_min"), d.get("ticket_max")], _number(lo) <= dhi and _number(hi) >= dlo


def _area(q, d):
    want, have = _f(q.get("area_sqm")), _f(d.get("area_sqm"))
    return want, have, None if have is None else abs(have - _number(want)) <= 0.25 * _number(want)


def _area_min(q, d):
    want, have = _f(q.get("area_min")), _f(d.get("area_sqm"))
    return want, have, None if have is None else have >= _number(want)


def _monthly(q, d):
    want = _f(q.get("monthly_budget"))
    cost = _f(d.get("monthly_rent"))
    if cost is None:
        area, rent = _f(d.get("area_sqm")), _f(d.get("rent_per_sqm_day"))
        cost = None if area is None or rent is None else round(area * rent * 30.4)
    return want, cost, None if cost is None else cost <= _number(want) * 1.05


def _rent(q, d):
    want, have = _f(q.get("rent_per_sqm_day")), _f(d.get("rent_per_sqm_day"))
    return want, have, None if have is None else have <= _number(want)


def _eq(name):
    def check(q, d):
        want, have = q.get(name), d.get(name)
        if have in (None, "", []):
            return want, None, None
        return want, have, bool(set(_lst(want)) & set(_lst(have)))

    return check


def _available(q, d):
    want, have = str(q.get("available_from")), d.get("available_from")
    return want, have, None if not have else str(have)[:10] <= want[:10]


def _voltage(q, d):
    want, have = _f(q.get("voltage_v")), _f(d.get("voltage_v"))
    return want, have, None if have is None else have >= _number(want)


RULES: tuple[Rule, ...] = (
    Rule("budget_covers_price", "budget_max", ("price_min", "price_max"), _budget),
    Rule("budget_covers_price", "price_min", ("budget_max",), _price),
    Rule("trl_at_least", "min_trl", ("trl",), _trl),
    Rule("trl_at_least", "trl", ("min_trl",), _trl_rev),
    Rule("industry_overlap", "industries", ("industries",), _industry),
    Rule("mode_overlap", "wanted_modes", ("modes", "wanted_modes"), _modes),
    Rule("stage_fits", "stage", ("stages", "stage"), _stage),
    Rule("ticket_fits", "ticket_max", ("ticket_min", "ticket_max"), _ticket),
    Rule("area_fits", "area_sqm", ("area_sqm",), _area),
    Rule("area_at_least", "area_min", ("area_sqm",), _area_min),
    Rule("monthly_budget_fits", "monthly_budget", ("monthly_rent", "area_sqm", "rent_per_sqm_day"), _monthly),
    Rule("rent_fits", "rent_per_sqm_day", ("rent_per_sqm_day",), _rent),
    Rule("space_kind_is", "space_kind", ("space_kind",), _eq("space_kind")),
    Rule("subdistrict_is", "subdistrict", ("subdistrict",), _eq("subdistrict")),
    Rule("available_by", "available_from", ("available_from",), _available),
    Rule("category_is", "category", ("category",), _eq("category")),
    Rule("voltage_at_least", "voltage_v", ("voltage_v",), _voltage),
)

# Aliases so that a query may name either spelling in ``must``.
_FIELD_ALIASES = {
    "budget_min": "budget_max",
    "modes": "wanted_modes",
    "stages": "stage",
    "ticket_min": "ticket_max",
    "price_max": "price_min",
}


def query_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Normalise a query's fields to the rule triggers (modes→wanted_modes, stages→stage, ...)."""
    q = dict(fields)
    if "modes" in q and "wanted_modes" not in q:
        q["wanted_modes"] = q.pop("modes")
    if "stages" in q and "stage" not in q:
        q["stage"] = q.pop("stages")
    if "ticket_min" in q and "ticket_max" not in q:
        q["ticket_max"] = q["ticket_min"]
    if "price_max" in q and "price_min" not in q:
        q["price_min"] = q["price_max"]
    return q


class Checker:
    """The rules a query triggers, prepared once and applied to many documents."""

    def __init__(self, qfields: dict[str, Any], must: frozenset[str] | set[str] = frozenset()):
        self.q = query_fields(qfields)
        hard_fields = {_FIELD_ALIASES.get(m, m) for m in must}
        self.rules = [(r, r.field in hard_fields) for r in RULES if self.q.get(r.field) not in (None, "", [])]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def __call__(self, dfields: dict[str, Any]) -> list[ConstraintCheck]:
        out: list[ConstraintCheck] = []
        q = self.q
        for rule, hard in self.rules:
            try:
                wanted, actual, met = rule.check(q, dfields)
            except (TypeError, ValueError):
                wanted, actual, met = q.get(rule.field), None, None
            out.append(ConstraintCheck(rule.field, wanted, actual, met, hard, rule.code))
        return out


def check_constraints(
    qfields: dict[str, Any], dfields: dict[str, Any], must: frozenset[str] | set[str] = frozenset()
) -> list[ConstraintCheck]:
    """Every rule whose trigger the query states, checked against the document's fields."""
    return Checker(qfields, must)(dfields)


def fit_score(checks: list[ConstraintCheck]) -> float:
    """Share of soft checks met minus share missed, in [-1, 1]; unknowns count as neither."""
    soft = [c for c in checks if not c.hard] or checks
    if not soft:
        return 0.0
    met = sum(1 for c in soft if c.met is True)
    missed = sum(1 for c in soft if c.met is False)
    return (met - missed) / len(soft)
