"""A notification is rendered when it is read, in the reader's language, and when it is e-mailed,
in the recipient's language at sending time — not frozen in the language of its creation."""

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy, override

from alleyhub.brokerage.transitions import Stage
from alleyhub.notifications.delivery import notification_email_send
from alleyhub.notifications.models import Notification, NotificationPreference
from alleyhub.notifications.services import digest_send_for_user, notify
from alleyhub.notifications.tests.factories import NotificationFactory, PreferenceFactory, UserFactory

pytestmark = pytest.mark.django_db

CASE = "张江石墨烯导热膜中试"  # a case's title: a proper name, the same in both languages


def _stage_changed(user) -> Notification:
    notification = notify(
        recipient=user,
        code="brokerage.case.stage_changed",
        context={
            "case": CASE,
            "actor": "李明",
            "old_stage": Stage.NEGOTIATION.label,
            "stage": Stage.SIGNED.label,
            "note": "",
        },
        email=False,
    )
    assert notification is not None
    return notification


def test_created_in_chinese_the_stored_text_is_chinese_and_params_keep_the_msgids():
    notification = _stage_changed(UserFactory(preferred_language="zh-hans"))
    assert notification.title == f"对接项目「{CASE}」进入：签约"
    assert notification.params["stage"] == {"t": "签约"}
    assert notification.params["case"] == CASE


def test_an_english_page_shows_a_notification_created_in_chinese_in_english(client_as):
    user = UserFactory(preferred_language="zh-hans")
    _stage_changed(user)
    client = client_as(user)
    english = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Case “{CASE}” moved to: Signed" in english
    assert "进入：签约" not in english
    chinese = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert f"对接项目「{CASE}」进入：签约" in chinese


def test_the_api_renders_in_the_requests_language(client_as):
    user = UserFactory(preferred_language="zh-hans")
    _stage_changed(user)
    client = client_as(user)
    item = client.get("/api/notifications", HTTP_ACCEPT_LANGUAGE="en").json()["items"][0]
    assert item["title"] == f"Case “{CASE}” moved to: Signed"
    assert "from “Negotiation” to “Signed”" in item["body"] or "to “Signed”" in item["body"]
    assert item["language"] == "en"
    item = client.get("/api/notifications", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["items"][0]
    assert item["title"] == f"对接项目「{CASE}」进入：签约"
    assert item["language"] == "zh-hans"


def test_a_model_parameter_keeps_both_language_versions():
    from alleyhub.directory.tests.factories import OrganizationFactory

    org = OrganizationFactory(name_zh="上海硅巷科技有限公司", name_en="Shanghai Silicon Alley Tech Co.")
    user = UserFactory(preferred_language="zh-hans")
    notification = notify(
        recipient=user, code="directory.organization.approved", context={"organization": org}, email=False
    )
    assert notification.params["organization"]["i18n"]["en"] == "Shanghai Silicon Alley Tech Co."
    notification = Notification.objects.get(pk=notification.pk)  # as read back from the database
    assert "Shanghai Silicon Alley Tech Co." in notification.rendered("en")[0]
    assert "上海硅巷科技有限公司" in notification.rendered("zh-hans")[0]


def test_the_email_goes_out_in_the_recipients_language_at_sending_time():
    user = UserFactory(preferred_language="zh-hans", email="li@example.com")
    notification = notify(
        recipient=user,
        code="brokerage.case.stage_changed",
        context={
            "case": CASE,
            "actor": "李明",
            "old_stage": Stage.LEAD.label,
            "stage": Stage.SIGNED.label,
            "note": "",
        },
        dedup_key="mail-test",
    )
    Notification.objects.filter(pk=notification.pk).update(email_state=Notification.EmailState.PENDING)
    mail.outbox.clear()
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    assert notification_email_send(notification_id=notification.pk)
    (message,) = mail.outbox
    assert message.subject == f"Case “{CASE}” moved to: Signed"
    assert "Signed" in message.body and "签约" not in message.body
    assert "进入" not in message.alternatives[0][0]


def test_the_digest_is_in_the_recipients_language_at_sending_time():
    user = UserFactory(preferred_language="zh-hans", email="wang@example.com")
    PreferenceFactory(user=user, email_mode=NotificationPreference.EmailMode.DAILY)
    notification = _stage_changed(user)
    Notification.objects.filter(pk=notification.pk).update(email_state=Notification.EmailState.DIGEST)
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    mail.outbox.clear()
    assert digest_send_for_user(user=user) == 1
    (message,) = mail.outbox
    assert f"Case “{CASE}” moved to: Signed" in message.body
    assert "进入：签约" not in message.body


@pytest.mark.parametrize(
    "code, params",
    [
        ("no.such.code", {"x": "y"}),  # a code no longer registered
        ("brokerage.case.stage_changed", {"case": "A"}),  # parameters missing
        ("brokerage.case.stage_changed", {"case": {"what": 1}, "stage": "x"}),  # an unknown form
        ("general.message", None),  # an older row the migration could not read
    ],
)
def test_what_cannot_be_rendered_shows_the_stored_text_and_never_fails(client_as, code, params):
    user = UserFactory()
    NotificationFactory(recipient=user, code=code, params=params, title="旧标题", body="旧内容")
    client = client_as(user)
    page = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "旧标题" in page.content.decode()
    item = client.get("/api/notifications", HTTP_ACCEPT_LANGUAGE="en").json()["items"][0]
    assert (item["title"], item["body"], item["language"]) == ("旧标题", "旧内容", "zh-hans")


def test_a_lazy_translation_added_later_reaches_old_notifications():
    """Stored as the msgid, a parameter is translated when read (not frozen at creation)."""
    user = UserFactory(preferred_language="zh-hans")
    notification = notify(
        recipient=user,
        code="plans.kpi.reviewed",
        context={"kpi": "专利授权量", "period": "2026", "outcome": gettext_lazy("已采纳"), "note": ""},
        email=False,
    )
    assert notification.params["outcome"] == {"t": "已采纳"}
    with override("en"):
        assert "已采纳" not in notification.display_body


def test_erasing_a_person_scrubs_their_name_from_stored_params_too():
    from alleyhub.privacy.erasure import scrub_names

    user = UserFactory(preferred_language="zh-hans")
    notification = _stage_changed(user)
    scrub_names(["李明"], only=(Notification,))
    notification = Notification.objects.get(pk=notification.pk)
    assert "李明" not in str(notification.params)
    assert "李明" not in notification.rendered("en")[1]
