"""The Engine's tuning, as one immutable value.

Defaults are tuned on the dev set (see docs/matching.md). The Django side builds one from
`settings.MATCHING["ENGINE"]` in `alleyhub.matching.index.engine_config`; benchmarks and tests
build their own: ``Engine(embedder, config=EngineConfig(fusion="score"))``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

FUSIONS = ("score", "rrf")
LANG_NORMS = ("lang", "partition", "none")
LEX_NORMS = ("max", "query")


@dataclass(frozen=True)
class EngineConfig:
    """How the Engine retrieves and ranks.

    - ``candidates``: candidates taken from each retriever (at least 5 × k);
    - ``weights``: (lexical, semantic, fit) for score fusion; fit moves a score by at most ±fit;
    - ``fusion``: "rrf" (weighted reciprocal-rank fusion, ``rrf_k``) or "score" (normalised scores);
    - ``lang_norm``: standardise semantic scores per document language ("lang", pooled with
      ``background_weight`` reference passages), per kind × language ("partition") or not ("none");
    - ``ann_threshold``: partitions at least this large use HNSW (``hnsw_ef``, ``hnsw_m``), smaller
      ones exact search;
    - ``extract_fields``: read facts ("200平", "TRL6以上") from texts when a field is absent;
    - ``lex_norm``: lexical scores divided by the best candidate's ("max") or the query's ("query");
    - ``sem_scale``: fixed semantic normaliser (None = the best candidate's);
    - ``demand_prior`` / ``kind_prior``: intent priors applied only when a query sets no kinds;
    - ``prune_df`` / ``prune_min_docs``: skip terms in more than this share of documents in indexes
      at least this large (None = never)."""

    candidates: int = 100
    weights: tuple[float, float, float] = (0.5, 0.5, 0.15)
    fusion: str = "rrf"
    lang_norm: str = "lang"
    ann_threshold: int = 20_000
    hnsw_ef: int = 200
    hnsw_m: int = 16
    extract_fields: bool = True
    lex_norm: str = "max"
    sem_scale: float | None = None
    demand_prior: float = 0.2
    rrf_k: int = 60
    background_weight: float = 50.0
    kind_prior: float = 0.1
    prune_df: float | None = 0.05
    prune_min_docs: int = 50_000

    def __post_init__(self) -> None:
        if self.fusion not in FUSIONS:
            raise ValueError(f"unknown fusion {self.fusion!r}")
        if self.lang_norm not in LANG_NORMS:
            raise ValueError(f"unknown lang_norm {self.lang_norm!r}")
        if self.lex_norm not in LEX_NORMS:
            raise ValueError(f"unknown lex_norm {self.lex_norm!r}")
        if len(self.weights) != 3:
            raise ValueError(f"weights must be (lexical, semantic, fit), got {self.weights!r}")
        if self.candidates < 1:
            raise ValueError(f"candidates must be at least 1, got {self.candidates!r}")

    @classmethod
    def from_mapping(cls, values: dict[str, Any] | None) -> EngineConfig:
        """A config from a plain mapping (settings); unknown names are a ValueError, lists become
        tuples."""
        values = dict(values or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown engine options: {', '.join(unknown)}")
        if "weights" in values:
            values["weights"] = tuple(float(w) for w in values["weights"])
        return cls(**values)
