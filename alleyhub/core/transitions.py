"""The one way every stateful object changes state, and the one way every edit is protected from a
lost update.

- **Allowed moves are data**: a `TransitionTable` of `Transition(action, sources, target, actors)`.
  Pages and the API ask the table which actions to offer (`allowed`), services ask it whether an
  action may run now (`check`); nothing else decides what is allowed.
- **Optimistic locking**: every stateful model has a `version` (`core.models.VersionedModel`). A page
  sends the version it showed (a hidden form field), the API client sends `version` in the body or
  an `If-Match` header. A service locks the row (`lock_for_update`), compares (`version_check`) and
  writes with `versioned_save`, which bumps the version with `UPDATE … WHERE version = <expected>`.
  A stale version raises `ConflictError`: 409 problem JSON on the API, "someone else changed this"
  on pages (`core.pages`). Without an expected version the write still happens under the row lock,
  so two writers of different fields never lose each other's change.

A service that moves state reads like this::

    with transaction.atomic():
        case = lock_for_update(Case.objects, pk=case_id)
        version_check(case, expected_version)
        move = CASE_MOVES.check(case, action, roles=roles)
        case.stage = move.target
        versioned_save(case, update_fields=["stage"])
        audit_record(actor=actor, target=case, code="brokerage.case.moved", data={...})
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import F, Manager, Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import ApplicationError, ConflictError

if TYPE_CHECKING:
    from .models import VersionedModel

M = TypeVar("M", bound=Model)
V = TypeVar("V", bound="VersionedModel")


@dataclass(frozen=True)
class Transition:
    """`action` moves an object from any of `sources` to `target`. `actors` are the capacities
    (roles relative to the object, e.g. "unit", "owner", "broker") that may take it; empty means
    anyone the service already allowed to write. `note_required`: the action needs a reason."""

    action: str
    sources: frozenset[str]
    target: str
    actors: frozenset[str] = frozenset()
    note_required: bool = False
    label: Any = ""  # a lazy translated label for buttons and messages

    def display(self) -> str:
        return str(self.label or self.action)


@dataclass(frozen=True)
class TransitionTable:
    """The allowed moves of one kind of object. `field` names the model's state field."""

    transitions: tuple[Transition, ...]
    field: str = "status"
    _by_action: dict[str, Transition] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_action", {t.action: t for t in self.transitions})

    def __contains__(self, action: object) -> bool:
        return action in self._by_action

    def __iter__(self) -> Iterator[Transition]:
        return iter(self.transitions)

    def get(self, action: str) -> Transition:
        """The transition for `action`. Raises ApplicationError (400, code "unknown_action")."""
        try:
            return self._by_action[action]
        except KeyError:
            raise ApplicationError(
                _("未知的操作：%(action)s") % {"action": action}, {"code": "unknown_action"}
            ) from None

    def targets(self, state: str) -> list[str]:
        """The states reachable from `state` in one move, in table order, without duplicates."""
        return list(dict.fromkeys(t.target for t in self.transitions if state in t.sources))

    def allowed(self, state: str, roles: Collection[str] | None = None) -> list[Transition]:
        """The moves open from `state` to someone in `roles` (None: ignore who acts)."""
        return [
            t
            for t in self.transitions
            if state in t.sources and (roles is None or not t.actors or set(roles) & t.actors)
        ]

    def check(
        self,
        obj: Model,
        action: str,
        *,
        roles: Collection[str] | None = None,
        note: str = "",
    ) -> Transition:
        """The transition `action` on `obj` in its current state, or an error:
        PermissionDenied (403) if none of `roles` may take it; ApplicationError (409, code
        "forbidden_transition") if the current state does not allow it; ApplicationError (400,
        code "note_required") if it needs a note and none was given."""
        t = self.get(action)
        if roles is not None and t.actors and not (set(roles) & t.actors):
            raise PermissionDenied(_("您无权执行“%(action)s”。") % {"action": t.display()})
        state = getattr(obj, self.field)
        if state not in t.sources:
            raise ApplicationError(
                _("当前状态“%(state)s”下不能执行“%(action)s”。")
                % {"state": _state_display(obj, self.field), "action": t.display()},
                {"code": "forbidden_transition", "current_state": state, "action": action},
                status=409,
            )
        if t.note_required and not (note or "").strip():
            raise ApplicationError(_("请填写说明。"), {"code": "note_required"})
        return t


