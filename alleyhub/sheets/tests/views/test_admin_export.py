"""The admin's change lists of every kind with a sheet spec export the selected rows."""

import csv
import io

import pytest
from django.urls import reverse

from alleyhub.accounts.models import User

from ..factories import TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_the_admin_exports_the_selected_outcomes_as_csv(client):
    chosen = TechOutcomeFactory(title_zh="选中的成果", trl=5)
    TechOutcomeFactory(title_zh="未选的成果")
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    response = client.post(
        reverse("admin:listings_techoutcome_changelist"),
        {"action": "export_csv", "_selected_action": [chosen.pk]},
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(r["编号"], r["中文标题"], r["技术成熟度"]) for r in rows] == [
        (str(chosen.pk), "选中的成果", "5")
    ]
