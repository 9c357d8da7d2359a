"""Views that exist only for the tests of core.pages and core.uploads: each raises or serves what a
real app's view would, through Django's whole stack (middleware included)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse
from django.urls import path

from alleyhub.core.exceptions import ApplicationError, ConflictError
from alleyhub.core.pages import VersionField, form_errors
from alleyhub.core.transitions import version_check, versioned_save
from alleyhub.core.uploads import StoredFile, protected_file_view
from alleyhub.listings.models import TechDemand
from config.urls import urlpatterns as project_urls


def refuse(request, kind: str):
    if kind == "application":
        raise ApplicationError("不能这样做。")
    if kind == "validation":
        raise ValidationError("字段无效。")
    if kind == "conflict":
        raise ConflictError("已被他人修改。")
    raise PermissionDenied


class TitleForm(forms.Form):
    title_zh = forms.CharField(label="中文标题", required=False)
    version = VersionField()


def edit(request, pk: int):
    form = TitleForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            demand = TechDemand.objects.get(pk=pk)
            version_check(demand, form.cleaned_data["version"])
            demand.title_zh = form.cleaned_data["title_zh"]
            if demand.title_zh == "bad":
                raise ValidationError({"title_zh": "标题不能是 bad。", "budget_min": "预算无效。"})
            versioned_save(demand, update_fields=["title_zh"])
            return HttpResponse("saved")
    errors = " | ".join(f"{k}={'/'.join(v)}" for k, v in form.errors.items())
    changes = getattr(form, "conflict_changes", [])
    return HttpResponse(f"{errors} || {changes} || version={form.data.get('version')}", status=400)


def _stored(*, pk: int, user) -> StoredFile:
    if pk == 403:
        raise PermissionDenied
    name = default_storage.save("tests/core-upload.html", ContentFile(b"<script>alert(1)</script>"))
    field = FileField(storage=default_storage)
    return StoredFile(file=FieldFile(None, field, name), filename="x.html")


urlpatterns = [
    path("refuse/<str:kind>/", refuse),
    path("edit/<int:pk>/", edit),
    path("files/<int:pk>/", protected_file_view(_stored)),
    *project_urls,  # the error pages and the login redirect name the project's own pages
]
