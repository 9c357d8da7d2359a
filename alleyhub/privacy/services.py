"""Writes of the privacy app: consents and their withdrawal. Every change is audited in its own
transaction, with the IP the request came from."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from alleyhub.accounts.models import User
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.uploads import StoredFile

from . import erasure
from .conf import privacy_setting
from .exports import build_data_export
from .hooks import consent_changed, personal_data_erasers
from .models import (
    DOCUMENT_KINDS,
    Consent,
    ConsentKind,
    DataExport,
    DeletionRequest,
    DeletionStatus,
    ExportStatus,
)
from .personal_data import export_file_name

logger = logging.getLogger(__name__)

WITHDRAWABLE = (ConsentKind.CONTACT_SHARING, ConsentKind.MATCHING_OPT_OUT)


def _check_self(*, user: User, actor: User) -> None:
    if actor.pk != user.pk:
        raise PermissionDenied(_("只有本人可以给出或撤回同意。"))


def _lock_user(user: User) -> None:
    # Serialises a user's consent changes: the check for an active row and the insert of the
    # next one must not interleave (the partial unique constraint is the last line of defence).
    User.objects.select_for_update().filter(pk=user.pk).first()


def _announce(*, user: User, kind: str) -> None:
    for provider in consent_changed.providers():
        provider(user.pk, kind)


def current_version(kind: str) -> str:
    """The version of document `kind` users accept now; "" for kinds that are not documents."""
    return str(privacy_setting("DOCUMENT_VERSIONS").get(kind, "")) if kind in DOCUMENT_KINDS else ""


def consent_give(*, user: User, kind: str, actor: User, ip: str | None = None) -> Consent:
    """Records `user`'s consent of `kind` (for a document: its current version). Giving again what
    is already given changes nothing; a document accepted in an older version is superseded (the
    old row is closed, a new one opened). Raises PermissionDenied unless `actor` is `user`,
    ApplicationError (422) for an unknown kind."""
    _check_self(user=user, actor=actor)
    if kind not in ConsentKind.values:
        raise ApplicationError(_("未知的同意类型：%(kind)s") % {"kind": kind}, status=422)
    version = current_version(kind)
    now = timezone.now()
    with transaction.atomic():
        _lock_user(user)
        active = Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True).first()
        if active is not None and active.version == version:
            return active
        if active is not None:
            active.withdrawn_at = now
            active.save(update_fields=["withdrawn_at", "updated_at"])
        consent = Consent(user=user, kind=kind, version=version, given_at=now, ip_address=ip)
        consent.full_clean()
        consent.save()
        audit_record(
            actor=actor,
            target=consent,
            code="privacy.consent.given",
            data={"kind": kind, "version": version},
            ip=ip,
        )
        _announce(user=user, kind=kind)
    return consent


def consent_withdraw(*, user: User, kind: str, actor: User, ip: str | None = None) -> Consent | None:
    """Withdraws `user`'s active consent of `kind`; None when there was none. The privacy notice
    and the terms cannot be withdrawn here (that is what deleting the account does): ApplicationError
    (422). Raises PermissionDenied unless `actor` is `user`."""
    _check_self(user=user, actor=actor)
    if kind not in WITHDRAWABLE:
        raise ApplicationError(_("隐私政策和用户协议不能单独撤回；如不再同意，请申请注销账号。"), status=422)
    with transaction.atomic():
        _lock_user(user)
        active = Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True).first()
        if active is None:
            return None
        active.withdrawn_at = timezone.now()
        active.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(
            actor=actor,
            target=active,
            code="privacy.consent.withdrawn",
            data={"kind": kind, "version": active.version},
            ip=ip,
        )
        _announce(user=user, kind=kind)
    return active


def documents_accept(*, user: User, actor: User, ip: str | None = None) -> list[Consent]:
    """`user` accepts the current privacy notice and terms (both, in one transaction)."""
    with transaction.atomic():
        return [consent_give(user=user, kind=kind, actor=actor, ip=ip) for kind in DOCUMENT_KINDS]


def documents_accept_at_signup(user: User, ip: str | None) -> None:
    """accounts' `signup_consents` hook: the sign-up form's acceptance of the privacy notice and
    terms, recorded like the acceptance at sign-in (same rows, versions and audit entries)."""
    documents_accept(user=user, actor=user, ip=ip)


# --- data export -----------------------------------------------------------------------------------


def export_request(*, user: User, actor: User) -> DataExport:
    """Starts building `user`'s data export in a background task (`build_data_export`, after the
    commit). An export already queued or running is returned instead of a second one. Raises
    PermissionDenied unless `actor` is `user`."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("只有本人可以导出自己的数据。"))
    with transaction.atomic():
        _lock_user(user)
        running = DataExport.objects.filter(
            user=user, status__in=[ExportStatus.PENDING, ExportStatus.RUNNING]
        ).first()
        if running is not None:
            return running
        export = DataExport.objects.create(user=user)
        audit_record(actor=actor, target=export, code="privacy.export.requested")
        transaction.on_commit(lambda: build_data_export.enqueue(export_id=export.pk))
    return export


