"""Building a user's data export, and the exporters for what accounts, directory and privacy hold.
Higher apps register their own exporters in `privacy.hooks.personal_data_exporters`."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable, Iterable

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, QuerySet

from alleyhub.accounts.models import Membership, PersonalAccessToken, User
from alleyhub.core.models import AuditEntry
from alleyhub.directory.models import Affiliation, ListingAttachment, Person

from .hooks import PersonalData, personal_data_exporters
from .models import Consent, DataExport

USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "display_name",
    "phone",
    "job_title",
    "languages_spoken",
    "role",
    "preferred_language",
    "date_joined",
    "last_login",
    "signed_up_at",
    "email_verified_at",
)


def records(rows: QuerySet | Iterable[Model], fields: Iterable[str] | None = None) -> list[dict]:
    """Rows as Django's serializer writes them ({"model", "pk", "fields"}): every field, or `fields`."""
    return serializers.serialize("python", rows, fields=tuple(fields) if fields else None)


def account_data(user: User) -> PersonalData:
    return PersonalData(
        name="account",
        records={
            "user": records([user], USER_FIELDS),
            "memberships": records(Membership.objects.filter(user=user)),
            # Names and dates only: a token's hash is of no use to its owner.
            "access_tokens": records(
                PersonalAccessToken.objects.filter(user=user),
                ("name", "created_at", "last_used_at", "expires_at", "revoked_at"),
            ),
        },
        files=[(f"photo{os.path.splitext(user.photo.name or '')[1]}", user.photo)] if user.photo else [],
    )


def directory_data(user: User) -> PersonalData:
    people = Person.objects.filter(user=user)
    # Files the user attached to listings (the listing belongs to the organisation; on erasure
    # the files stay with it and `uploaded_by` points at the deleted-user placeholder).
    attachments = ListingAttachment.objects.filter(uploaded_by=user).order_by("pk")
    return PersonalData(
        name="person",
        records={
            "person": records(people),
            "affiliations": records(Affiliation.objects.filter(person__in=people)),
            "listing_attachments": records(attachments),
        },
        files=[(f"{a.pk}-{a.original_name}", a.file) for a in attachments if a.file],
    )


def privacy_data(user: User) -> PersonalData:
    return PersonalData(
        name="privacy",
        records={
            "consents": records(Consent.objects.filter(user=user)),
            "actions": records(AuditEntry.objects.filter(actor=user).order_by("at")),
        },
    )


def register_own_exporters() -> None:
    for exporter in (account_data, directory_data, privacy_data):
        personal_data_exporters.register(exporter, key=f"privacy.{exporter.__name__}", order=-1)


def build_zip(*, user: User, progress: Callable[[int], None]) -> bytes:
    """The ZIP of `user`'s data: one JSON file per exporter and the user's files under `files/`.
    Calls `progress(percent)` after each exporter."""
    exporters = personal_data_exporters.providers()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, exporter in enumerate(exporters, start=1):
            part = exporter(user)
            archive.writestr(
                f"{part.name}.json",
                json.dumps(part.records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            for name, stored in part.files:
                try:
                    with stored.open("rb") as handle:
                        archive.writestr(f"files/{part.name}/{os.path.basename(name)}", handle.read())
                except (FileNotFoundError, ValueError):
                    continue  # a file missing from storage is left out, not the whole export
            progress(min(99, done * 100 // max(len(exporters), 1)))
    return buffer.getvalue()


def export_file_name(export: DataExport) -> str:
    return f"alleyhub-data-{export.created_at:%Y%m%d}.zip"
