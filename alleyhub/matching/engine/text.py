"""Text analysis for the lexical side: jieba with a domain dictionary, English tokens, and a
zh↔en synonym / abbreviation table that adds shared *concept tokens* so that "SiC", "碳化硅"
and "silicon carbide" meet in the index."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"
CONCEPT = "~"  # prefix of concept tokens; never produced by plain tokenisation

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN_TOKEN = re.compile(r"[a-z0-9]+(?:[+#]+|(?:[-.'][a-z0-9]+)*)")
_PURE_NUM = re.compile(r"^\d+(?:\.\d+)?$")

EN_STOP = frozenset(
    """a an the and or of for to in on at by with from into as is are be been was were it its this that these
    those we our us you your i my me they their them he she his her can could would should will may might do
    does did have has had not no yes any some all more most very so such than then there here what which who
    whom how when where why want wants wanted need needs needed looking look find finding help please us
    about over under between within via per also just like based using use used able etc one two new""".split()
)
ZH_STOP = frozenset(
    """的 了 和 与 及 或 在 是 我们 我 你 您 他 她 它 为 对 有 有没有 没有 等 一个 一些 可以 可 需要 需 想 想要 要 找 寻找
    希望 进行 相关 用于 通过 能 能够 以及 并 并且 其 该 这 那 这个 那个 这些 哪些 什么 怎么 如何 吗 呢 吧 啊 把 被 让 给
    从 到 向 于 上 下 中 内 外 个 家 位 能否 是否 请 请问 帮 帮忙 一下 谁 哪 哪里 哪家 左右 以上 以下 之间 目前 现在 已经
    主要 提供 具有 实现 相应 方面 问题 情况 比较 非常 很 更 最 也 都 就 还 又 再 及其 或者 而且 但是 但 如果 因为 所以
    做 用 想找 找到 有人 谁家 有无 公司 我司 本 本公司 单位 团队""".split()
)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


# Acronyms that end in "s" but are not plurals (MEMS is not the plural of "MEM").
NOT_PLURALS = frozenset(
    {
        "mems",
        "nems",
        "saas",
        "paas",
        "iaas",
        "ldmos",
        "bms",
        "ems",
        "mes",
        "ehs",
        "gis",
        "sms",
        "dms",
        "ats",
        "lbs",
        "ots",
        "tws",
        "ios",
        "aps",
        "ngs",
    }
)


def stem_en(tok: str) -> str:
    """A light plural stemmer: sensors→sensor, batteries→battery, processes→process."""
    if len(tok) <= 3 or not tok.isalpha() or tok in NOT_PLURALS:
        return tok
    if tok.endswith("ies") and len(tok) > 4:
        return tok[:-3] + "y"
    if tok.endswith(("sses", "xes", "ches", "shes")):
        return tok[:-2]
    if tok.endswith("s") and not tok.endswith(("ss", "us", "is", "os")):
        return tok[:-1]
    return tok


@dataclass
class Analysis:
    tokens: list[str]  # plain tokens and concept tokens, with repeats (term frequency)
    surfaces: dict[str, set[str]] = field(default_factory=dict)  # concept token → surface forms seen


class Analyzer:
    """Thread-safe after construction. Loads jieba's dictionary once (about a second)."""

    def __init__(self, synonyms_path: Path | None = None, userdict_path: Path | None = None):
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._lock = threading.Lock()
        self.concepts: dict[str, str] = {}  # normalised single-token variant → concept token
        self.phrases: dict[tuple[str, ...], str] = {}  # multi-token English variant → concept token
        self.labels: dict[str, list[str]] = {}  # concept token → its variants as written
        words: set[str] = set()
        path = synonyms_path or DATA / "synonyms.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            variants = [v.strip() for v in line.split("|") if v.strip()]
            if len(variants) < 2:
                continue
            concept = CONCEPT + _nfkc(variants[0]).replace(" ", "_")
            self.labels.setdefault(concept, []).extend(variants)
            for v in variants:
                nv = _nfkc(v)
                if _CJK_RUN.search(nv):
                    words.add(nv)
        ud = userdict_path or DATA / "userdict.txt"
        if ud.exists():
            for line in ud.read_text(encoding="utf-8").splitlines():
                w = line.split("#", 1)[0].strip().split(" ")[0]
                if w:
                    words.add(_nfkc(w))
        for w in words:
            for part in w.split():
                if _CJK_RUN.fullmatch(part):
                    self._jieba.add_word(part, freq=50000)
        self._jieba.initialize()
        # how to show a normalised surface form: as the synonym table writes it ("sic" → "SiC")
        self.display: dict[str, str] = {}
        for variants in self.labels.values():
            for v in variants:
                self.display.setdefault(_nfkc(v), v)
        for concept, variants in self.labels.items():
            for v in variants:
                nv = _nfkc(v)
                if _CJK_RUN.fullmatch(nv):  # in the jieba dictionary, so it comes out whole
                    self.concepts.setdefault(nv, concept)
                    continue
                toks = tuple(self._plain_words(nv))
                if len(toks) == 1:
                    self.concepts.setdefault(toks[0], concept)
                elif toks:
                    self.phrases.setdefault(toks, concept)
        self.max_phrase = max((len(p) for p in self.phrases), default=1)

    def _plain(self, text: str) -> list[str]:
        """Plain tokens in reading order, stop words and pure numbers dropped."""
        out: list[str] = []
        pos = 0
        for m in _CJK_RUN.finditer(text):
            out.extend(self._latin(text[pos : m.start()]))
            out.extend(self._cjk(m.group()))
            pos = m.end()
        out.extend(self._latin(text[pos:]))
        return out

    def _plain_words(self, text: str) -> list[str]:
        out: list[str] = []
        pos = 0
        for m in _CJK_RUN.finditer(text):
            out.extend(self._latin(text[pos : m.start()]))
            out.extend(w for w in self._jieba.cut(m.group(), HMM=True) if w not in ZH_STOP)
            pos = m.end()
        out.extend(self._latin(text[pos:]))
        return out

    def _latin(self, chunk: str) -> list[str]:
        out = []
        for t in _LATIN_TOKEN.findall(chunk):
            t = t.strip("-.'")
            if not t or t in EN_STOP or _PURE_NUM.match(t):
                continue
            out.append(stem_en(t))
        return out

    def _cjk(self, run: str) -> list[str]:
        out = []
        for w in self._jieba.cut(run, HMM=True):
            if w in ZH_STOP or len(w) == 1:  # single characters are too ambiguous to match on
                continue
            out.append(w)
            if len(w) > 2:  # search-mode sub-words so "碳化硅器件" still meets "器件"
                for n in (2, 3):
                    if len(w) > n:
                        for i in range(len(w) - n + 1):
                            sub = w[i : i + n]
                            if self._jieba.FREQ.get(sub) and sub not in ZH_STOP:
                                out.append(sub)
        return out

    def analyze(self, text: str, max_chars: int = 20000) -> Analysis:
        text = _nfkc((text or "")[:max_chars])
        plain = self._plain(text)
        tokens = list(plain)
        surfaces: dict[str, set[str]] = {}
        for t in plain:
            c = self.concepts.get(t)
            if c:
                tokens.append(c)
                surfaces.setdefault(c, set()).add(t)
        if self.phrases:
            n = len(plain)
            for size in range(2, min(self.max_phrase, n) + 1):
                for i in range(n - size + 1):
                    c = self.phrases.get(tuple(plain[i : i + size]))
                    if c:
                        tokens.append(c)
                        surfaces.setdefault(c, set()).add(" ".join(plain[i : i + size]))
        return Analysis(tokens, surfaces)

    def tokens(self, text: str) -> list[str]:
        return self.analyze(text).tokens


_default: Analyzer | None = None
_default_lock = threading.Lock()


def default_analyzer() -> Analyzer:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Analyzer()
    return _default
