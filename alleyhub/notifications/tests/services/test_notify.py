import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from alleyhub.directory.tests.factories import OrganizationFactory
from alleyhub.notifications import services
from alleyhub.notifications.messages import MESSAGES
from alleyhub.notifications.models import Notification, NotificationPreference
from alleyhub.notifications.tests import failing_backend
from alleyhub.notifications.tests.factories import PreferenceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _notify(user, **kwargs):
    params = {"recipient": user, "code": "general.message", "context": {"title": "标题", "body": "内容"}}
    params.update(kwargs)
    return services.notify(**params)


def test_context_is_rendered_in_the_recipients_language(django_capture_on_commit_callbacks):
    org = OrganizationFactory(name_zh="上海新微科技集团", name_en="Shanghai Xinwei Technology Group")
    zh_user = UserFactory(preferred_language="zh-hans")
    en_user = UserFactory(preferred_language="en")
    context = {"title": org, "body": gettext_lazy("Yes")}  # "Yes" is in Django's own catalogue: 是

    with django_capture_on_commit_callbacks(execute=True):
        zh = _notify(zh_user, context=context)
        en = _notify(en_user, context=context)

    assert (zh.title, zh.body, zh.language) == ("上海新微科技集团", "是", "zh-hans")
    assert (en.title, en.body, en.language) == ("Shanghai Xinwei Technology Group", "Yes", "en")
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {zh_user.email: "上海新微科技集团", en_user.email: "Shanghai Xinwei Technology Group"}


def test_the_same_notification_twice_is_stored_and_emailed_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(user, dedup_key="request-overdue:7:2026-10-09")
    with django_capture_on_commit_callbacks(execute=True):
        again = _notify(user, dedup_key="request-overdue:7:2026-10-09")

    assert first.pk == again.pk
    assert Notification.objects.filter(recipient=user).count() == 1
    assert len(mail.outbox) == 1
    first.refresh_from_db()
    assert first.email_state == Notification.EmailState.SENT


def test_without_a_key_the_same_code_target_and_context_deduplicate():
    user = UserFactory()
    _notify(user)
    _notify(user)
    _notify(user, context={"title": "另一条", "body": "内容"})
    assert Notification.objects.filter(recipient=user).count() == 2


def test_an_unknown_code_or_missing_placeholder_is_a_programming_error():
    user = UserFactory()
    with pytest.raises(KeyError):
        services.notify(recipient=user, code="no.such.code", context={})
    with pytest.raises(KeyError):
        services.notify(recipient=user, code="general.message", context={"title": "x"})
    assert not Notification.objects.exists()


def test_inactive_users_get_nothing():
    assert _notify(UserFactory(is_active=False)) is None
    assert not Notification.objects.exists()


def test_no_email_when_the_user_turned_it_off_or_has_no_address(django_capture_on_commit_callbacks):
    off = PreferenceFactory(email_mode=NotificationPreference.EmailMode.OFF).user
    no_address = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        a = _notify(off)
        b = _notify(no_address)
    assert a.email_state == b.email_state == Notification.EmailState.NONE
    assert mail.outbox == []


def test_a_rolled_back_change_leaves_no_notification_and_sends_no_email(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):  # noqa: PT012
        with transaction.atomic():
            _notify(user)
            raise RuntimeError("the change failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_failed_send_is_kept_and_retried_until_sent_once(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "alleyhub.notifications.tests.failing_backend.FlakyEmailBackend"
    failing_backend.FAILURES["remaining"] = 1
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        n = _notify(user)
    n.refresh_from_db()
    assert n.email_state == Notification.EmailState.PENDING and mail.outbox == []

    # The scheduler's sweep finds it (a minute later) and the worker sends it.
    services.emails_retry_stuck(now=timezone.now() + timedelta(minutes=2))
    services.emails_retry_stuck(now=timezone.now() + timedelta(minutes=3))

    n.refresh_from_db()
    assert n.email_state == Notification.EmailState.SENT and n.email_attempts == 2
    assert len(mail.outbox) == 1


def test_an_email_claimed_by_a_worker_that_died_is_sent_later_and_only_once():
    user = UserFactory()
    n = _notify(user)  # no on_commit here: the worker never ran
    Notification.objects.filter(pk=n.pk).update(
        email_state=Notification.EmailState.SENDING, email_claimed_at=timezone.now()
    )

    services.emails_retry_stuck(now=timezone.now() + timedelta(minutes=5))
    assert mail.outbox == []  # a claim younger than ten minutes may still be in progress

    services.emails_retry_stuck(now=timezone.now() + timedelta(minutes=11))
    services.emails_retry_stuck(now=timezone.now() + timedelta(minutes=12))
    assert len(mail.outbox) == 1
    assert not services.notification_email_send(notification_id=n.pk)


def test_daily_digest_collects_the_days_notifications_in_one_email_once(django_capture_on_commit_callbacks):
    user = PreferenceFactory(
        email_mode=NotificationPreference.EmailMode.DAILY, user=UserFactory(preferred_language="zh-hans")
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        _notify(user, context={"title": "第一条", "body": "甲"})
        _notify(user, context={"title": "第二条", "body": "乙"})
    assert mail.outbox == []

    seven = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()).replace(hour=7))
    assert services.digests_send_due(now=seven) == 0
    nine = seven.replace(hour=9)
    assert services.digests_send_due(now=nine) == 1
    assert services.digests_send_due(now=nine + timedelta(hours=1)) == 0

    assert len(mail.outbox) == 1
    assert "第一条" in mail.outbox[0].body and "第二条" in mail.outbox[0].body
    assert "2" in mail.outbox[0].subject
    assert set(Notification.objects.values_list("email_state", flat=True)) == {
        Notification.EmailState.DIGESTED
    }


def test_the_digest_is_written_in_the_recipients_language(django_capture_on_commit_callbacks):
    user = PreferenceFactory(
        email_mode=NotificationPreference.EmailMode.DAILY, user=UserFactory(preferred_language="en")
    ).user
    _notify(user, context={"title": gettext_lazy("Yes"), "body": ""})
    services.digest_send_for_user(user=user)
    assert "Yes" in mail.outbox[0].body and "是" not in mail.outbox[0].body


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_renders_with_its_placeholders_in_both_languages(code):
    message = MESSAGES[code]
    names = set(re.findall(r"%\((\w+)\)s", str(message.title) + str(message.body)))
    context = {name: f"<{name}>" for name in names}
    for language in ("zh-hans", "en"):
        title, body = services.render_message(code=code, context=context, language=language)
        assert title and all(f"<{n}>" in title + body for n in names)
