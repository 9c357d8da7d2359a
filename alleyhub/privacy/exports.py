"""Building a data export in the background: the task and the one service it calls (kept together,
below `services`, which enqueues the task, as notifications' `delivery` is)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from alleyhub.core.audit import audit_record

from .conf import privacy_setting
from .models import DataExport, ExportStatus
from .personal_data import build_zip, export_file_name


def _set_progress(export_id: int, percent: int) -> None:
    # A plain UPDATE, committed at once: the page polling the export sees it while the task runs.
    DataExport.objects.filter(pk=export_id).update(progress=percent, updated_at=timezone.now())


def export_build(*, export_id: int) -> DataExport | None:
    """Builds the ZIP of a queued export (its user's data from every registered exporter) and
    makes it downloadable for `EXPORT_DAYS`. Runs at most once per export: an export that is not
    queued any more is left alone (None). A failure marks the export failed and re-raises."""
    claimed = DataExport.objects.filter(pk=export_id, status=ExportStatus.PENDING).update(
        status=ExportStatus.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return None
    export = DataExport.objects.select_related("user").get(pk=export_id)
    try:
        content = build_zip(user=export.user, progress=lambda percent: _set_progress(export_id, percent))
        with transaction.atomic():
            export.refresh_from_db()
            export.file.save(export_file_name(export), ContentFile(content), save=False)
            now = timezone.now()
            export.status, export.progress, export.ready_at = ExportStatus.READY, 100, now
            export.expires_at = now + timedelta(days=privacy_setting("EXPORT_DAYS"))
            export.save()
            audit_record(actor=None, target=export, code="privacy.export.ready", data={"size": len(content)})
    except Exception:
        DataExport.objects.filter(pk=export_id).update(status=ExportStatus.FAILED, updated_at=timezone.now())
        raise
    return export


@task()
def build_data_export(export_id: int) -> bool:
    return export_build(export_id=export_id) is not None
