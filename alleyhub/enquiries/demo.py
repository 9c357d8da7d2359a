"""Demo data for enquiries (called by the demo loader through `load(ctx)`): the showcase enterprise
applies for two services of real district providers (one with an application form, answered by the
platform's operator on the provider's behalf) and books a visit to a desk in the Silicon Alley Maker
Hall — all through the services, so threads, audit entries and notifications are real."""

from __future__ import annotations

from datetime import timedelta

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.demo_context import DemoContext
from alleyhub.core.models import ListingStatus
from alleyhub.spaces.models import SpaceUnit

from .models import Action, ServiceForm
from .services import enquiry_act, enquiry_create

LOAN_FORM = [
    {
        "key": "amount",
        "label_zh": "拟申请金额（万元）",
        "label_en": "Amount (10k yuan)",
        "type": "text",
        "required": True,
    },
    {
        "key": "purpose",
        "label_zh": "资金用途",
        "label_en": "Use of funds",
        "type": "choice",
        "required": True,
        "choices": [
            {"zh": "研发投入", "en": "R&D"},
            {"zh": "流片与量产", "en": "Tape-out and production"},
            {"zh": "补充流动资金", "en": "Working capital"},
        ],
    },
    {"key": "when", "label_zh": "希望放款日期", "label_en": "Wanted by", "type": "date"},
]


def _published(qs):
    return qs.filter(status=ListingStatus.PUBLISHED).order_by("pk").first()


def load(ctx: DemoContext) -> None:
    enterprise_user = ctx.users.get("enterprise")
    operator = ctx.users.get("operator")
    enterprise = ctx.orgs.get("showcase-enterprise")
    if enterprise_user is None or operator is None:
        return
    with ctx.phase("enquiries"):
        made = 0
        loan = _published(
            ServiceOffering.objects.filter(
                owner__slug="yrd-finance-alliance", title_zh__contains="科技履约贷"
            )
        )
        if loan is not None:
            ServiceForm.objects.create(service=loan, questions=LOAN_FORM, updated_by=operator)
            e = enquiry_create(
                target=loan,
                actor=enterprise_user,
                consent=True,
                message="我们正在准备 A 轮融资，希望同步申请履约贷。",
                answers={
                    "amount": "500",
                    "purpose": "1",
                    "when": (ctx.today + timedelta(days=45)).isoformat(),
                },
                applicant_organization=enterprise,
                now=ctx.now - timedelta(days=3),
            )
            enquiry_act(
                enquiry_id=e.pk,
                action=Action.ANSWER,
                actor=operator,
                body="已转长三角科创金融联盟：请准备近两年财务报表和在手订单清单，联盟将安排合作银行本周内联系。",
                now=ctx.now - timedelta(days=2),
            )
            made += 1
        poc = _published(ServiceOffering.objects.filter(owner__slug="ic-poc-center"))
        if poc is not None:
            enquiry_create(
                target=poc,
                actor=enterprise_user,
                consent=True,
                message="MEMS 压力传感器读出芯片需要样片测试与可靠性验证，约 200 片，希望了解排期。",
                applicant_organization=enterprise,
                now=ctx.now - timedelta(days=1),
            )
            made += 1
        desk = _published(SpaceUnit.objects.filter(building__slug="maker-hall"))
        if desk is not None:
            visit = (ctx.now + timedelta(days=5)).replace(hour=14, minute=30, second=0, microsecond=0)
            enquiry_create(
                target=desk,
                actor=enterprise_user,
                consent=True,
                message="团队 6 人，希望下周看看开放工位和 SeekerLab。",
                proposed_at=visit,
                party_size=3,
                applicant_organization=enterprise,
                now=ctx.now,
            )
            made += 1
        ctx.count("enquiries", made)
