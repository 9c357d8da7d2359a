"""Writes of the sheets app: an upload becomes an `ImportJob`, checked by a dry run (in the request
for small files, by the task worker for large ones), and committed all-or-nothing on request."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.transitions import lock_for_update, version_check, versioned_save
from alleyhub.core.uploads import SPREADSHEETS, upload_validate
from alleyhub.matching.scheduling import index_schedule_sync

from . import importer, reading, selectors, tasks
from .models import ImportJob
from .specs import SPECS

logger = logging.getLogger(__name__)

# Kinds of the matching index per sheet kind (imports of up to INDEX_SYNC_MAX rows are indexed at
# once; larger ones are picked up by the index rebuild, `manage.py` / the operator's status page).
INDEX_KINDS = {
    "organizations": "organization",
    "people": "expert",
    "outcomes": "outcome",
    "demands": "demand",
    "investors": "investor",
    "services": "service",
    "spaces": "space",
}
INDEX_SYNC_MAX = 500


def _in_background(job: ImportJob) -> bool:
    # A cheap estimate before reading: about 100 bytes per row in a compressed workbook.
    return job.size > reading.limits()["BACKGROUND_ROWS"] * 100


def import_job_create(*, upload: UploadedFile, actor: Any, kind: str = "") -> ImportJob:
    """Store the uploaded file and check it (a dry run: nothing is imported yet). Raises
    PermissionDenied for users who may not import, ApplicationError for files that are not
    acceptable uploads (type, size). Bad spreadsheets become a job with status "invalid"."""
    if not selectors.can_import(user=actor):
        raise PermissionDenied(_("只有平台运营方和机构管理员可以导入数据。"))
    if kind and kind not in SPECS:
        raise ApplicationError(_("未知的数据类型。"), {"code": "sheet_kind"})
    upload_validate(upload, policy=SPREADSHEETS)
    with transaction.atomic():
        job = ImportJob(
            filename=(upload.name or "")[:255],
            size=upload.size or 0,
            kind=kind,
            created_by=actor,
            language=translation.get_language() or "zh-hans",
        )
        job.file.save(upload.name or "upload", upload, save=False)
        job.save()
        audit_record(actor=actor, target=job, code="sheets.import.uploaded", data={"filename": job.filename})
        if _in_background(job):
            transaction.on_commit(lambda: tasks.sheets_check.enqueue(job_id=job.pk))
    if not _in_background(job):
        job = import_job_check(job_id=job.pk)
    return job


def _sheets(job: ImportJob) -> list[reading.Sheet]:
    job.file.open("rb")
    try:
        return reading.open_sheets(job.file.file, filename=job.filename)
    finally:
        job.file.close()


def _progress(job_id: int):
    def report(done: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(rows_done=done)

    return report


def import_job_check(*, job_id: int) -> ImportJob:
    """The dry run: read and validate every row, store the report (status "ready" or "invalid").
    Writes nothing but the job."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKING):
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING)
    with translation.override(job.language):
        try:
            sheets = _sheets(job)
            total = sum(s.height for s in sheets)
            ImportJob.objects.filter(pk=job.pk).update(rows_total=total, rows_done=0)
            report = importer.run(
                sheets, actor=job.created_by, write=False, kind_hint=job.kind, progress=_progress(job.pk)
            )
        except ApplicationError as exc:
            return _finish_check(job, status=ImportJob.Status.INVALID, report={}, message=exc.message)
        data = report.as_json()
        data["fingerprint"] = importer.data_fingerprint(job.created_by)
        status = ImportJob.Status.INVALID if report.error_count else ImportJob.Status.READY
        message = ""
        if not report.error_count and not (data["totals"]["create"] or data["totals"]["update"]):
            message = _("没有需要导入的变更。")
        return _finish_check(job, status=status, report=data, message=message)


def _finish_check(job: ImportJob, *, status: str, report: dict, message: str) -> ImportJob:
    with transaction.atomic():
        job = lock_for_update(ImportJob.objects, pk=job.pk)
        job.status, job.report, job.message = status, report, message
        job.rows_done = job.rows_total
        versioned_save(job, update_fields=["status", "report", "message", "rows_done"])
        audit_record(
            actor=job.created_by,
            target=job,
            code="sheets.import.checked",
            data={"status": status, "totals": report.get("totals", {}), "message": message},
        )
    return job


