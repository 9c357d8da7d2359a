"""Reads of the privacy app: the audit log, consents, the automated-matching opt-out."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import AuditEntry

from .conf import privacy_setting
from .models import DOCUMENT_KINDS, Consent, ConsentKind, DataExport, DeletionRequest, DeletionStatus

AUDIT_FILTER_MAX_LENGTH = 100


def audit_visible(*, user) -> bool:
    """Operators, the task force and superusers read the audit log; nobody else."""
    return bool(user and user.is_authenticated and user.is_operator)


@dataclass(frozen=True)
class AuditListParams:
    """What the audit list shows. The page (`/privacy/audit/`) and `GET /api/audit` build it from
    their query and call `audit_list`, so the same parameters give the same rows in the same order.

    - actor: a user id (who did it), or None for everyone;
    - target_type: the object's model label (e.g. "requests.enterpriserequest"), exact;
    - target_id: the object's id, exact (only meaningful together with target_type);
    - code: an action code (e.g. "requests.request.accept"), or the start of one ending in "."
      (e.g. "requests.") for every action of an app or object type.

    Raises ApplicationError (422) for a value that is too long."""

    actor: int | None = None
    target_type: str = ""
    target_id: str = ""
    code: str = ""

    def __post_init__(self) -> None:
        for name in ("target_type", "target_id", "code"):
            if len(getattr(self, name)) > AUDIT_FILTER_MAX_LENGTH:
                raise ApplicationError(
                    _("%(field)s 过长（最多 %(max)s 个字符）。")
                    % {"field": name, "max": AUDIT_FILTER_MAX_LENGTH},
                    status=422,
                )


def audit_list(*, user, params: AuditListParams) -> QuerySet[AuditEntry]:
    """Audit entries matching `params`, newest first. Raises PermissionDenied unless `user` may
    read the audit log (`audit_visible`)."""
    if not audit_visible(user=user):
        raise PermissionDenied(_("只有街区运营方和工作专班可以查看审计记录。"))
    qs = AuditEntry.objects.select_related("actor")
    if params.actor is not None:
        qs = qs.filter(actor_id=params.actor)
    if params.target_type:
        qs = qs.filter(target_type=params.target_type.lower())
    if params.target_id:
        qs = qs.filter(target_id=params.target_id)
    if params.code:
        qs = (
            qs.filter(code__startswith=params.code)
            if params.code.endswith(".")
            else qs.filter(code=params.code)
        )
    return qs.order_by("-at", "-pk")


# --- consent ---------------------------------------------------------------------------------------


def consent_active(*, user, kind: str) -> Consent | None:
    """`user`'s consent of `kind` that is not withdrawn, or None."""
    return Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True).first()


def documents_pending(*, user) -> list[str]:
    """The documents (privacy notice, terms) `user` has not accepted in their current version."""
    versions = privacy_setting("DOCUMENT_VERSIONS")
    accepted = set(
        Consent.objects.filter(user=user, kind__in=DOCUMENT_KINDS, withdrawn_at__isnull=True).values_list(
            "kind", "version"
        )
    )
    return [kind for kind in DOCUMENT_KINDS if (kind, str(versions.get(kind, ""))) not in accepted]


def consent_history(*, user) -> QuerySet[Consent]:
    """Every consent `user` gave or withdrew, newest first."""
    return Consent.objects.filter(user=user).order_by("-given_at", "-pk")


def contact_sharing_allowed(*, user_id: int) -> bool:
    """Whether the user agreed that their contact details be shown to matched parties."""
    return Consent.objects.filter(
        user_id=user_id, kind=ConsentKind.CONTACT_SHARING, withdrawn_at__isnull=True
    ).exists()


def matching_opted_out_user_ids(*, user_ids=None) -> set[int]:
    """The users (of `user_ids`, or all) who opted out of automated matching (PIPL Art. 24)."""
    qs = Consent.objects.filter(kind=ConsentKind.MATCHING_OPT_OUT, withdrawn_at__isnull=True)
    if user_ids is not None:
        qs = qs.filter(user_id__in=list(user_ids))
    return set(qs.values_list("user_id", flat=True))


def matching_opted_out(*, user_id: int) -> bool:
    return bool(matching_opted_out_user_ids(user_ids=[user_id]))


def person_contact_consent(person) -> bool | None:
    """For `directory.hooks.person_contact_consent`: a person with a platform account shares
    their contact details only with their recorded consent; for others (entered by operators),
    no opinion (the directory's own `contact_consent` flag decides)."""
    if not person.user_id:
        return None
    return contact_sharing_allowed(user_id=person.user_id)


# --- data export -----------------------------------------------------------------------------------


def export_get_for_user(*, pk: int, user) -> DataExport:
    """`user`'s own export; Http404 for anyone else's."""
    export = DataExport.objects.filter(pk=pk, user_id=user.pk).first()
    if export is None:
        raise Http404
    return export


def export_latest(*, user) -> DataExport | None:
    return DataExport.objects.filter(user_id=user.pk).order_by("-created_at", "-pk").first()


# --- account deletion ------------------------------------------------------------------------------


def deletion_scheduled(*, user) -> DeletionRequest | None:
    return DeletionRequest.objects.filter(user_id=user.pk, status=DeletionStatus.SCHEDULED).first()