def export_claim_for_download(*, pk: int, user) -> StoredFile:
    """The export's ZIP for `core.uploads.protected_file_view`, handed out once: the first
    download marks it downloaded (later ones, another user's export, an expired or unfinished one:
    Http404). A write, so it lives here and not in the selectors."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().filter(pk=pk, user_id=user.pk).first()
        if export is None or export.status != ExportStatus.READY or not export.file:
            raise Http404
        if export.expires_at is None or export.expires_at <= timezone.now():
            raise Http404
        export.status, export.downloaded_at = ExportStatus.DOWNLOADED, timezone.now()
        export.save(update_fields=["status", "downloaded_at", "updated_at"])
        audit_record(actor=user, target=export, code="privacy.export.downloaded")
    return StoredFile(file=export.file, filename=export_file_name(export), content_type="application/zip")


DOWNLOADED_FILE_KEPT = timedelta(hours=1)


def exports_purge(*, now=None) -> int:
    """Removes the files of exports that expired or were downloaded (an hour after, so a download
    in progress finishes). Returns how many files were removed; safe to run twice."""
    now = now or timezone.now()
    expired = DataExport.objects.filter(status=ExportStatus.READY, expires_at__lte=now)
    expired_ids = list(expired.values_list("pk", flat=True))
    expired.update(status=ExportStatus.EXPIRED, updated_at=now)
    done = DataExport.objects.filter(
        Q(pk__in=expired_ids)
        | Q(status=ExportStatus.DOWNLOADED, downloaded_at__lte=now - DOWNLOADED_FILE_KEPT)
    ).exclude(file="")
    removed = 0
    for export in done:
        export.file.delete(save=False)
        DataExport.objects.filter(pk=export.pk).update(file="")
        removed += 1
    return removed


# --- account deletion ------------------------------------------------------------------------------


def deletion_request(*, user: User, password: str, actor: User, ip: str | None = None) -> DeletionRequest:
    """`user` confirms (with their password) that their account is to be deleted; it is deleted
    after the grace period (`DELETION_GRACE_DAYS`) unless they cancel. Asking again while one is
    scheduled returns it. Raises PermissionDenied unless `actor` is `user`, ValidationError for a
    wrong password."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("只有本人可以申请注销自己的账号。"))
    if not user.check_password(password):
        raise ValidationError({"password": _("密码不正确。")})
    with transaction.atomic():
        _lock_user(user)
        scheduled = DeletionRequest.objects.filter(user=user, status=DeletionStatus.SCHEDULED).first()
        if scheduled is not None:
            return scheduled
        request = DeletionRequest.objects.create(
            user=user,
            user_ref=user.pk,
            due_at=timezone.now() + timedelta(days=privacy_setting("DELETION_GRACE_DAYS")),
        )
        audit_record(actor=actor, target=request, code="privacy.deletion.scheduled", ip=ip)
    return request


def deletion_cancel(*, user: User, actor: User, ip: str | None = None) -> DeletionRequest | None:
    """Cancels `user`'s scheduled deletion (None when there is none)."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("只有本人可以撤销注销申请。"))
    with transaction.atomic():
        _lock_user(user)
        request = (
            DeletionRequest.objects.select_for_update()
            .filter(user=user, status=DeletionStatus.SCHEDULED)
            .first()
        )
        if request is None:
            return None
        request.status, request.cancelled_at = DeletionStatus.CANCELLED, timezone.now()
        request.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_record(actor=actor, target=request, code="privacy.deletion.cancelled", ip=ip)
    return request


def user_erase(*, user: User, actor: User | None) -> int:
    """Erases `user`'s personal data everywhere and deletes the account (see `erasure`): the
    registered erasers run, the person record is anonymised, history-keeping references move to
    the "deleted user", the row is deleted, and every remaining mention of their names in the
    database is replaced. `actor` is None for the scheduled run, an operator for an admin
    deletion. Returns the id the account had."""
    user_id = user.pk
    if user.username == erasure.DELETED_USERNAME:
        raise ApplicationError(_("“已注销用户”账号代表所有已注销的用户，不能删除。"), status=409)
    with transaction.atomic():
        names = erasure.personal_names(user)
        for export in DataExport.objects.filter(user=user).exclude(file=""):
            export.file.delete(save=False)
        if user.photo:
            photo = user.photo.name or ""
            storage = user.photo.storage
            transaction.on_commit(lambda: storage.delete(photo))
        for eraser in personal_data_erasers.providers():
            eraser(user, names)
        erasure.anonymise_person(user)
        erasure.reassign_references(user, erasure.deleted_user())
        user.delete()
        erasure.scrub_names(names, skip=(User,))
        audit_record(
            actor=actor if actor is not None and actor.pk != user_id else None,
            target=erasure.deleted_user(),
            code="privacy.user.erased",
            data={"user_id": user_id},
        )
    return user_id


def deletions_run_due(*, now=None) -> int:
    """Carries out every scheduled deletion whose grace period is over. Safe to run twice (a done
    request is not picked again); one failing erasure is logged and the rest go on."""
    now = now or timezone.now()
    done = 0
    for request_id in DeletionRequest.objects.filter(
        status=DeletionStatus.SCHEDULED, due_at__lte=now
    ).values_list("pk", flat=True):
        try:
            with transaction.atomic():
                request = (
                    DeletionRequest.objects.select_for_update()
                    .filter(pk=request_id, status=DeletionStatus.SCHEDULED)
                    .first()
                )
                user = (
                    User.objects.filter(pk=request.user_id).first() if request and request.user_id else None
                )
                if user is None:
                    continue
                user_erase(user=user, actor=None)
                DeletionRequest.objects.filter(pk=request_id).update(
                    status=DeletionStatus.DONE, done_at=timezone.now(), updated_at=timezone.now()
                )
            done += 1
        except Exception:
            logger.exception("Erasing the account of deletion request %s failed", request_id)
    return done
