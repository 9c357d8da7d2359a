"""Automated matching leaves out the objects of users who opted out of it (PIPL Art. 24, recorded
by `privacy`): their listings and person records are neither matched nor suggested as matches."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from alleyhub.core.models import PublishableListing
from alleyhub.directory.models import Person
from alleyhub.privacy.selectors import matching_opted_out_user_ids

from .documents import SPECS, doc_id_for


def owner_user_field(model: type[models.Model]) -> str | None:
    """The field naming the user whose object this is: who entered a listing, whose person record."""
    if issubclass(model, PublishableListing):
        return "created_by"
    if issubclass(model, Person):
        return "user"
    return None


def owner_user_id(source: models.Model) -> int | None:
    field = owner_user_field(type(source))
    return getattr(source, f"{field}_id", None) if field else None


def opted_out_targets(*, source: models.Model, target_kinds: Iterable[str]) -> tuple[bool, set[str]]:
    """(whether `source` itself is opted out, the doc ids of targets of `target_kinds` that are).
    One query when nobody opted out."""
    users = matching_opted_out_user_ids()
    if not users:
        return False, set()
    if owner_user_id(source) in users:
        return True, set()
    excluded: set[str] = set()
    for kind in target_kinds:
        spec = SPECS.get(kind)
        field = owner_user_field(spec.model) if spec else None
        if spec is None or field is None:
            continue
        pks = spec.model._default_manager.filter(**{f"{field}_id__in": users}).values_list("pk", flat=True)
        excluded |= {doc_id_for(kind, pk) for pk in pks}
    return False, excluded


def user_objects(user_id: int) -> list[tuple[str, models.Model]]:
    """(kind, object) of every indexed object that is `user_id`'s."""
    found: list[tuple[str, models.Model]] = []
    for kind, spec in SPECS.items():
        field = owner_user_field(spec.model)
        if field is not None:
            found += [
                (kind, obj) for obj in spec.queryset().filter(**{f"{field}_id": user_id}).order_by("pk")
            ]
    return found
