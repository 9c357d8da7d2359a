"""Writes every listing kind shares (outcomes, demands, investor profiles, services, space units):
create, change, the status moves (publish / archive / confirm) and attachments.

They live here, below listings, catalogue and spaces, because those three sibling apps may not
import each other and all need the same rules (`directory.ownership`). Each app's `services.py`
wraps them with its own fields and audit codes (`listings.services.outcome_create`,
`catalogue.services.service_create`, …), so callers still use `<entity>_<action>`.

Every write to an existing listing goes through core.transitions: the row is locked, the version
the editor saw is checked (`expected_version`; a stale one is a ConflictError, 409), only the
given fields are written and the version goes up (`versioned_save`). So two people changing
different fields both keep their change, and nobody overwrites a change they never saw."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import ListingStatus, PublishableListing
from alleyhub.core.transitions import (
    Transition,
    TransitionTable,
    lock_for_update,
    version_check,
    versioned_save,
)
from alleyhub.core.uploads import LISTING_FILES, upload_validate

from .models import ListingAttachment, Organization
from .ownership import can_create_listing_for, can_edit_for_organization, can_edit_listing

L = TypeVar("L", bound=PublishableListing)

MAX_ATTACHMENTS_PER_LISTING = 20

# Allowed status changes are data (core.transitions). "confirm" keeps the state, so it is not a
# move in this table: `listing_confirm` refuses archived listings itself.
LISTING_MOVES = TransitionTable(
    (
        Transition(
            action="publish",
            sources=frozenset({ListingStatus.DRAFT, ListingStatus.ARCHIVED}),
            target=ListingStatus.PUBLISHED,
            label=gettext_lazy("发布"),
        ),
        Transition(
            action="archive",
            sources=frozenset({ListingStatus.DRAFT, ListingStatus.PUBLISHED}),
            target=ListingStatus.ARCHIVED,
            label=gettext_lazy("归档"),
        ),
    ),
    field="status",
)


def require_edit(*, actor: Any, organization_id: int | None) -> None:
    if not can_edit_for_organization(user=actor, organization_id=organization_id):
        raise PermissionDenied(_("只有所属机构的成员或运营方可以修改此条目。"))


def check_fields(data: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ApplicationError(
            _("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))}, status=422
        )


def set_m2m(obj: PublishableListing, m2m: dict[str, Iterable[Any] | None]) -> None:
    for name, values in m2m.items():
        if values is not None:
            getattr(obj, name).set(values)


def _m2m_changed(obj: PublishableListing, m2m: dict[str, Iterable[Any] | None]) -> list[str]:
    """The M2M fields whose new members differ from the stored ones (None: not given)."""
    changed = []
    for name, values in m2m.items():
        if values is None:
            continue
        wanted = {getattr(v, "pk", v) for v in values}
        stored = set(getattr(obj, name).values_list("pk", flat=True))
        if wanted != stored:
            changed.append(name)
    return changed


def listing_create(
    model: type[L],
    *,
    actor: Any,
    owner: Organization,
    allowed: set[str],
    m2m: dict[str, Iterable[Any] | None],
    data: dict[str, Any],
    code: str,
    owner_kinds: Iterable[str] | None = None,
) -> L:
    """Create a draft listing of `model` for `owner` (call inside a transaction). `owner_kinds`:
    the organisation kinds that may own this kind of listing (None: any); operators may create
    for any organisation. Raises PermissionDenied, ValidationError, ApplicationError (422) for
    unknown fields."""
    if not can_create_listing_for(user=actor, organization=owner, kinds=owner_kinds):
        raise PermissionDenied(_("此机构不能发布这类条目。"))
    check_fields(data, allowed)
    listing = model(owner=owner, created_by=actor, status=ListingStatus.DRAFT, **data)
    listing.full_clean()
    listing.save()
    set_m2m(listing, m2m)
    audit_record(actor=actor, target=listing, code=code, data={"owner": owner.pk})
    return listing


def listing_update(
    model: type[L],
    *,
    pk: int,
    owner_id: int,
    actor: Any,
    allowed: set[str],
    expected_version: int | None,
    m2m: dict[str, Iterable[Any] | None],
    data: dict[str, Any],
    code: str,
) -> L:
    """Change only the given fields of a listing, under its row lock and version check, so two
    people changing different fields both keep their change and a stale form is a conflict.
    Raises PermissionDenied, ValidationError, ConflictError (409), ApplicationError (422)."""
    require_edit(actor=actor, organization_id=owner_id)
    check_fields(data, allowed)
    m2m = {name: None if values is None else list(values) for name, values in m2m.items()}
    with transaction.atomic():
        listing: L = lock_for_update(model._default_manager.all(), pk=pk)
        version_check(listing, expected_version)
        changed = sorted(k for k, v in data.items() if getattr(listing, k) != v)
        for name in changed:
            setattr(listing, name, data[name])
        listing.full_clean()
        changed_m2m = _m2m_changed(listing, m2m)
        if changed or changed_m2m:
            versioned_save(listing, update_fields=changed)
            set_m2m(listing, {name: m2m[name] for name in changed_m2m})
        audit_record(actor=actor, target=listing, code=code, data={"fields": changed + changed_m2m})
    return listing


# --- status changes (any listing) -----------------------------------------------------------------


def _audit_code(listing: PublishableListing, action: str) -> str:
    return f"{listing._meta.app_label}.{listing._meta.model_name}.{action}"


def _locked(listing: L, *, actor: Any, expected_version: int | None) -> L:
    """`listing` as stored now, locked for this transaction, after the right and version checks."""
    if not can_edit_listing(user=actor, listing=listing):
        raise PermissionDenied(_("只有所属机构的成员或运营方可以修改此条目。"))
    locked: L = lock_for_update(type(listing)._default_manager.all(), pk=listing.pk)
    version_check(locked, expected_version)
    return locked


def _transition(*, listing: L, actor: Any, action: str, expected_version: int | None) -> L:
    listing = _locked(listing, actor=actor, expected_version=expected_version)
    move = LISTING_MOVES.check(listing, action)
    if move.target == ListingStatus.PUBLISHED:
        deadline = getattr(listing, "deadline", None)
        if deadline and deadline < timezone.localdate():
            raise ApplicationError(_("截止日期已过，请先修改截止日期再发布。"), status=422)
        if listing.expires_on and listing.expires_on < timezone.localdate():
            raise ApplicationError(_("有效期已过，请先修改有效期再发布。"), status=422)
    previous = listing.status
    now = timezone.now()
    listing.status = move.target
    if move.target == ListingStatus.PUBLISHED:
        listing.published_at = listing.published_at or now
        listing.last_confirmed_at = now
    try:
        listing.full_clean()
    except ValidationError as exc:
        raise ApplicationError(
            _("条目信息不完整，无法发布。"), {"errors": exc.message_dict}, status=422
        ) from exc
    versioned_save(listing, update_fields=["status", "published_at", "last_confirmed_at"])
    audit_record(
        actor=actor,
        target=listing,
        code=_audit_code(listing, action),
        data={"from": previous, "to": move.target},
    )
    return listing


@transaction.atomic
def listing_publish(*, listing: L, actor: Any, expected_version: int | None = None) -> L:
    """Draft or archived -> published; sets published_at (first time) and last_confirmed_at.
    Returns the listing as saved. Raises PermissionDenied, ConflictError (409 stale
    `expected_version`), ApplicationError (409 wrong state, 422 expired / past deadline)."""
    return _transition(listing=listing, actor=actor, action="publish", expected_version=expected_version)


@transaction.atomic
def listing_archive(*, listing: L, actor: Any, expected_version: int | None = None) -> L:
    """Draft or published -> archived. Returns the listing as saved. Raises PermissionDenied,
    ConflictError (409 stale `expected_version`), ApplicationError (409 wrong state)."""
    return _transition(listing=listing, actor=actor, action="archive", expected_version=expected_version)


@transaction.atomic
def listing_confirm(*, listing: L, actor: Any, expected_version: int | None = None) -> L:
    """The owner says the listing is still current: last_confirmed_at = now. Returns the listing
    as saved. Raises PermissionDenied, ConflictError (409 stale `expected_version`),
    ApplicationError (409 when archived, 422 when expired)."""
    listing = _locked(listing, actor=actor, expected_version=expected_version)
    if listing.status == ListingStatus.ARCHIVED:
        raise ApplicationError(_("已归档的条目无需确认。"), {"current_status": listing.status}, status=409)
    if listing.expires_on and listing.expires_on < timezone.localdate():
        raise ApplicationError(_("有效期已过，请先修改有效期再确认。"), status=422)
    listing.last_confirmed_at = timezone.now()
    versioned_save(listing, update_fields=["last_confirmed_at"])
    audit_record(actor=actor, target=listing, code=_audit_code(listing, "confirmed"))
    return listing


# --- attachments (any listing) --------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *,
    listing: PublishableListing,
    actor: Any,
    uploaded: UploadedFile,
    title: str = "",
    confidential: bool = False,
) -> ListingAttachment:
    """Attach `uploaded` to `listing` (members of the owner organisation and operators). The file
    is checked by content (`core.uploads.LISTING_FILES`: PDF, images, Office files). Raises
    PermissionDenied, ApplicationError (400 wrong type / content / too many, 413 too large)."""
    if not can_edit_listing(user=actor, listing=listing):
        raise PermissionDenied(_("只有所属机构的成员或运营方可以修改此条目。"))
    mime_type = upload_validate(uploaded, policy=LISTING_FILES)
    content_type = ContentType.objects.get_for_model(listing)
    # Lock the listing so two uploads at once cannot both pass the count check.
    lock_for_update(type(listing)._default_manager.all(), pk=listing.pk)
    if (
        ListingAttachment.objects.filter(content_type=content_type, object_id=listing.pk).count()
        >= MAX_ATTACHMENTS_PER_LISTING
    ):
        raise ApplicationError(
            _("每个条目最多 %(n)d 个附件。") % {"n": MAX_ATTACHMENTS_PER_LISTING},
            {"code": "too_many_attachments"},
        )
    attachment = ListingAttachment(
        content_type=content_type,
        object_id=listing.pk,
        file=uploaded,
        original_name=(uploaded.name or "file")[-200:],
        size=uploaded.size or 0,
        mime_type=mime_type,
        title=title,
        confidential=confidential,
        uploaded_by=actor,
    )
    attachment.full_clean()
    attachment.save()
    audit_record(
        actor=actor,
        target=listing,
        code=_audit_code(listing, "attachment_added"),
        data={"attachment": attachment.pk, "name": attachment.original_name, "confidential": confidential},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: ListingAttachment, actor: Any) -> None:
    """Remove an attachment and its stored file (after the commit). Raises PermissionDenied."""
    listing = attachment.listing
    if listing is None or not can_edit_listing(user=actor, listing=listing):
        raise PermissionDenied(_("只有所属机构的成员或运营方可以修改此条目。"))
    stored = attachment.file
    name = attachment.original_name
    pk = attachment.pk
    attachment.delete()
    audit_record(
        actor=actor,
        target=listing,
        code=_audit_code(listing, "attachment_removed"),
        data={"attachment": pk, "name": name},
    )
    transaction.on_commit(lambda: stored.storage.delete(stored.name) if stored.name else None)
