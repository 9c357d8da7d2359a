"""Writes for spaces.

- Space units (a PublishableListing, like outcomes): created and kept by the members of the
  organisation operating the unit's building (space operators, incubators) and by operators; the
  shared machinery (version checks, publish / archive / confirm, attachments, audit) is
  `alleyhub.directory.listing_services`. Availability (`available_from` / `available_until`) is
  part of a unit's fields.
- Buildings: created by operators; changed by operators and the admins of the building's operator
  organisation.
- Urban-renewal sites and their stages: operators only.

Every change is checked, validated with `full_clean()`, saved under a version check and audited
in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from alleyhub.core.audit import audit_record
from alleyhub.core.transitions import lock_for_update, version_check, versioned_save
from alleyhub.directory.listing_services import LISTING_MOVES as LISTING_MOVES
from alleyhub.directory.listing_services import check_fields, listing_create, listing_update
from alleyhub.directory.listing_services import listing_archive as listing_archive
from alleyhub.directory.listing_services import listing_confirm as listing_confirm
from alleyhub.directory.listing_services import listing_publish as listing_publish
from alleyhub.directory.models import Organization
from alleyhub.directory.ownership import acts_for_every_organization

from .models import Building, RenewalSite, SpaceUnit
from .selectors import can_edit_building

UNIT_FIELDS = {
    "language",
    "building",
    "kind",
    "title_zh",
    "title_en",
    "description_zh",
    "description_en",
    "floor",
    "area_sqm",
    "rent_per_sqm_day",
    "available_from",
    "available_until",
    "facilities",
    "capacity",
    "expires_on",
}
BUILDING_FIELDS = {
    "language",
    "slug",
    "name_zh",
    "name_en",
    "operator",
    "address",
    "subdistrict",
    "description_zh",
    "description_en",
    "facilities",
    "latitude",
    "longitude",
}
RENEWAL_FIELDS = {
    "language",
    "slug",
    "name_zh",
    "name_en",
    "address",
    "stage",
    "site_area_sqm",
    "floor_area_sqm",
    "planned_use_zh",
    "planned_use_en",
    "lead_unit",
    "start_year",
    "target_year",
}


def _require_building_of(*, actor: Any, owner_id: int, building: Building | None) -> None:
    """A unit's owner must operate its building (operators may place any unit anywhere)."""
    if building is None or acts_for_every_organization(actor):
        return
    if building.operator_id != owner_id:
        raise PermissionDenied(_("只能为本机构运营的楼宇发布空间。"))


# --- units ----------------------------------------------------------------------------------------


@transaction.atomic
def unit_create(*, actor: Any, owner: Organization, **data: Any) -> SpaceUnit:
    """Create a draft space unit for `owner` in `data["building"]`, which `owner` must operate
    (unless the actor is an operator). Raises PermissionDenied, ValidationError, ApplicationError
    (422 unknown fields)."""
    _require_building_of(actor=actor, owner_id=owner.pk, building=data.get("building"))
    return listing_create(
        SpaceUnit,
        actor=actor,
        owner=owner,
        allowed=UNIT_FIELDS,
        m2m={},
        data=data,
        code="spaces.spaceunit.created",
    )


def unit_update(
    *, unit: SpaceUnit, actor: Any, expected_version: int | None = None, **data: Any
) -> SpaceUnit:
    """Change the given fields of a unit (its availability included), as it is stored now. A new
    building must be operated by the unit's owner too. Raises PermissionDenied, ValidationError,
    ConflictError (409, stale `expected_version`), ApplicationError (422 unknown fields)."""
    if "building" in data:
        _require_building_of(actor=actor, owner_id=unit.owner_id, building=data["building"])
    return listing_update(
        SpaceUnit,
        pk=unit.pk,
        owner_id=unit.owner_id,
        actor=actor,
        allowed=UNIT_FIELDS,
        expected_version=expected_version,
        m2m={},
        data=data,
        code="spaces.spaceunit.updated",
    )


# --- buildings and renewal sites ------------------------------------------------------------------


def _require_operator(actor: Any) -> None:
    if not acts_for_every_organization(actor):
        raise PermissionDenied(_("只有街区运营方可以进行此操作。"))


def _save_new(obj: Any, *, actor: Any, code: str) -> Any:
    obj.full_clean()
    obj.save()
    audit_record(actor=actor, target=obj, code=code)
    return obj


def _save_changes(
    model: type[Building] | type[RenewalSite],
    *,
    pk: int,
    actor: Any,
    expected_version: int | None,
    data: dict,
    code: str,
) -> Any:
    """Change the given fields of a building or renewal site under its row lock and version check;
    the audit entry keeps the values before (e.g. the stage a site moved from)."""
    obj: Any = lock_for_update(model._default_manager.all(), pk=pk)
    version_check(obj, expected_version)
    changed = sorted(k for k, v in data.items() if getattr(obj, k) != v)
    previous = {k: str(getattr(obj, k)) for k in changed}
    for name in changed:
        setattr(obj, name, data[name])
    obj.full_clean()
    if changed:
        versioned_save(obj, update_fields=changed)
    audit_record(actor=actor, target=obj, code=code, data={"fields": changed, "before": previous})
    return obj


@transaction.atomic
def building_create(*, actor: Any, **data: Any) -> Building:
    """Operators only. Raises PermissionDenied, ValidationError."""
    _require_operator(actor)
    check_fields(data, BUILDING_FIELDS)
    return _save_new(Building(**data), actor=actor, code="spaces.building.created")


@transaction.atomic
def building_update(
    *, building: Building, actor: Any, expected_version: int | None = None, **data: Any
) -> Building:
    """Operators, and admins of the operator organisation (who may not hand the building to
    another organisation). Raises PermissionDenied, ValidationError, ConflictError (409)."""
    if not can_edit_building(user=actor, building=building):
        raise PermissionDenied(_("只有街区运营方或楼宇运营机构的管理员可以修改楼宇。"))
    check_fields(data, BUILDING_FIELDS)
    if "operator" in data and not acts_for_every_organization(actor):
        new = data["operator"]
        if (new.pk if new else None) != building.operator_id:
            raise PermissionDenied(_("只有街区运营方可以更换楼宇的运营方。"))
    return _save_changes(
        Building,
        pk=building.pk,
        actor=actor,
        expected_version=expected_version,
        data=data,
        code="spaces.building.updated",
    )


@transaction.atomic
def renewal_site_create(*, actor: Any, **data: Any) -> RenewalSite:
    """Operators only. Raises PermissionDenied, ValidationError."""
    _require_operator(actor)
    check_fields(data, RENEWAL_FIELDS)
    return _save_new(RenewalSite(**data), actor=actor, code="spaces.renewalsite.created")


@transaction.atomic
def renewal_site_update(
    *, site: RenewalSite, actor: Any, expected_version: int | None = None, **data: Any
) -> RenewalSite:
    """Operators only; a change of `stage` is audited with the stage before. Raises
    PermissionDenied, ValidationError, ConflictError (409)."""
    _require_operator(actor)
    check_fields(data, RENEWAL_FIELDS)
    return _save_changes(
        RenewalSite,
        pk=site.pk,
        actor=actor,
        expected_version=expected_version,
        data=data,
        code="spaces.renewalsite.updated",
    )
