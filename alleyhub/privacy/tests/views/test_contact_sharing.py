"""Contact-sharing consent on the account page: a person with an account shows their e-mail to the
users they deal with (a match or case: `person_contact_parties`, stood in for here) only while they
consent; giving and withdrawing are recorded and audited."""

from contextlib import contextmanager

import pytest

from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.core.models import AuditEntry
from alleyhub.directory.hooks import ContactParties, person_contact_parties
from alleyhub.directory.tests.factories import PersonFactory
from alleyhub.privacy.models import Consent

pytestmark = pytest.mark.django_db


@contextmanager
def _parties(viewer, *people):
    """The viewer deals with `people` (the other side of a match or case)."""
    party = ContactParties(person_ids=frozenset(p.pk for p in people))
    with person_contact_parties.replaced(lambda user: party if user.pk == viewer.pk else ContactParties()):
        yield


def _email_shown(client, person, viewer) -> bool:
    client.force_login(viewer)
    page = client.get(f"/directory/people/{person.pk}/")
    assert page.status_code == 200
    api = client.get(f"/api/people/{person.pk}")
    assert api.status_code == 200
    shown_on_page = person.email in page.content.decode()
    assert shown_on_page == (api.json()["email"] == person.email)
    return shown_on_page


def test_give_and_withdraw_on_the_account_page(client):
    owner = UserFactory()
    # The record's own flag says yes (entered by an operator), but the account has not consented.
    person = PersonFactory(user=owner, contact_consent=True, email="hidden.person@example.cn")
    viewer = UserFactory()
    with _parties(viewer, person):
        assert not _email_shown(client, person, viewer)

    client.force_login(owner)
    page = client.get("/accounts/me/")
    assert 'data-testid="contact-sharing-give"' in page.content.decode()
    response = client.post("/privacy/contact-sharing/", {"action": "give"}, REMOTE_ADDR="192.0.2.8")
    assert response.status_code == 302 and response["Location"] == "/accounts/me/"
    assert 'data-testid="contact-sharing-withdraw"' in client.get("/accounts/me/").content.decode()
    with _parties(viewer, person):
        assert _email_shown(client, person, viewer)
    assert not _email_shown(client, person, viewer)  # consent alone does not show it to everyone

    client.force_login(owner)
    client.post("/privacy/contact-sharing/", {"action": "withdraw"})
    with _parties(viewer, person):
        assert not _email_shown(client, person, viewer)

    rows = Consent.objects.filter(user=owner, kind="contact_sharing")
    assert rows.count() == 1 and rows.get().withdrawn_at is not None and rows.get().ip_address == "192.0.2.8"
    assert list(AuditEntry.objects.filter(actor=owner).order_by("pk").values_list("code", flat=True)) == [
        "privacy.consent.given",
        "privacy.consent.withdrawn",
    ]
    client.force_login(owner)
    assert 'data-testid="consent-history"' in client.get("/accounts/me/").content.decode()


def test_operators_and_the_person_themself_always_see_it(client):
    owner = UserFactory()
    person = PersonFactory(user=owner, email="own@example.cn")
    assert _email_shown(client, person, owner)
    assert _email_shown(client, person, UserFactory(role=Role.OPERATOR))


def test_a_person_without_an_account_follows_the_records_flag(client):
    viewer = UserFactory()
    agreed, refused = PersonFactory(contact_consent=True), PersonFactory(contact_consent=False)
    with _parties(viewer, agreed, refused):
        assert _email_shown(client, agreed, viewer)
        assert not _email_shown(client, refused, viewer)


def test_anonymous_visitors_cannot_change_consent(client):
    response = client.post("/privacy/contact-sharing/", {"action": "give"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Consent.objects.exists()


def test_operators_see_the_audit_link_on_their_account_page(client):
    client.force_login(UserFactory(role=Role.OPERATOR))
    assert 'data-testid="audit-link"' in client.get("/accounts/me/").content.decode()
    client.force_login(UserFactory())
    assert 'data-testid="audit-link"' not in client.get("/accounts/me/").content.decode()
