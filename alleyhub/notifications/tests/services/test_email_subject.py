"""A title with line breaks (user text: a listing's or a request's title) never adds a header to
the e-mail: the one subject builder folds every line break into a space."""

import pytest
from django.core import mail

from alleyhub.notifications import services
from alleyhub.notifications.delivery import SUBJECT_MAX_LENGTH, email_subject
from alleyhub.notifications.models import NotificationPreference
from alleyhub.notifications.tests.factories import NotificationFactory, PreferenceFactory, UserFactory

pytestmark = pytest.mark.django_db

INJECTED = "新的匹配：柔性电子\r\nBcc: x@y\r\n\r\n正文"


def test_a_title_with_crlf_cannot_add_a_bcc_header(django_capture_on_commit_callbacks):
    user = UserFactory(email="owner@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(recipient=user, code="general.message", context={"title": INJECTED, "body": "内容"})
    [message] = mail.outbox
    assert message.subject == "新的匹配：柔性电子 Bcc: x@y 正文"
    headers = message.message()
    assert headers["Bcc"] is None
    assert "\n" not in headers["Subject"].replace("\n ", "")  # only RFC 5322 folding, never a new header
    assert message.recipients() == ["owner@example.cn"]


def test_the_daily_digest_subject_goes_through_the_same_builder():
    user = UserFactory(email="digest@example.cn")
    PreferenceFactory(user=user, email_mode=NotificationPreference.EmailMode.DAILY)
    NotificationFactory(recipient=user, title=INJECTED, email_state="digest")
    assert services.digest_send_for_user(user=user) == 1
    [message] = mail.outbox
    assert "\r" not in message.subject and "\n" not in message.subject
    assert message.message()["Bcc"] is None


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("a\rb\nc\r\nd", "a b c d"),
        ("a\u2028b\u2029c\x85d\x0be\x0cf", "a b c d e f"),
        ("  padded\t title  ", "padded title"),
    ],
)
def test_email_subject_folds_every_line_break(title, subject):
    assert email_subject(title) == subject


def test_email_subject_cuts_long_titles():
    assert len(email_subject("长" * 500)) == SUBJECT_MAX_LENGTH
