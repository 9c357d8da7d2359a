"""Erasing a user's personal data (PIPL Art. 47): the pieces `services.user_erase` puts together.

1. every registered eraser (`hooks.personal_data_erasers`) removes what its app holds;
2. the person record is anonymised (it may be part of a case's history, so it is kept, nameless);
3. references that keep history (a request's submitter, a case's broker, an audit entry's actor,
   whatever the on_delete rule — PROTECT included) move to the one "deleted user" account
   (`已注销用户`); the rest (memberships, tokens, own notifications, consents …) goes with the row;
4. the account row is deleted;
5. any remaining mention of the user's names in any text, char or JSON column is replaced by
   `已注销用户` (`scrub_names`): free text others wrote about them, audit details, titles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import models
from django.db.models import Q
from django.db.models.fields.reverse_related import ForeignObjectRel

from alleyhub.accounts.models import User
from alleyhub.directory.models import Person

DELETED_USERNAME = "deleted-user"
DELETED_NAME = "已注销用户"  # stored as data: the same words in every language's history
MIN_NAME_LENGTH = 2

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def deleted_user() -> User:
    """The inactive account that stands for every deleted user in the history they leave."""
    user, _created = User.objects.get_or_create(
        username=DELETED_USERNAME,
        defaults={"display_name": DELETED_NAME, "is_active": False, "password": make_password(None)},
    )
    return user


def personal_names(user: User) -> list[str]:
    """The strings that name `user`, longest first (so "王小明" is replaced before "小明" would be)."""
    names = {
        user.display_name,
        user.get_full_name(),
        user.first_name + user.last_name,
        user.email,
        user.phone,
    }
    for person in Person.objects.filter(user=user):
        names |= {person.name_zh, person.name_en, person.email}
    return sorted(
        {n.strip() for n in names if n and len(n.strip()) >= MIN_NAME_LENGTH}, key=len, reverse=True
    )


def anonymise_person(user: User) -> None:
    for person in Person.objects.filter(user=user):
        person.name_zh, person.name_en = DELETED_NAME, ""
        person.title_zh = person.title_en = person.bio_zh = person.bio_en = person.expertise = ""
        person.email, person.is_published, person.contact_consent, person.user = "", False, False, None
        person.save()
        person.industries.clear()
        person.affiliations.all().delete()


def _unique_together_with(field: models.Field) -> bool:
    opts = field.model._meta
    if field.unique:
        return True
    groups = [set(g) for g in opts.unique_together] + [
        set(c.fields) for c in opts.constraints if isinstance(c, models.UniqueConstraint)
    ]
    return any(field.name in g for g in groups)


def reassign_references(user: User, to: User) -> None:
    """Point every reference to `user` that is not deleted with it at `to` (or at nothing where a
    uniqueness rule would not allow two rows of `to`); many-to-many links to `user` are removed."""
    for relation in User._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ForeignObjectRel):
            continue
        field: Any = relation.field
        if field.many_to_many:
            through = getattr(field.model, field.name).through
            through.objects.filter(**{field.m2m_reverse_field_name(): user.pk}).delete()
            continue
        if field.model._meta.auto_created or relation.on_delete is models.CASCADE:
            continue
        rows = field.model._base_manager.filter(**{field.name: user})
        if _unique_together_with(field):
            if field.null:
                rows.update(**{field.name: None})
        else:
            rows.update(**{field.name: to})


def _text_fields() -> Iterator[tuple[type[models.Model], list[Any]]]:
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS) and not f.primary_key]
        if fields:
            yield model, fields


def _needles(name: str) -> set[str]:
    # JSON columns may hold non-ASCII text escaped (\uXXXX), as SQLite stores Django's JSON.
    return {name, json.dumps(name)[1:-1]}


def mentions_q(field: models.Field, names: list[str]) -> Q:
    q = Q()
    for name in names:
        for needle in _needles(name) if isinstance(field, models.JSONField) else {name}:
            q |= Q(**{f"{field.name}__icontains": needle})
    return q


def _replace(value, names: list[str]):
    if isinstance(value, str):
        for name in names:
            if name.lower() in value.lower():
                value = _replace_ci(value, name)
        return value
    if isinstance(value, list):
        return [_replace(v, names) for v in value]
    if isinstance(value, dict):
        return {_replace(k, names): _replace(v, names) for k, v in value.items()}
    return value


def _replace_ci(text: str, name: str) -> str:
    lower, target, out, i = text.lower(), name.lower(), [], 0
    while (j := lower.find(target, i)) >= 0:
        out += [text[i:j], DELETED_NAME]
        i = j + len(name)
    return "".join([*out, text[i:]])


def scrub_names(
    names: list[str],
    *,
    skip: tuple[type[models.Model], ...] = (),
    only: tuple[type[models.Model], ...] | None = None,
) -> int:
    """Replace every mention of `names` in every text, char and JSON column of every model (or
    `only` these) with `已注销用户` (a value too long for its column is cut). Returns the rows
    changed. Rows are updated without signals: the callers re-index what they must."""
    if not names:
        return 0
    changed = 0
    for model, fields in _text_fields():
        if model in skip or (only is not None and model not in only):
            continue
        condition = Q()
        for field in fields:
            condition |= mentions_q(field, names)
        for row in model._base_manager.filter(condition).iterator():
            updates = {}
            for field in fields:
                old = getattr(row, field.attname)
                new = _replace(old, names)
                if new != old:
                    if isinstance(new, str) and getattr(field, "max_length", None):
                        new = new[: field.max_length]
                    updates[field.attname] = new
            if updates:
                model._base_manager.filter(pk=row.pk).update(**updates)
                changed += 1
    return changed


def name_mentions(names: list[str]) -> list[tuple[str, object, str]]:
    """(model label, pk, field) of every text, char or JSON value that still mentions `names`."""
    found = []
    for model, fields in _text_fields():
        for field in fields:
            q = mentions_q(field, names)
            for pk in model._base_manager.filter(q).values_list("pk", flat=True):
                found.append((model._meta.label, pk, field.name))
    return found
