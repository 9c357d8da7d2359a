"""What the matching engine keeps in the database so that every web process and the task worker
share one index: one `IndexedDocument` per indexable object (its text, structured fields and
embedding), an `IndexState` change counter, and the stored `Match` records with their feedback log."""

from __future__ import annotations

import uuid

import numpy as np
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel, VersionedModel

from .documents import object_for
from .kinds import DocumentKind

EMBEDDING_DIM = 384


def _new_generation() -> str:
    return uuid.uuid4().hex


class IndexState(models.Model):
    """A single row whose `version` goes up with every change to the index. A web process compares
    it with the version its in-memory engine was built at and loads only the rows changed since."""

    version = models.BigIntegerField(_("索引版本"), default=0)
    # A new generation (a rebuild, or a database created afresh) tells every process to reload fully.
    generation = models.CharField(_("索引代次"), max_length=32, default=_new_generation)

    class Meta:
        verbose_name = _("索引状态")
        verbose_name_plural = _("索引状态")

    def __str__(self) -> str:
        return f"v{self.version}"


class IndexedDocument(BaseModel):
    """The indexed form of one listing, expert or organisation.

    `seq` is the `IndexState.version` of the row's last change; a removed object keeps its row as a
    tombstone (`is_active=False`) so that other processes learn to drop it. `vector` holds the
    L2-normalised float32 embedding (384 × 4 bytes) of `text_hash`'s text, or is empty until the
    background task has computed it."""

    doc_id = models.CharField(_("文档编号"), max_length=40, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=DocumentKind.choices, db_index=True)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    is_active = models.BooleanField(_("在索引中"), default=True, db_index=True)
    seq = models.BigIntegerField(_("变更序号"), default=0, db_index=True)
    title = models.CharField(_("标题"), max_length=500, blank=True)
    text = models.TextField(_("文本"), blank=True)
    fields = models.JSONField(_("结构化字段"), default=dict, blank=True)
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    text_hash = models.CharField(_("文本摘要"), max_length=64, blank=True)
    vector = models.BinaryField(_("向量"), null=True, blank=True)
    vector_hash = models.CharField(_("向量对应的文本摘要"), max_length=64, blank=True)
    model_version = models.CharField(_("模型版本"), max_length=60, blank=True)
    embedded_at = models.DateTimeField(_("向量计算时间"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("失败次数"), default=0)
    error = models.TextField(_("最近错误"), blank=True)

    class Meta:
        verbose_name = _("索引文档")
        verbose_name_plural = _("索引文档")
        ordering = ["kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="indexed_document_unique_object"),
        ]
        indexes = [models.Index(fields=["is_active", "vector_hash"], name="matching_idx_embed_state")]

    def __str__(self) -> str:
        return self.doc_id

    @property
    def needs_embedding(self) -> bool:
        return self.is_active and self.vector_hash != self.text_hash

    @property
    def has_vector(self) -> bool:
        return bool(self.vector) and self.vector_hash == self.text_hash

    def get_vector(self) -> np.ndarray | None:
        if not self.vector:
            return None
        return np.frombuffer(bytes(self.vector), dtype=np.float32)


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("推荐")
    VIEWED = "viewed", _("已查看")
    ACCEPTED = "accepted", _("已接受")
    DISMISSED = "dismissed", _("已忽略")


class Match(VersionedModel, BaseModel):
    """A suggested pairing of a source (a demand, an outcome, an organisation) with a target, with
    the engine's score, rank and explanation at the last refresh and what people decided about it.
    `version` goes up with every decision (accept, dismiss, first view), not with refreshes."""

    source_kind = models.CharField(_("来源类型"), max_length=20, choices=DocumentKind.choices)
    source_id = models.PositiveBigIntegerField(_("来源编号"))
    target_kind = models.CharField(_("目标类型"), max_length=20, choices=DocumentKind.choices)
    target_id = models.PositiveBigIntegerField(_("目标编号"))
    score = models.FloatField(_("得分"), default=0.0)
    rank = models.PositiveSmallIntegerField(_("排名"), default=0)
    explanation = models.JSONField(_("匹配理由"), default=dict, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED, db_index=True
    )
    is_current = models.BooleanField(_("在最新推荐中"), default=True)
    refreshed_at = models.DateTimeField(_("最近计算时间"), null=True, blank=True)
    viewed_at = models.DateTimeField(_("查看时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    # Not stored: set by `selectors.attach_objects` for pages and the API.
    source: models.Model | None
    target: models.Model
    source_title: str
    source_url: str
    target_title: str
    target_url: str
    can_decide: bool  # set by `selectors.mark_decidable`: may the viewer accept / dismiss it

    class Meta:
        verbose_name = _("匹配")
        verbose_name_plural = _("匹配")
        ordering = ["source_kind", "source_id", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_kind", "source_id", "target_kind", "target_id"], name="match_unique_pair"
            ),
        ]
        indexes = [models.Index(fields=["source_kind", "source_id"], name="matching_match_source")]

    def __str__(self) -> str:
        return f"{self.source_kind}:{self.source_id} → {self.target_kind}:{self.target_id}"

    @property
    def is_decided(self) -> bool:
        return self.status in (MatchStatus.ACCEPTED, MatchStatus.DISMISSED)

    @property
    def source_object(self):
        return object_for(self.source_kind, self.source_id)

    @property
    def target_object(self):
        return object_for(self.target_kind, self.target_id)


class MatchFeedback(models.Model):
    """The evaluation log: one row per thing a person did with a match, with the score and rank the
    engine had given it at that moment (so offline evaluation can compare ranks with decisions)."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("查看")
        ACCEPTED = "accepted", _("接受")
        DISMISSED = "dismissed", _("忽略")

    match = models.ForeignKey(
        Match, verbose_name=_("匹配"), on_delete=models.CASCADE, related_name="feedback"
    )
    action = models.CharField(_("动作"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    score = models.FloatField(_("当时得分"), default=0.0)
    rank = models.PositiveSmallIntegerField(_("当时排名"), default=0)
    reason = models.CharField(_("原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("匹配反馈")
        verbose_name_plural = _("匹配反馈")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.match_id} {self.action}"
