"""Pages of the sheets app: /sheets/ (templates, upload, jobs), a job's preview / progress page,
its commit button, and the exports of every list page. Thin: parse, call a selector or service."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from alleyhub.core.pages import form_errors

from . import exports, selectors, services, writing
from .forms import CommitForm, UploadForm
from .specs import SPECS, KindSpec

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_importer(request: HttpRequest) -> None:
    if not selectors.can_import(user=request.user):
        raise PermissionDenied


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            with form_errors(form):
                job = services.import_job_create(
                    upload=form.cleaned_data["file"], actor=request.user, kind=form.cleaned_data["kind"]
                )
                return redirect("sheets:job", pk=job.pk)
    jobs = selectors.import_job_list_for_user(user=request.user)[:50]
    return render(request, "sheets/index.html", {"form": form, "jobs": jobs, "specs": SPECS.values()})


@login_required
@require_GET
def template(request: HttpRequest) -> FileResponse:
    _require_importer(request)
    return FileResponse(
        writing.template_file(),
        as_attachment=True,
        filename="alleyhub-import-template.xlsx",
        content_type=XLSX,
    )


@login_required
@require_GET
def job(request: HttpRequest, pk: int) -> HttpResponse:
    obj = selectors.import_job_get_for_user(pk=pk, user=request.user)
    context = {"job": obj, "form": CommitForm(initial={"version": obj.version})}
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == "job-progress":
        response = render(request, "sheets/job.html#progress", context)
        if not obj.is_running:
            response["HX-Refresh"] = "true"  # the results below the bar need the whole page
        return response
    return render(request, "sheets/job.html", context)


@login_required
@require_POST
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = selectors.import_job_get_for_user(pk=pk, user=request.user, for_write=True)
    form = CommitForm(request.POST)
    version = form.cleaned_data.get("version") if form.is_valid() else None
    services.import_job_commit(job=obj, actor=request.user, expected_version=version)
    return redirect("sheets:job", pk=obj.pk)


@require_GET
def export(request: HttpRequest, kind: str, fmt: str) -> HttpResponseBase:
    """The list page of `kind` with its current filters as a file (.xlsx or .csv), in the columns
    the import takes and the user's language."""
    spec = SPECS.get(kind)
    if spec is None or fmt not in exports.FORMATS:
        raise Http404
    queryset = exports.export_queryset(kind=kind, user=request.user, params=request.GET)
    return export_response(spec, queryset, user=request.user, fmt=fmt)


def export_response(spec: KindSpec, queryset: QuerySet, *, user: Any, fmt: str) -> HttpResponseBase:
    """`queryset` as a download: CSV streamed row by row, XLSX from a constant-memory temp file."""
    rows = writing.export_rows(
        spec, exports.export_objects(spec, queryset, user=user), exports.export_lookups()
    )
    name = f"alleyhub-{spec.key}-{timezone.localdate():%Y%m%d}.{fmt}"
    response: HttpResponseBase
    if fmt == "csv":
        response = StreamingHttpResponse(
            writing.csv_stream(spec, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        response = FileResponse(
            writing.xlsx_file([(spec, rows)]), as_attachment=True, filename=name, content_type=XLSX
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
