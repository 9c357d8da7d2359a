"""Consents: every consent and withdrawal is a row with its time, version and IP, and an audit
entry; documents are accepted in their current version; only the user gives or withdraws theirs."""

import pytest
from django.core.exceptions import PermissionDenied

from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.models import AuditEntry
from alleyhub.privacy import selectors, services
from alleyhub.privacy.models import Consent, ConsentKind

pytestmark = pytest.mark.django_db


def test_giving_consent_records_version_time_ip_and_an_audit_entry():
    user = UserFactory()
    consent = services.consent_give(user=user, kind=ConsentKind.PRIVACY_NOTICE, actor=user, ip="192.0.2.4")
    assert consent.version == services.current_version(ConsentKind.PRIVACY_NOTICE) != ""
    assert consent.ip_address == "192.0.2.4" and consent.given_at and consent.withdrawn_at is None
    entry = AuditEntry.objects.get(code="privacy.consent.given")
    assert entry.actor == user and entry.ip_address == "192.0.2.4"
    assert entry.data == {"kind": "privacy_notice", "version": consent.version}


def test_giving_the_same_consent_again_changes_nothing():
    user = UserFactory()
    first = services.consent_give(user=user, kind=ConsentKind.CONTACT_SHARING, actor=user)
    again = services.consent_give(user=user, kind=ConsentKind.CONTACT_SHARING, actor=user)
    assert first.pk == again.pk
    assert Consent.objects.count() == 1 and AuditEntry.objects.count() == 1


def test_a_new_document_version_is_pending_until_accepted(settings):
    user = UserFactory()
    services.documents_accept(user=user, actor=user)
    assert selectors.documents_pending(user=user) == []
    settings.PRIVACY = {"DOCUMENT_VERSIONS": {"privacy_notice": "2099-01", "terms": "2026-12"}}
    assert selectors.documents_pending(user=user) == ["privacy_notice"]
    services.documents_accept(user=user, actor=user)
    assert selectors.documents_pending(user=user) == []
    rows = list(Consent.objects.filter(kind="privacy_notice").order_by("pk"))
    assert [r.version for r in rows] == ["2026-12", "2099-01"]
    assert rows[0].withdrawn_at is not None and rows[1].withdrawn_at is None  # superseded, kept


def test_withdrawing_closes_the_consent_and_is_audited():
    user = UserFactory()
    services.consent_give(user=user, kind=ConsentKind.CONTACT_SHARING, actor=user)
    withdrawn = services.consent_withdraw(user=user, kind=ConsentKind.CONTACT_SHARING, actor=user, ip="::1")
    assert withdrawn is not None and withdrawn.withdrawn_at is not None
    assert not selectors.contact_sharing_allowed(user_id=user.pk)
    entry = AuditEntry.objects.get(code="privacy.consent.withdrawn")
    assert entry.ip_address == "::1" and entry.data["kind"] == "contact_sharing"
    assert services.consent_withdraw(user=user, kind=ConsentKind.CONTACT_SHARING, actor=user) is None
    # Given again: a new row; the history keeps both.
    services.consent_give(user=user, kind=ConsentKind.CONTACT_SHARING, actor=user)
    assert selectors.consent_history(user=user).count() == 2


def test_documents_cannot_be_withdrawn_one_by_one():
    user = UserFactory()
    services.documents_accept(user=user, actor=user)
    with pytest.raises(ApplicationError) as refused:
        services.consent_withdraw(user=user, kind=ConsentKind.TERMS, actor=user)
    assert refused.value.status == 422


def test_only_the_user_gives_or_withdraws_their_consent():
    user, other = UserFactory(), UserFactory()
    with pytest.raises(PermissionDenied):
        services.consent_give(user=user, kind=ConsentKind.CONTACT_SHARING, actor=other)
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(user=user, kind=ConsentKind.CONTACT_SHARING, actor=other)


def test_an_unknown_kind_is_refused():
    user = UserFactory()
    with pytest.raises(ApplicationError):
        services.consent_give(user=user, kind="marketing", actor=user)
