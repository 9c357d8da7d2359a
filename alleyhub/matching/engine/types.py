"""Value types of the matching engine (pure Python, JSON-serialisable explanations)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("outcome", "demand", "expert", "investor", "service", "space", "organization")
MODES = ("lexical", "semantic", "hybrid")


def _jsonable(v: Any) -> Any:
    """Plain JSON values: whole floats as ints, no NaN/infinity, sequences as lists."""
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return None
        return int(v) if v.is_integer() else round(v, 4)
    if isinstance(v, list | tuple | set | frozenset):
        return [_jsonable(x) for x in v]
    return v


@dataclass(frozen=True)
class Document:
    """One indexable item.

    ``id`` is unique across the whole engine (e.g. ``"outcome:42"``); ``text`` holds all searchable
    text in any language; ``fields`` holds structured facts in the shared vocabulary (see the
    package docstring). When ``fields`` lacks a fact that the text states ("200平", "TRL6"),
    the engine fills it from the text with :func:`extract_constraints`.
    """

    id: str
    kind: str
    title: str = ""
    text: str = ""
    fields: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Query:
    """What an asker wants.

    ``fields`` are the asker's structured needs (same vocabulary as documents); facts stated in
    ``text`` are added when absent. Field names in ``must`` are hard filters: documents that
    miss them (or do not state them) are dropped. All other checks are soft.
    """

    text: str = ""
    kinds: tuple[str, ...] = ()
    fields: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    must: frozenset[str] = frozenset()
    exclude_ids: frozenset[str] = frozenset()


@dataclass
class ConstraintCheck:
    """One structured check between what was wanted and what the document states.

    ``met`` is True (fits), False (does not fit) or None (the document does not say).
    ``code`` is a stable machine-readable rule name (see ``constraints.RULES``) that the UI
    turns into a sentence in the reader's language.
    """

    field: str
    wanted: Any
    actual: Any
    met: bool | None
    hard: bool
    code: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["wanted"], d["actual"] = _jsonable(self.wanted), _jsonable(self.actual)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConstraintCheck:
        return cls(
            field=str(data.get("field", "")),
            wanted=data.get("wanted"),
            actual=data.get("actual"),
            met=data.get("met"),
            hard=bool(data.get("hard", False)),
            code=str(data.get("code", "")),
        )


@dataclass
class Explanation:
    """Why a document ranked where it did.

    ``shared_terms``: readable shared terms, a cross-language match written ``"SiC=碳化硅"``.
    ``semantic``: cosine similarity of the embeddings (None when no vectors were used).
    ``lexical``: the BM25 score (0 when no term is shared).
    ``fit``: structured fit in [-1, 1] (share of soft checks met minus share missed).
    ``constraints``: every check, met, missed or unknown.
    """

    shared_terms: list[str] = field(default_factory=list)
    semantic: float | None = None
    lexical: float = 0.0
    constraints: list[ConstraintCheck] = field(default_factory=list)
    fit: float = 0.0

    @property
    def hard_failed(self) -> bool:
        return any(c.hard and c.met is not True for c in self.constraints)

    def to_dict(self) -> dict[str, Any]:
        return {
            "shared_terms": list(self.shared_terms),
            "semantic": None if self.semantic is None else round(float(self.semantic), 4),
            "lexical": round(float(self.lexical), 4),
            "fit": round(float(self.fit), 4),
            "constraints": [c.to_dict() for c in self.constraints],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Explanation:
        sem = data.get("semantic")
        return cls(
            shared_terms=[str(t) for t in data.get("shared_terms", [])],
            semantic=None if sem is None else float(sem),
            lexical=float(data.get("lexical", 0.0)),
            fit=float(data.get("fit", 0.0)),
            constraints=[ConstraintCheck.from_dict(c) for c in data.get("constraints", [])],
        )


@dataclass
class Hit:
    """One ranked result; ``score`` is the fused score (higher is better, comparable within a query)."""

    id: str
    kind: str
    score: float
    explanation: Explanation
