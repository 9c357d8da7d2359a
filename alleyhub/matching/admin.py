from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import IndexedDocument, IndexState, Match, MatchFeedback
from .selectors import index_status_for_user
from .tasks import embed_documents


@admin.register(IndexedDocument)
class IndexedDocumentAdmin(admin.ModelAdmin):
    list_display = ["doc_id", "title", "is_active", "embedded", "attempts", "embedded_at", "updated_at"]
    list_filter = ["kind", "is_active", "attempts"]
    search_fields = ["doc_id", "title"]
    readonly_fields = [f.name for f in IndexedDocument._meta.fields if f.name != "vector"]
    exclude = ["vector"]
    actions = ["retry_embedding"]

    @admin.display(boolean=True, description=_("已计算向量"))
    def embedded(self, obj: IndexedDocument) -> bool:
        return obj.has_vector

    @admin.action(description=_("重新计算所选文档的向量"))
    def retry_embedding(self, request, queryset):
        ids = list(queryset.filter(is_active=True).values_list("doc_id", flat=True))
        queryset.update(attempts=0)
        embed_documents.enqueue(doc_ids=ids)
        self.message_user(request, _("已加入队列：%(n)d 条") % {"n": len(ids)}, messages.SUCCESS)

    def has_add_permission(self, request) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if request.user.is_operator:
            status = index_status_for_user(user=request.user)
            self.message_user(
                request,
                _("已计算向量 %(embedded)d / %(active)d（%(share)d%%），失败 %(failed)d")
                % {
                    "embedded": status.embedded,
                    "active": status.active,
                    "share": status.share,
                    "failed": status.failed,
                },
                messages.INFO,
            )
        return super().changelist_view(request, extra_context)


@admin.register(IndexState)
class IndexStateAdmin(admin.ModelAdmin):
    list_display = ["pk", "version", "generation"]
    readonly_fields = ["version", "generation"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "source_kind",
        "source_id",
        "target_kind",
        "target_id",
        "rank",
        "score",
        "status",
        "is_current",
    ]
    list_filter = ["status", "source_kind", "target_kind", "is_current"]
    readonly_fields = ["explanation", "refreshed_at", "viewed_at", "decided_by", "decided_at"]


@admin.register(MatchFeedback)
class MatchFeedbackAdmin(admin.ModelAdmin):
    list_display = ["at", "match", "action", "actor", "rank", "score"]
    list_filter = ["action"]
    readonly_fields = ["match", "action", "actor", "at", "rank", "score", "reason"]
