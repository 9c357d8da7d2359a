"""Reads of the sheets app: import jobs (fetched and authorised in one call) and who may import."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from alleyhub.accounts.models import Membership
from alleyhub.core.uploads import StoredFile
from alleyhub.directory.ownership import acts_for_every_organization

from .models import ImportJob


def can_import(*, user: Any) -> bool:
    """Operators import anything; organisation admins import their organisations' listings."""
    if not getattr(user, "is_authenticated", False):
        return False
    if acts_for_every_organization(user):
        return True
    return Membership.objects.filter(user=user, role=Membership.MemberRole.ADMIN).exists()


def import_job_list_for_user(*, user: Any) -> QuerySet[ImportJob]:
    if not can_import(user=user):
        raise PermissionDenied
    qs = ImportJob.objects.select_related("created_by")
    if acts_for_every_organization(user):
        return qs
    return qs.filter(created_by=user)


def import_job_get_for_user(*, pk: Any, user: Any, for_write: bool = False) -> ImportJob:
    """The job, for its uploader and operators; Http404 for anybody else (nobody learns that a
    job exists), PermissionDenied for users who may not import at all."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    job = import_job_list_for_user(user=user).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def import_job_file(*, pk: int, user: Any) -> StoredFile:
    job = import_job_get_for_user(pk=pk, user=user)
    return StoredFile(file=job.file, filename=job.filename)
