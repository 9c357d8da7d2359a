"""E-mail per category of event: "never" for a category sends no e-mail (the in-app notification
still arrives), other categories follow the default."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from alleyhub.core.models import AuditEntry
from alleyhub.notifications import services
from alleyhub.notifications.categories import CATEGORY_KEYS, category_of
from alleyhub.notifications.messages import MESSAGES
from alleyhub.notifications.models import Notification
from alleyhub.notifications.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MATCH = {"target": "一项成果", "source": "一项需求"}
CASE = {"case": "对接项目", "actor": "经纪人", "broker": "经纪人"}


def test_every_registered_code_has_a_known_category():
    assert {category_of(code) for code in MESSAGES} <= set(CATEGORY_KEYS)
    assert category_of("matching.match.suggested") == "matches"
    assert category_of("brokerage.case.created") == "cases"
    assert category_of("requests.request.accepted") == "requests"
    assert category_of("directory.join.approved") == "organisation"
    assert category_of("enquiries.enquiry.created") == "enquiries"
    assert category_of("freshness.listing.expires_soon") == "listings"
    assert category_of("something.new") == "general"


def test_never_for_a_category_sends_no_e_mail_but_keeps_the_in_app_notification(commit):
    user = UserFactory()
    services.preference_set(user=user, email_mode="immediate", category_modes={"matches": "off"})
    with commit():
        muted = services.notify(recipient=user, code="matching.match.suggested", context=MATCH)
        heard = services.notify(recipient=user, code="brokerage.case.created", context=CASE)
    assert muted.email_state == Notification.EmailState.NONE
    assert heard.email_state != Notification.EmailState.NONE
    assert [m.subject for m in mail.outbox] == [heard.title]
    assert Notification.objects.filter(recipient=user).count() == 2


def test_a_category_can_go_to_the_digest_while_the_default_is_off(commit):
    user = UserFactory()
    services.preference_set(user=user, email_mode="off", category_modes={"cases": "daily"})
    with commit():
        case = services.notify(recipient=user, code="brokerage.case.created", context=CASE)
        match = services.notify(recipient=user, code="matching.match.suggested", context=MATCH)
    assert case.email_state == Notification.EmailState.DIGEST
    assert match.email_state == Notification.EmailState.NONE
    assert mail.outbox == []


def test_unknown_categories_and_modes_are_refused():
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.preference_set(user=user, email_mode="immediate", category_modes={"weather": "off"})
    with pytest.raises(ValidationError):
        services.preference_set(user=user, email_mode="immediate", category_modes={"matches": "hourly"})
    with pytest.raises(ValidationError):
        services.preference_set(user=user, email_mode="sometimes")


def test_a_change_is_audited_and_an_empty_choice_follows_the_default():
    user = UserFactory()
    pref = services.preference_set(
        user=user, email_mode="daily", category_modes={"matches": "off", "cases": ""}
    )
    assert pref.category_modes == {"matches": "off"}
    assert pref.mode_for("cases") == "daily"
    assert AuditEntry.objects.filter(code="notifications.preference.changed").count() == 1
