"""The pipeline as data: stages in order, the transitions the seed migration loads into
`StageTransition` (operators edit them in the admin) and the default reminder periods per stage
(`StageRule`). Services read the tables, never these constants directly, except to seed them:
`selectors.case_transitions()` turns the StageTransition rows into the core.transitions table
that decides every move."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    LEAD = "lead", _("线索")
    CONTACTED = "contacted", _("已对接")
    MEETING = "meeting", _("洽谈")
    POC_PILOT = "poc_pilot", _("概念验证/中试")
    NEGOTIATION = "negotiation", _("谈判")
    SIGNED = "signed", _("签约")
    CLOSED = "closed", _("终止")


# The forward pipeline, in order (closed is off to the side).
PIPELINE = [Stage.LEAD, Stage.CONTACTED, Stage.MEETING, Stage.POC_PILOT, Stage.NEGOTIATION, Stage.SIGNED]
FINAL_STAGES = {Stage.SIGNED, Stage.CLOSED}

DEFAULT_TRANSITIONS: dict[str, list[str]] = {
    Stage.LEAD: [Stage.CONTACTED, Stage.CLOSED],
    Stage.CONTACTED: [Stage.MEETING, Stage.CLOSED],
    Stage.MEETING: [Stage.POC_PILOT, Stage.NEGOTIATION, Stage.CLOSED],
    Stage.POC_PILOT: [Stage.MEETING, Stage.NEGOTIATION, Stage.CLOSED],
    Stage.NEGOTIATION: [Stage.POC_PILOT, Stage.SIGNED, Stage.CLOSED],
    Stage.SIGNED: [],
    Stage.CLOSED: [],
}

# Days without activity before the broker is reminded, and before operators are told.
DEFAULT_STAGE_RULES: dict[str, tuple[int, int]] = {
    Stage.LEAD: (7, 14),
    Stage.CONTACTED: (10, 21),
    Stage.MEETING: (14, 30),
    Stage.POC_PILOT: (30, 60),
    Stage.NEGOTIATION: (14, 30),
}


class CloseReason(models.TextChoices):
    TOO_EARLY = "too_early", _("技术尚不成熟")
    PRICE = "price", _("价格未谈拢")
    IP_UNCLEAR = "ip_unclear", _("知识产权不清晰")
    NO_RESPONSE = "no_response", _("对方无回应")
    OTHER = "other", _("其他原因")


class ContractType(models.TextChoices):
    TRANSFER = "transfer", _("技术转让")
    LICENCE = "licence", _("技术许可")
    DEVELOPMENT = "development", _("技术开发")
    SERVICE = "service", _("技术服务")
    CONSULTING = "consulting", _("技术咨询")
    EQUITY = "equity", _("作价入股")
    INVESTMENT = "investment", _("投资协议")
