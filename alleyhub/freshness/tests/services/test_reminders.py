"""Reminders 30 and 7 days before expiry and after 180 days without a confirmation: each once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.core.models import ListingStatus
from alleyhub.freshness.models import ListingReminder
from alleyhub.freshness.services import reminders_send
from alleyhub.freshness.tasks import send_listing_reminders
from alleyhub.listings.tests.factories import TechDemandFactory, TechOutcomeFactory
from alleyhub.notifications.models import Notification
from alleyhub.spaces.tests.factories import SpaceUnitFactory

from ..conftest import age

pytestmark = pytest.mark.django_db


def _in(days: int):
    return timezone.localdate() + timedelta(days=days)


def test_thirty_and_seven_days_before_expiry_each_once(world):
    outcome = TechOutcomeFactory(owner=world.org, expires_on=_in(25))
    assert reminders_send() == 1
    assert reminders_send() == 0  # a rerun sends nothing
    n = Notification.objects.get(recipient=world.admin)
    assert (
        n.code == "freshness.listing.expires_soon"
        and "25" in n.body
        and n.url.startswith("/freshness/confirm/")
    )
    # The admins hear about it; plain members only when the organisation has no admin.
    assert not Notification.objects.filter(recipient=world.member).exists()

    # 20 days later it is 5 days from expiry: the 7-day reminder, once.
    later = timezone.now() + timedelta(days=20)
    assert reminders_send(now=later) == 1
    assert reminders_send(now=later) == 0
    assert list(ListingReminder.objects.order_by("pk").values_list("reason", flat=True)) == [
        "expires_30",
        "expires_7",
    ]
    assert ListingReminder.objects.filter(object_id=outcome.pk).count() == 2


def test_a_new_expiry_date_gets_its_own_reminders(world):
    outcome = TechOutcomeFactory(owner=world.org, expires_on=_in(20))
    reminders_send()
    outcome.expires_on = _in(28)
    outcome.save()
    assert reminders_send() == 1


def test_listing_first_seen_five_days_before_expiry_gets_only_the_seven_day_reminder(world):
    TechDemandFactory(owner=world.org, expires_on=_in(5))
    reminders_send()
    assert list(ListingReminder.objects.values_list("reason", flat=True)) == ["expires_7"]


def test_far_expiry_drafts_and_expired_listings_get_none(world):
    TechOutcomeFactory(owner=world.org, expires_on=_in(90))
    TechOutcomeFactory(owner=world.org, expires_on=_in(10), status=ListingStatus.DRAFT)
    TechOutcomeFactory(owner=world.org, expires_on=_in(-1))
    assert reminders_send() == 0


def test_unconfirmed_for_180_days_once_per_confirmation(world):
    service = ServiceOfferingFactory(owner=world.org, expires_on=None)
    age(service, days=181)
    assert reminders_send() == 1
    assert reminders_send() == 0
    assert Notification.objects.get(recipient=world.admin).code == "freshness.listing.unconfirmed"


def test_saved_recently_is_not_reminded(world):
    unit = SpaceUnitFactory(owner=world.org, expires_on=None, last_confirmed_at=None)  # saved just now
    assert unit.is_stale is False
    assert reminders_send() == 0


def test_without_members_nothing_is_recorded_so_a_later_member_hears(world):
    from alleyhub.directory.tests.factories import OrganizationFactory

    lonely = OrganizationFactory(name_zh="华泰材料", slug="huatai")
    TechOutcomeFactory(owner=lonely, expires_on=_in(10))
    assert reminders_send() == 0
    assert not ListingReminder.objects.exists()


def test_the_periodic_task_sends(world):
    TechOutcomeFactory(owner=world.org, expires_on=_in(3))
    assert send_listing_reminders.call() == 1


def test_reminder_is_in_the_recipients_language(world):
    world.admin.preferred_language = "en"
    world.admin.save()
    TechOutcomeFactory(owner=world.org, expires_on=_in(3), title_en="GaN epitaxy")
    reminders_send()
    n = Notification.objects.get(recipient=world.admin)
    assert "GaN epitaxy" in n.title and "expires" in n.title.lower()
