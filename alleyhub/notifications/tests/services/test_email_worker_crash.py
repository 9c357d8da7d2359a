"""A task worker killed (`kill -9`) while sending notification e-mails loses none and sends none
twice once the site is back: a real `db_worker` on a file database, killed at the SMTP hand-off."""

import pytest

from alleyhub.core.tests import worker_crash

pytestmark = pytest.mark.slow

# The harness's fixtures: a migrated file database and a site whose worker can be killed.
_migrated_database, _migrated_pg_template, crash_site = (
    worker_crash._migrated_database,
    worker_crash._migrated_pg_template,
    worker_crash.crash_site,
)

SETUP = """
from alleyhub.accounts.models import User
from alleyhub.notifications.delivery import send_notification_email
from alleyhub.notifications.models import Notification
user = User.objects.create_user(username="reader", email="reader@example.cn", password="x")
for i in range(1, 4):
    note = Notification.objects.create(
        recipient=user, code="test", title=f"note-{i}", body="body", dedup_key=f"k{i}",
        email_state=Notification.EmailState.PENDING,
    )
    send_notification_email.enqueue(note.pk)
"""

STATE = """
import json
from alleyhub.notifications.models import Notification
print(json.dumps(dict(Notification.objects.order_by("title").values_list("title", "email_state"))))
"""

# The site comes back after the stale-claim timeout: move the clock of the rows past it.
LATER = """
from datetime import timedelta
from django.db.models import F
from alleyhub.notifications.models import Notification
from alleyhub.notifications.services import STALE_CLAIM
back = STALE_CLAIM + timedelta(minutes=1)
Notification.objects.update(created_at=F("created_at") - back)
Notification.objects.exclude(email_claimed_at=None).update(email_claimed_at=F("email_claimed_at") - back)
"""


def _sent_subjects(site) -> list[str]:
    return sorted(
        line.removeprefix("Subject: ")
        for path in (site.dir / "mail").iterdir()
        for line in path.read_text().splitlines()
        if line.startswith("Subject: ")
    )


def test_a_worker_killed_while_sending_loses_no_email_and_sends_none_twice(crash_site):
    crash_site.shell(SETUP)

    crash_site.kill_worker_at("email")  # the first e-mail went out, the second was being handed over

    assert _sent_subjects(crash_site) == ["note-1"]
    assert crash_site.json(STATE) == {"note-1": "sent", "note-2": "sending", "note-3": "pending"}

    crash_site.shell(LATER)
    crash_site.recover()

    assert _sent_subjects(crash_site) == ["note-1", "note-2", "note-3"]
    assert crash_site.json(STATE) == {"note-1": "sent", "note-2": "sent", "note-3": "sent"}
