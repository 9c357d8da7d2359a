"""The texts of generated technology outcomes and demands, composed from a sector's templates
(`directory.demo.data.sectors`) and the phrases in `data/phrases.py`, in Chinese and English.

Nothing here is random by itself: the generators pass their own `random.Random`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from alleyhub.directory.demo.data.sectors import Pair, Sector

from .data.demand_titles import DEMAND_TITLES
from .data.phrases import (
    DEMAND_CONTEXT,
    DEMAND_EXTRAS,
    DEMAND_TITLE_VARIANTS,
    METRIC_VALUES,
    MODE_WORDS,
    MONTHS,
    OUTCOME_SCENES,
    SOFTWARE_PILOTS,
    TITLE_VARIANTS,
    VERIFIED_BY_TRL,
    VERIFIED_SOFTWARE,
)


def _fill(template: str, values: dict[str, Pair], lang: int) -> str:
    return template.format(**{k: v[lang] for k, v in values.items()})


def _slot_values(rng: random.Random, slots: dict[str, list[Pair]], template: str) -> dict[str, Pair]:
    return {name: rng.choice(options) for name, options in slots.items() if "{" + name + "}" in template}


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _metric(rng: random.Random, template: Pair) -> Pair:
    zh, en = template
    values = {}
    for key in dict.fromkeys(_PLACEHOLDER.findall(zh)):
        v = rng.choice(METRIC_VALUES[key])
        values[key] = (v, v)
    return _fill(zh, values, 0), _fill(en, values, 1)


def lower_first(text: str) -> str:
    # Keep acronyms (SiC, MEMS, 5G) as they are; lower-case an ordinary first word.
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text


def _variant(rng: random.Random, variants: list[Pair], title: Pair, **extra: str) -> Pair:
    zh_t, en_t = title
    if zh_t.startswith(("面向", "基于")):  # "低成本面向…" reads badly: only suffix variants
        variants = [v for v in variants if v[0].startswith("{zh}")]
    if any(word in zh_t for word in ("方法", "工艺", "技术")):  # no "…方法及其制备方法", "…技术关键技术"
        variants = [v for v in variants if "及其" not in v[0] and "关键技术" not in v[0]]
    if "及" in zh_t:  # no "…芯片及晶圆级封装及其…"
        variants = [v for v in variants if "及其" not in v[0]]
    if "面向" in zh_t or "用" in zh_t or "基于" in zh_t or " for " in en_t:  # already names its use
        variants = [v for v in variants if "{scene}" not in v[0]]
    if "：" in zh_t or "求" in zh_t:  # no "求助：…：…", "求助：…，求…"
        variants = [v for v in variants if "求助" not in v[0]]
    if any(
        word in zh_t for word in ("系统", "平台", "模型", "方案", "工具", "雷达")
    ):  # not "…平台及其制备方法"
        variants = [v for v in variants if "及其" not in v[0] or "应用" in v[0]]
    if "（" in zh_t or "(" in en_t:
        variants = [v for v in variants if "（" not in v[0]]
    variants = [
        v for v in variants if all(("{" + k + "}") not in v[0] or k in extra for k in ("metric", "scene"))
    ]
    zh_v, en_v = rng.choice(variants)
    args = {"zh": zh_t, "en": en_t, "en_l": lower_first(en_t), **extra}
    en = en_v.format(**args)
    return zh_v.format(**args), en[0].upper() + en[1:]


@dataclass
class OutcomeText:
    title: Pair
    summary: Pair
    applications: Pair
    confidential: str
    keywords: str


def _ip_sentence(ip_status: str, patents: int) -> Pair:
    if ip_status == "patent_granted":
        n = max(patents, 1)
        return f"已获授权专利{n}项。", f"{n} Chinese patent{'s' if n > 1 else ''} granted."
    if ip_status == "patent_pending":
        return (
            "相关发明专利已进入实质审查。",
            "A Chinese invention patent application is under examination.",
        )
    if ip_status == "software_copyright":
        return "已登记软件著作权。", "The software is registered for copyright."
    if ip_status == "know_how":
        return "核心工艺以技术秘密方式保护。", "The key process is protected as know-how."
    return "", ""


def _headline(metric: Pair) -> Pair:
    """A measured result as it reads in a title: "信噪比达到68dB" → "信噪比68dB"."""
    return metric[0].replace("达到", ""), metric[1]


def outcome_text(
    rng: random.Random, sector: Sector, trl: int = 5, *, ip_status: str = "", patents: int = 0
) -> OutcomeText:
    entry = rng.choice(sector.outcomes)
    zh_t, en_t = entry[0], entry[1]
    method_ids = entry[2] if len(entry) > 2 else range(len(sector.methods))
    metric_ids = entry[3] if len(entry) > 3 else range(len(sector.metrics))
    values = _slot_values(rng, sector.slots, zh_t + en_t)
    method = sector.methods[rng.choice(list(method_ids))]
    chosen = rng.sample(list(metric_ids), k=min(2, len(metric_ids)))
    metrics = [_metric(rng, sector.metrics[i]) for i in chosen]
    if zh_t in OUTCOME_SCENES:
        scene_pool = [sc for sc in sector.scenes if sc[0] in OUTCOME_SCENES[zh_t]]
    elif len(entry) > 4:
        scene_pool = [sector.scenes[i] for i in entry[4]]
    else:
        scene_pool = sector.scenes
    scenes = rng.sample(scene_pool, k=min(len(scene_pool), rng.randint(2, 3)))
    how = ("实现方法", "its implementation") if sector.software else ("制备方法", "method of making it")
    headline = _headline(metrics[0])
    title = _variant(
        rng,
        TITLE_VARIANTS,
        (_fill(zh_t, values, 0), _fill(en_t, values, 1)),
        how=how[0],
        how_en=how[1],
        metric=headline[0],
        metric_en=headline[1],
        scene=scenes[0][0],
        scene_en=scenes[0][1],
    )
    scene_zh = "、".join(s[0] for s in scenes)
    scene_en = (
        ", ".join(s[1] for s in scenes[:-1]) + f" and {scenes[-1][1]}" if len(scenes) > 1 else scenes[0][1]
    )
    options = next(options for top, options in VERIFIED_BY_TRL if trl <= top)
    if sector.software and trl >= 8:
        options = VERIFIED_SOFTWARE
    elif sector.software and trl >= 6:
        options = SOFTWARE_PILOTS
    verified = rng.choice(options)
    ip_zh, ip_en = _ip_sentence(ip_status, patents)
    m_zh = "，".join(m[0] for m in metrics)
    m_en = " and ".join(m[1] for m in metrics)
    m_list_en = "; ".join(m[1] for m in metrics)
    pattern = rng.randrange(3)
    if pattern == 0:
        summary_zh = f"本成果{method[0]}，{m_zh}。{verified[0]}，可用于{scene_zh}等场景。{ip_zh}"
        summary_en = (
            f"This technology {method[1]}. Results: {m_en}. It has been {verified[1]} (TRL {trl}) and suits "
            f"{scene_en}. {ip_en}"
        )
    elif pattern == 1:
        summary_zh = (
            f"针对{scenes[0][0]}等应用，研发团队{method[0]}。实测{'；'.join(m[0] for m in metrics)}。"
            f"目前{verified[0]}（TRL {trl}）。{ip_zh}"
        )
        summary_en = (
            f"Developed for {scenes[0][1]} and similar uses, our approach {method[1]}. Measured: {m_list_en}. "
            f"Status: {verified[1]} (TRL {trl}). {ip_en}"
        )
    else:
        summary_zh = (
            f"该技术{method[0]}。关键指标：{'；'.join(m[0] for m in metrics)}。技术成熟度TRL {trl}，"
            f"{verified[0]}。{ip_zh}适用于{scene_zh}。"
        )
        summary_en = (
            f"The technology {method[1]}. Key figures: {m_list_en}. At TRL {trl}, it has been {verified[1]}. "
            f"{ip_en + ' ' if ip_en else ''}Suited to {scene_en}."
        )
    gains = [
        ("替代进口方案", "replaces imports"),
        ("降低成本", "lowers cost"),
        ("提升良率", "raises yield"),
        ("缩小体积", "shrinks size"),
        ("延长寿命", "extends life"),
    ]
    picked = [rng.choice(gains) for _ in scenes]
    apps_zh = "；".join(f"{s[0]}：{g[0]}" for s, g in zip(scenes, picked, strict=True))
    apps_en = "; ".join(f"{s[1]}: {g[1]}" for s, g in zip(scenes, picked, strict=True))
    secrets = rng.sample(sector.secrets, k=min(2, len(sector.secrets)))
    confidential = "；".join(secrets) + f"。详细技术资料（{rng.randint(12, 80)}页）在签署保密协议后提供。"
    keywords = " ".join(rng.sample(sector.keywords, k=min(4, len(sector.keywords))))
    return OutcomeText(
        title, (summary_zh.strip(), summary_en.strip()), (apps_zh, apps_en), confidential, keywords
    )


@dataclass
class DemandText:
    title: Pair
    description: Pair
    keywords: str


def _wan(yuan: int) -> str:
    """Yuan as 万元 the way people write it: 30, 7.5."""
    return f"{yuan / 10_000:.1f}".removesuffix(".0")


def _join_zh(words: list[str]) -> str:
    return "、".join(words[:-1]) + "或" + words[-1] if len(words) > 1 else words[0]


def _join_en(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]


def _demand_closers(rng, budget, deadline, modes, min_trl) -> tuple[list[str], list[str]]:
    """What a company adds after the problem: budget, deadline, how it wants to work, maturity."""
    zh, en = [], []
    if rng.random() < 0.75:
        if budget and budget[0]:
            lo, hi = budget
            choice = rng.randrange(3)
            zh.append(
                (
                    f"预算{_wan(lo)}–{_wan(hi)}万元。",
                    f"这个项目预算大概{_wan(lo)}到{_wan(hi)}万。",
                    f"预算上限{_wan(hi)}万元，可以按里程碑付款。",
                )[choice]
            )
            en.append(
                (f"Budget: RMB {lo:,}–{hi:,}.", f"We have RMB {lo:,} to {hi:,} set aside for this.",
                 f"Budget up to RMB {hi:,}, paid by milestone.")[choice]
            )  # fmt: skip
        else:
            zh.append("预算面议，看方案定。")
            en.append("The budget depends on the approach.")
    optional: list[Pair] = []
    if deadline:
        month = MONTHS[deadline.month - 1]
        optional.append(
            rng.choice(
                [
                    (
                        f"希望{deadline.year}年{deadline.month}月前拿到可验证的样品或方案。",
                        f"We need something we can test by {month} {deadline.year}.",
                    ),
                    (
                        f"{deadline.year}年{deadline.month}月底前需要出结果。",
                        f"Results are needed by the end of {month} {deadline.year}.",
                    ),
                ]
            )
        )
    if modes:
        optional.append(
            (
                f"合作方式倾向{_join_zh([MODE_WORDS[m][0] for m in modes])}。",
                f"We are open to {_join_en([MODE_WORDS[m][1] for m in modes])}.",
            )
        )
    if min_trl:
        optional.append(
            (
                f"最好是已经过中试验证的技术（TRL {min_trl}以上）。",
                f"The technology should be proven to at least TRL {min_trl}.",
            )
            if min_trl >= 6
            else ("实验室阶段的技术也可以考虑。", "Lab-stage technology is fine too.")
        )
    optional.append(rng.choice(DEMAND_EXTRAS))
    picked = sorted(rng.sample(range(len(optional)), k=min(len(optional), rng.choice([0, 1, 1, 2, 2, 3]))))
    zh += [optional[i][0] for i in picked]
    en += [optional[i][1] for i in picked]
    return zh, en


def demand_text(
    rng: random.Random,
    sector: Sector,
    year: int = 2026,
    *,
    budget: tuple | None = None,
    deadline=None,
    modes: list[str] | tuple = (),
    min_trl: int | None = None,
) -> DemandText:
    """A company's demand in its own words: the problem (with its numbers), then what it can spend,
    by when, and how it wants to work; the title is one of several phrasings of the same problem."""
    t_zh, t_en, d_zh, d_en = rng.choice(sector.demands)
    titles = [(t_zh, t_en), *DEMAND_TITLES.get(t_zh, [])]
    everything = d_zh + d_en + "".join(z + e for z, e in titles)
    values = _slot_values(rng, sector.demand_slots, everything)
    for k, opts in METRIC_VALUES.items():  # numbers the sector's metric slots share with the demand
        if "{" + k + "}" in everything and k not in values:
            v = rng.choice(opts)
            values[k] = (v, v)
    base = rng.choice(titles)
    title = _variant(
        rng, DEMAND_TITLE_VARIANTS, (_fill(base[0], values, 0), _fill(base[1], values, 1)), year=str(year)
    )
    context = rng.choice(DEMAND_CONTEXT) if rng.random() < 0.4 else ("", "")
    closers_zh, closers_en = _demand_closers(rng, budget, deadline, modes, min_trl)
    if context[0]:
        closers_zh.insert(0, context[0])
        closers_en.insert(0, context[1])
    description = (
        _fill(d_zh, values, 0) + "".join(closers_zh),
        " ".join([_fill(d_en, values, 1), *closers_en]),
    )
    keywords = " ".join(rng.sample(sector.keywords, k=min(3, len(sector.keywords))))
    return DemandText(title, description, keywords)