def table_from_targets(
    moves: Mapping[str, Iterable[str]], *, field: str = "status", labels: Mapping[str, Any] | None = None
) -> TransitionTable:
    """A table whose actions are the target states (for pipelines where "move to X" is the
    action, e.g. a case's stages): {source: [targets]} → one Transition per target."""
    sources: dict[str, set[str]] = {}
    for source, targets in moves.items():
        for target in targets:
            sources.setdefault(str(target), set()).add(str(source))
    labels = labels or {}
    return TransitionTable(
        tuple(
            Transition(action=target, sources=frozenset(s), target=target, label=labels.get(target, ""))
            for target, s in sources.items()
        ),
        field=field,
    )


def _state_display(obj: Model, field_name: str) -> str:
    display = getattr(obj, f"get_{field_name}_display", None)
    return str(display()) if callable(display) else str(getattr(obj, field_name))


# --- optimistic locking -----------------------------------------------------------------------


def lock_for_update(queryset: QuerySet[M] | Manager[M], **lookup: Any) -> M:
    """The row matching `lookup`, locked until the end of the transaction (SELECT … FOR UPDATE of
    this table only; SQLite serialises writers itself). Raises Http404 when there is none."""
    obj = queryset.all().select_for_update(of=("self",)).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def conflict_error(obj: VersionedModel, *, message: str | None = None) -> ConflictError:
    """The 409 for a stale version, naming the current version (and state, when there is one) so
    a client can reload and retry."""
    extra: dict[str, Any] = {"code": "conflict", "current_version": obj.version}
    for name in ("status", "stage"):
        if hasattr(obj, name):
            extra["current_state"] = getattr(obj, name)
            break
    return ConflictError(
        message or _("此内容已被他人修改（当前版本 %(version)s）。") % {"version": obj.version},
        extra,
        current=obj,
    )


def version_check(obj: VersionedModel, expected_version: int | None) -> None:
    """Raise ConflictError if the caller saw another version than the row has now. None means the
    caller did not say (an API client without `version`/`If-Match`): the write goes ahead under
    the row lock."""
    if expected_version is not None and obj.version != expected_version:
        raise conflict_error(obj)


def versioned_save(obj: V, *, update_fields: Iterable[str] | None = None) -> V:
    """Write `obj` and bump its version, only if the row still has the version `obj` was read at.
    `update_fields=None` writes every concrete field. Raises ConflictError (nothing written) if
    another writer got there first."""
    model = type(obj)
    seen = obj.version
    concrete = {f.name: f.attname for f in model._meta.concrete_fields if not f.primary_key}
    concrete.update({attname: attname for attname in concrete.values()})  # "owner" or "owner_id"
    names = (
        list(dict.fromkeys(concrete.values()))
        if update_fields is None
        else [concrete[n] for n in update_fields]
    )
    values: dict[str, Any] = {n: getattr(obj, n) for n in names if n != "version"}
    if "updated_at" in concrete:
        obj.updated_at = values["updated_at"] = timezone.now()  # type: ignore[attr-defined]
    updated = model._default_manager.filter(pk=obj.pk, version=seen).update(
        version=F("version") + 1, **values
    )
    if not updated:
        current = model._default_manager.filter(pk=obj.pk).first()
        if current is None:
            raise Http404
        raise conflict_error(current)
    obj.version = seen + 1
    return obj


_IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


def expected_version_from(request: HttpRequest, body_version: int | None = None) -> int | None:
    """The version an API client says it saw: `version` in the body, else the `If-Match` header
    (`"3"`, `W/"3"` or `3`). Raises ApplicationError (400) for an If-Match that is not a version,
    and (409) when body and header disagree."""
    header = request.headers.get("If-Match")
    header_version = None
    if header and header.strip() != "*":
        match = _IF_MATCH.match(header)
        if not match:
            raise ApplicationError(_('If-Match 头应为版本号，例如 "3"。'), {"code": "bad_if_match"})
        header_version = int(match.group(1))
    if body_version is not None and header_version is not None and body_version != header_version:
        raise ApplicationError(
            _("请求正文中的版本与 If-Match 头不一致。"), {"code": "version_mismatch"}, status=409
        )
    return body_version if body_version is not None else header_version


def etag_for(obj: VersionedModel) -> str:
    """The ETag an API detail response carries, for clients that use If-Match."""
    return f'"{obj.version}"'
