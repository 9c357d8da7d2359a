"""The admin's "export selected as Excel / CSV" actions on every model that has a sheet spec, in
the same columns the import takes. Added to the models' own ModelAdmins from `ready()`, so the
owning apps' admin modules stay as they are."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http.response import HttpResponseBase
from django.utils.translation import gettext_lazy as _

from . import views
from .models import ImportJob
from .specs import SPECS


def _export(modeladmin: Any, request: Any, queryset: Any, fmt: str) -> HttpResponseBase:
    spec = next(s for s in SPECS.values() if s.model is queryset.model)
    return views.export_response(spec, queryset, user=request.user, fmt=fmt)


@admin.action(description=_("导出所选（Excel）"))
def export_xlsx(modeladmin: Any, request: Any, queryset: Any) -> HttpResponseBase:
    return _export(modeladmin, request, queryset, "xlsx")


@admin.action(description=_("导出所选（CSV）"))
def export_csv(modeladmin: Any, request: Any, queryset: Any) -> HttpResponseBase:
    return _export(modeladmin, request, queryset, "csv")


def add_export_actions() -> None:
    for spec in SPECS.values():
        model_admin = admin.site._registry.get(spec.model)
        if model_admin is None:
            continue
        actions = list(model_admin.actions or [])
        for action in (export_xlsx, export_csv):
            if action not in actions:
                actions.append(action)
        model_admin.actions = actions


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("filename", "created_by", "created_at", "status", "committed_at")
    list_filter = ("status",)
    readonly_fields = (
        "file",
        "filename",
        "size",
        "kind",
        "created_by",
        "language",
        "status",
        "rows_total",
        "rows_done",
        "report",
        "result",
        "message",
        "committed_at",
        "version",
    )
    search_fields = ("filename", "created_by__username")
