from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class ConstraintOut(Schema):
    code: str
    field: str
    wanted: Any = None
    actual: Any = None
    met: bool | None = None
    hard: bool = False
    text: str = Field(description="The check in the reader's language, with its verdict")


class ExplanationOut(Schema):
    shared_terms: list[str]
    semantic: float | None = Field(None, description="Cosine similarity of the embeddings")
    semantic_words: str = ""
    lexical: float = 0.0
    fit: float = Field(0.0, description="Structured fit in [-1, 1]")
    constraints: list[ConstraintOut]


class ObjectRef(Schema):
    kind: str
    id: int
    title: str
    url: str = ""


class SearchHitOut(ObjectRef):
    score: float
    explanation: ExplanationOut


class SearchOut(Schema):
    query: str
    count: int
    results: list[SearchHitOut]


class MatchOut(Schema):
    id: int
    source: ObjectRef
    target: ObjectRef
    score: float
    rank: int
    status: str
    version: int = Field(description="Send it back as `version` or `If-Match` when deciding")
    is_current: bool
    refreshed_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    explanation: ExplanationOut


class DecisionIn(Schema):
    reason: str = Field("", max_length=300)
    version: int | None = Field(
        None, ge=1, description="The version you saw; a stale one is a 409 (or send If-Match)"
    )
