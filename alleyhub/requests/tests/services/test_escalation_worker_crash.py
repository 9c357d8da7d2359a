"""A task worker killed (`kill -9`) in the middle of escalating overdue requests loses no
escalation and records none twice once the site is back: a real `db_worker` on a file database,
killed inside the transaction of its second escalation (the first is committed)."""

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
from datetime import timedelta
from django.utils import timezone
from alleyhub.accounts.models import Role
from alleyhub.requests.models import Category
from alleyhub.requests.routing import task_force_unit
from alleyhub.requests.tasks import requests_check_deadlines
from alleyhub.requests.tests.factories import OrganizationFactory, RoutingRuleFactory, UnitFactory, member, submit
lead = member(task_force_unit(), role=Role.TASK_FORCE, admin=True, username="tf-lead")
unit = UnitFactory(name_zh="区科委", slug="kewei")
member(unit, role=Role.UNIT_STAFF, username="kewei-staff")
RoutingRuleFactory(category=Category.FINANCE, responsible_unit=unit)
ent = OrganizationFactory(name_zh="新微传感", slug="xinwei")
ceo = member(ent, username="xinwei-ceo")
for i in range(3):
    submit(org=ent, user=ceo, title=f"融资对接{i}", now=timezone.now() - timedelta(days=30))
requests_check_deadlines.enqueue()
"""

STATE = """
import json
from collections import Counter
from alleyhub.core.models import AuditEntry
from alleyhub.notifications.models import Notification
from alleyhub.requests.models import EnterpriseRequest, Escalation
print(json.dumps({
    "requests": EnterpriseRequest.objects.count(),
    "escalations": sorted(Counter(Escalation.objects.values_list("request_id", flat=True)).values()),
    "audit": AuditEntry.objects.filter(code="requests.request.escalated").count(),
    "escalated_notes": sorted(Counter(Notification.objects.filter(code="requests.request.escalated").values_list("target_id", flat=True)).values()),
    "overdue_notes": sorted(Counter(Notification.objects.filter(code="requests.request.overdue").values_list("target_id", flat=True)).values()),
}))
"""


def test_a_worker_killed_while_escalating_loses_no_escalation_and_records_none_twice(crash_site):
    crash_site.shell(SETUP)

    crash_site.kill_worker_at("escalate")

    state = crash_site.json(STATE)
    assert state["escalations"] == [1]  # the first one committed; the second died with the worker
    assert state["audit"] == 1 and state["escalated_notes"] == [1]

    crash_site.recover()

    state = crash_site.json(STATE)
    assert state == {
        "requests": 3,
        "escalations": [1, 1, 1],
        "audit": 3,
        "escalated_notes": [1, 1, 1],
        "overdue_notes": [1, 1, 1],
    }