def import_job_commit(*, job: ImportJob, actor: Any, expected_version: int | None = None) -> ImportJob:
    """Start the import of a checked job without errors (status "ready" → "committing"); small
    files are imported at once, large ones by the task worker. Raises ApplicationError (409) when
    the job is not ready, ConflictError when it changed meanwhile."""
    with transaction.atomic():
        job = lock_for_update(ImportJob.objects, pk=job.pk)
        version_check(job, expected_version)
        if job.status != ImportJob.Status.READY:
            raise ApplicationError(
                _("该文件当前不能导入（状态：%(status)s）。") % {"status": job.get_status_display()},
                {"code": "sheet_not_ready", "current_state": job.status},
                status=409,
            )
        job.status = ImportJob.Status.COMMITTING
        job.rows_done = 0
        versioned_save(job, update_fields=["status", "rows_done"])
        audit_record(actor=actor, target=job, code="sheets.import.started")
        background = _in_background(job)
        if background:
            transaction.on_commit(lambda: tasks.sheets_commit.enqueue(job_id=job.pk))
    if not background:
        job = import_job_run_commit(job_id=job.pk)
    return job


def import_job_run_commit(*, job_id: int, progress: Any = None) -> ImportJob:
    """Import every row of the job in ONE transaction: any error (data changed since the dry run,
    a constraint) and nothing is written; the job records the failure. A process killed in the
    middle leaves no row behind (the transaction never commits)."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJob.Status.COMMITTING:
        return job
    with translation.override(job.language):
        try:
            with transaction.atomic():
                # The data the dry run checked against is unchanged: the rows' own values were
                # checked then (keys, organisations, permissions are checked again all the same).
                unchanged = job.report.get("fingerprint") == importer.data_fingerprint(job.created_by)
                report = importer.run(
                    _sheets(job),
                    actor=job.created_by,
                    write=True,
                    kind_hint=job.kind,
                    progress=progress,
                    values_checked=unchanged,
                )
                job = lock_for_update(ImportJob.objects, pk=job_id)
                data = report.as_json()
                job.status, job.result, job.committed_at = ImportJob.Status.DONE, data, timezone.now()
                job.rows_done = job.rows_total
                job.message = ""
                versioned_save(
                    job, update_fields=["status", "result", "committed_at", "rows_done", "message"]
                )
                audit_record(
                    actor=job.created_by,
                    target=job,
                    code="sheets.import.committed",
                    data={"filename": job.filename, "totals": data["totals"]},
                )
                _schedule_index(report.written)
        except (importer.ImportRejected, ApplicationError, IntegrityError) as exc:
            if isinstance(exc, importer.ImportRejected):
                data, message = exc.report.as_json(), _("导入时发现错误，未写入任何数据。")
            elif isinstance(exc, ApplicationError):
                data, message = {}, exc.message
            else:
                # A rule the database enforces (e.g. a credit code someone else registered meanwhile).
                logger.warning("Import %s refused by the database: %s", job_id, exc)
                data, message = (
                    {},
                    _(
                        "导入与数据库中的数据冲突（可能有人同时修改了相同记录），未写入任何数据，请重新上传检查。"
                    ),
                )
            with transaction.atomic():
                job = lock_for_update(ImportJob.objects, pk=job_id)
                job.status, job.result, job.message = ImportJob.Status.FAILED, data, message
                versioned_save(job, update_fields=["status", "result", "message"])
                audit_record(
                    actor=job.created_by, target=job, code="sheets.import.failed", data={"message": message}
                )
    return job


def _schedule_index(written: dict[str, list[int]]) -> None:
    total = sum(len(ids) for ids in written.values())
    if total > INDEX_SYNC_MAX:
        logger.info("Import of %s records: left to the index rebuild", total)
        return
    for kind, ids in written.items():
        for pk in ids:
            index_schedule_sync(kind=INDEX_KINDS[kind], object_id=pk)
