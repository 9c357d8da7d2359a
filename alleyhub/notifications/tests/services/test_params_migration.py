"""The data migration gives notifications written before params existed their parameters back,
read from the stored text, and leaves the rows it cannot read showing their stored text."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils.translation import gettext_lazy

from alleyhub.brokerage.transitions import Stage
from alleyhub.notifications.models import Notification
from alleyhub.notifications.rendering import params_from_text, render_message
from alleyhub.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

params_fill = import_module(
    "alleyhub.notifications.migrations.0004_notification_params_from_text"
).params_fill

STAGE_CONTEXT = {
    "case": "张江石墨烯导热膜中试",
    "actor": "李明",
    "old_stage": Stage.NEGOTIATION.label,
    "stage": Stage.SIGNED.label,
    "note": "",
}


def _old_row(code: str, context: dict, language: str = "zh-hans", **extra) -> Notification:
    """A row as notify() wrote it before: text rendered once, no params."""
    title, body = render_message(code=code, context=context, language=language)
    return NotificationFactory(code=code, title=title, body=body, language=language, params=None, **extra)


def test_a_chinese_row_is_read_back_and_then_renders_in_english():
    row = _old_row("brokerage.case.stage_changed", STAGE_CONTEXT)
    params_fill(apps, None)
    row.refresh_from_db()
    # Stage names are msgids of the catalogue: stored as such, so they translate.
    assert row.params == {
        "case": "张江石墨烯导热膜中试",
        "actor": "李明",
        "old_stage": {"t": "谈判"},
        "stage": {"t": "签约"},
        "note": "",
    }
    assert row.rendered("en")[0] == "Case “张江石墨烯导热膜中试” moved to: Signed"
    assert row.rendered("zh-hans")[0] == row.title


def test_an_english_row_finds_the_msgids_of_its_translated_values():
    context = {**STAGE_CONTEXT, "stage": Stage.POC_PILOT.label}
    row = _old_row("brokerage.case.stage_changed", context, language="en")
    params_fill(apps, None)
    row.refresh_from_db()
    assert row.params["stage"] == {"t": "概念验证/中试"}
    assert row.params["old_stage"] == {"t": "谈判"}
    assert row.rendered("zh-hans")[0] == "对接项目「张江石墨烯导热膜中试」进入：概念验证/中试"


def test_an_english_value_that_several_msgids_translate_to_stays_text():
    # "Accepted" translates more than one msgid (已采纳, 已受理…): which one is unknowable
    # (likewise "Signed": 签约 and 已签约).
    row = _old_row(
        "plans.kpi.reviewed",
        {"kpi": "Patents", "period": "2026", "outcome": gettext_lazy("已采纳"), "note": ""},
        language="en",
    )
    params_fill(apps, None)
    row.refresh_from_db()
    assert row.params["outcome"] == "Accepted"


def test_rows_that_cannot_be_read_keep_their_text():
    unknown = NotificationFactory(code="retired.code", title="旧的通知", body="旧内容", params=None)
    reworded = NotificationFactory(
        code="brokerage.case.stage_changed", title="完全不同的文字", body="也不一样", params=None
    )
    params_fill(apps, None)
    for row in (unknown, reworded):
        row.refresh_from_db()
        assert row.params is None
        assert row.rendered("en")[:2] == (row.title, row.body)


def test_rows_that_already_have_params_are_left_alone():
    row = NotificationFactory(code="general.message", title="T", body="B", params={"title": "x", "body": "y"})
    params_fill(apps, None)
    row.refresh_from_db()
    assert row.params == {"title": "x", "body": "y"}


def test_a_truncated_title_is_read_from_the_body():
    row = _old_row("brokerage.case.stage_changed", STAGE_CONTEXT)
    Notification.objects.filter(pk=row.pk).update(title=row.title[:10])
    row.refresh_from_db()
    assert params_from_text(code=row.code, title=row.title, body=row.body, language="zh-hans")["stage"] == {
        "t": "签约"
    }
