"""The one-click "still valid" link and the operators' stale-data list."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from alleyhub.core.models import AuditEntry
from alleyhub.freshness.services import confirm_url, reminders_send
from alleyhub.freshness.tokens import SALT, confirm_token
from alleyhub.listings.tests.factories import TechDemandFactory, TechOutcomeFactory
from alleyhub.notifications.models import Notification

from ..conftest import age

pytestmark = pytest.mark.django_db


def test_the_link_in_the_reminder_confirms_without_signing_in(client, world):
    outcome = TechOutcomeFactory(owner=world.org, expires_on=None)
    age(outcome, days=200)
    assert outcome.is_stale
    reminders_send()
    link = Notification.objects.get(recipient=world.admin).url
    response = client.get(link)
    assert response.status_code == 200 and "已确认仍然有效" in response.content.decode()
    outcome.refresh_from_db()
    assert not outcome.is_stale and outcome.last_confirmed_at > timezone.now() - timedelta(minutes=1)
    audit = AuditEntry.objects.get(code="listings.techoutcome.confirmed", target_id=str(outcome.pk))
    assert audit.actor == world.admin
    # The page no longer shows the badge.
    assert (
        "信息可能过时"
        not in client.get(reverse("listings:outcome_detail", args=[outcome.pk])).content.decode()
    )


def test_a_tampered_link_is_refused(client, world):
    outcome = TechOutcomeFactory(owner=world.org)
    token = confirm_token(kind="outcome", object_id=outcome.pk, user_id=world.admin.pk)
    other = TechOutcomeFactory()
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(reverse("freshness:confirm", args=[forged])).status_code == 403
    # A valid token for a user who may not edit that listing is refused too.
    assert (
        client.get(confirm_url(kind="outcome", object_id=other.pk, user_id=world.admin.pk)).status_code == 403
    )


def test_an_old_link_has_expired(client, world, settings):
    outcome = TechOutcomeFactory(owner=world.org)
    token = signing.dumps({"k": "outcome", "o": outcome.pk, "u": world.admin.pk}, salt=SALT, compress=True)
    signer = signing.TimestampSigner(salt=SALT)
    old = signer.timestamp()
    # Re-sign with a timestamp 60 days ago.
    value = token.rsplit(":", 2)[0]
    aged = signing.TimestampSigner(salt=SALT)
    aged.timestamp = lambda: signing.b62_encode(int(signing.b62_decode(old)) - 60 * 86400)  # type: ignore[method-assign]
    stale_token = aged.sign(value)
    response = client.get(reverse("freshness:confirm", args=[stale_token]))
    assert response.status_code == 403


def test_a_link_of_a_member_who_left_is_refused(client, world):
    outcome = TechOutcomeFactory(owner=world.org)
    link = confirm_url(kind="outcome", object_id=outcome.pk, user_id=world.member.pk)
    world.member.memberships.all().delete()
    assert client.get(link).status_code == 403


def test_confirming_an_expired_listing_asks_to_change_the_date(client, world):
    outcome = TechOutcomeFactory(owner=world.org, expires_on=timezone.localdate() - timedelta(days=2))
    response = client.get(confirm_url(kind="outcome", object_id=outcome.pk, user_id=world.admin.pk))
    assert response.status_code == 400 and "有效期已过" in response.content.decode()


def test_operators_see_the_stale_list_per_organisation(client_as, world):
    stale = TechOutcomeFactory(owner=world.org)
    age(stale, days=190)
    expired = TechDemandFactory(owner=world.org, expires_on=timezone.localdate() - timedelta(days=1))
    TechOutcomeFactory(owner=world.org)  # fresh: not listed
    draft = TechOutcomeFactory(
        owner=world.org, status="draft", last_confirmed_at=None
    )  # just saved: not listed
    c = client_as(world.operator)
    page = c.get(reverse("freshness:stale_list")).content.decode()
    assert "新微传感" in page and "<td>2</td>" in page
    detail = c.get(reverse("freshness:stale_list") + f"?organization={world.org.pk}").content.decode()
    assert f'data-kind="outcome" data-id="{stale.pk}"' in detail
    assert f'data-kind="demand" data-id="{expired.pk}"' in detail
    assert f'data-id="{draft.pk}"' not in detail


def test_the_stale_list_is_for_operators_only(client, client_as, world):
    url = reverse("freshness:stale_list")
    assert client.get(url).status_code == 302  # to sign-in
    assert client_as(world.admin).get(url).status_code == 403
    assert client_as(world.operator).get(url + "?organization=abc").status_code == 404
