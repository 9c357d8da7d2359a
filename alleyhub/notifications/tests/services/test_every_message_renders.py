"""Every registered notification code renders in both languages with the kind of parameters its
callers pass (choice labels, model instances with both language versions, proper names), and the
English rendering has no Chinese in it except inside the proper names."""

import re

import pytest

from alleyhub.accounts.models import User
from alleyhub.brokerage.models import CaseActivity
from alleyhub.brokerage.transitions import Stage
from alleyhub.directory.models import Organization
from alleyhub.enquiries.models import EnquiryKind
from alleyhub.events.models import Event
from alleyhub.freshness.kinds import KINDS
from alleyhub.listings.models import TechOutcome
from alleyhub.notifications.messages import MESSAGES
from alleyhub.notifications.rendering import params_encode, render_stored
from alleyhub.plans.models import Kpi, PlanItem, UpdateStatus

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

# Proper names and what people wrote: the same text in both languages (left out of the check).
PERSON = User(display_name="李明", username="liming")
NAMES = {
    "case": "张江石墨烯导热膜中试",
    "request": "关于厂房消防验收的诉求",
    "note": "请补充合同。",
    "reason": "材料不全",
    "message": "我是公司员工",
    "credit_code": "91310000MA1FL0X12A",
    "title": "平台维护通知",
    "body": "今晚 22:00 维护。",
    "applicant": "王芳",
}

ORG = Organization(name_zh="上海硅巷科技有限公司", name_en="Shanghai Silicon Alley Tech Co.")
UNIT = Organization(name_zh="长宁区科委", name_en="Changning Science and Technology Commission")
OUTCOME = TechOutcome(title_zh="石墨烯导热膜", title_en="Graphene thermal film", language="zh")
EVENT = Event(title_zh="硅巷路演日", title_en="Silicon Alley Pitch Day", language="zh")
ITEM = PlanItem(code="1.2", title_zh="建设中试平台", title_en="Build a pilot platform")
KPI = Kpi(name_zh="专利授权量", name_en="Patents granted")

# What the callers pass (see each app's services): the same kinds of values, per code.
SAMPLES: dict[str, dict] = {
    "matching.match.suggested": {"source": OUTCOME, "target": OUTCOME},
    "matching.match.accepted": {"actor": PERSON, "source": OUTCOME, "target": OUTCOME},
    "brokerage.case.created": {"case": NAMES["case"], "actor": PERSON, "broker": PERSON},
    "brokerage.case.stage_changed": {
        "case": NAMES["case"],
        "actor": PERSON,
        "old_stage": Stage.NEGOTIATION.label,
        "stage": Stage.SIGNED.label,
        "note": NAMES["note"],
    },
    "brokerage.case.reminder": {
        "case": NAMES["case"],
        "stage": Stage.MEETING.label,
        "days": 12,
        "broker": PERSON,
    },
    "brokerage.case.escalated": {
        "case": NAMES["case"],
        "stage": Stage.MEETING.label,
        "days": 30,
        "broker": PERSON,
    },
    "brokerage.case.activity": {
        "case": NAMES["case"],
        "actor": PERSON,
        "activity": CaseActivity.Kind.CALL.label,
    },
    "general.message": {"title": NAMES["title"], "body": NAMES["body"]},
    "plans.update.posted": {"item": ITEM, "unit": UNIT, "progress": 40},
    "plans.update.accepted": {"item": ITEM, "progress": 40, "note": ""},
    "plans.update.returned": {"item": ITEM, "progress": 40, "note": NAMES["note"]},
    "plans.item.late": {"item": ITEM, "due": "2026-11-30"},
    "plans.item.stale": {"item": ITEM, "days": 30},
    "plans.kpi.entered": {"kpi": KPI, "unit": UNIT, "period": "2026-10", "value": 12},
    "plans.kpi.reviewed": {"kpi": KPI, "period": "2026", "outcome": UpdateStatus.ACCEPTED.label, "note": ""},
}
for _code in (
    "submitted",
    "accepted",
    "answered",
    "returned",
    "reopened",
    "closed",
    "due_soon",
    "overdue",
    "escalated",
):
    # requests.services._notify: the request's title, its unit, and the step's own keys.
    SAMPLES[f"requests.request.{_code}"] = {
        "request": NAMES["request"],
        "unit": UNIT,
        "due": "2026-12-04",
        "reason": NAMES["reason"],
        "days": 3,
    }
for _code, _context in {
    "join.requested": {"user": PERSON, "organization": ORG, "message": NAMES["message"]},
    "join.approved": {"organization": ORG, "reason": "—"},
    "join.rejected": {"organization": ORG, "reason": NAMES["reason"]},
    "organization.registered": {"user": PERSON, "organization": ORG, "credit_code": NAMES["credit_code"]},
    "organization.approved": {"organization": ORG, "reason": ""},
    "organization.rejected": {"organization": ORG, "reason": NAMES["reason"]},
}.items():
    SAMPLES[f"directory.{_code}"] = _context
for _reason in ("expires_soon", "unconfirmed"):
    SAMPLES[f"freshness.listing.{_reason}"] = {
        "kind": KINDS["outcome"].label,
        "listing": OUTCOME,
        "date": "2026-12-31",
        "days": 14,
    }
for _step in ("created", "sent", "answered", "replied", "closed", "withdrawn"):
    SAMPLES[f"enquiries.enquiry.{_step}"] = {
        "target": OUTCOME,
        "provider": ORG,
        "applicant": NAMES["applicant"],
        "kind": EnquiryKind.SERVICE.label,
        "actor": str(PERSON),
    }
for _kind in ("confirmed", "pending", "waitlisted", "offered", "rejected", "event_cancelled"):
    SAMPLES[f"events.registration.{_kind}"] = {"event": EVENT, "until": "2026-12-01 18:00"}


def test_every_registered_code_has_a_sample_here():
    assert sorted(set(MESSAGES) - set(SAMPLES)) == [], "add the new code's parameters to SAMPLES"


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_the_message_renders_in_both_languages_from_stored_params(code):
    assert code in MESSAGES, "a sample for a code nobody registers"
    params = params_encode(SAMPLES[code])
    chinese = render_stored(
        code=code, params=params, title="-", body="-", stored_language="zh-hans", language="zh-hans"
    )
    english = render_stored(
        code=code, params=params, title="-", body="-", stored_language="zh-hans", language="en"
    )
    assert chinese[2] == "zh-hans" and english[2] == "en", "fell back to the stored text"
    assert CJK.search(chinese[0] + chinese[1])
    text = english[0] + "\n" + english[1]
    for name in [*NAMES.values(), str(PERSON)]:
        text = text.replace(name, "")
    assert not CJK.search(text), f"Chinese left in the English rendering of {code}: {text!r}"
