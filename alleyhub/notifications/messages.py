"""What each notification code says. Titles and bodies are translatable msgids with named
placeholders; a notification stores its code and parameters and is rendered from these when it is
read (in the reader's language) or e-mailed (in the recipient's language then), see rendering.py.
A new code needs sample parameters in tests/services/test_every_message_renders.py.

Other apps may add codes with `register(code, title=_(...), body=_(...))` (e.g. in their
`AppConfig.ready()`), but the codes the platform uses today are all listed here so that the
translators find them in one place."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Message:
    title: str
    body: str


MESSAGES: dict[str, Message] = {}


def register(code: str, *, title, body) -> None:
    MESSAGES[code] = Message(title=title, body=body)


# Matching
register(
    "matching.match.suggested",
    title=_("新的匹配：%(target)s"),
    body=_("平台为「%(source)s」找到了一个新的匹配：%(target)s。"),
)
register(
    "matching.match.accepted",
    title=_("匹配已接受：%(target)s"),
    body=_("%(actor)s 接受了「%(source)s」与「%(target)s」的匹配。"),
)

# Brokers' pipeline
register(
    "brokerage.case.created",
    title=_("新对接项目：%(case)s"),
    body=_("%(actor)s 创建了对接项目「%(case)s」，负责经纪人：%(broker)s。"),
)
register(
    "brokerage.case.stage_changed",
    title=_("对接项目「%(case)s」进入：%(stage)s"),
    body=_("%(actor)s 将对接项目「%(case)s」从「%(old_stage)s」推进到「%(stage)s」。%(note)s"),
)
register(
    "brokerage.case.reminder",
    title=_("对接项目「%(case)s」已 %(days)s 天无进展"),
    body=_("对接项目「%(case)s」处于「%(stage)s」阶段，已 %(days)s 天没有新的活动，请跟进。"),
)
register(
    "brokerage.case.escalated",
    title=_("对接项目「%(case)s」长期无进展"),
    body=_("对接项目「%(case)s」（经纪人：%(broker)s）处于「%(stage)s」阶段，已 %(days)s 天没有新的活动。"),
)
register(
    "brokerage.case.activity",
    title=_("对接项目「%(case)s」有新动态"),
    body=_("%(actor)s 在对接项目「%(case)s」中添加了：%(activity)s。"),
)

# Enterprise requests (section B). Context keys: request (its title or number), unit, actor,
# due (a date), reason, days — pass only what the message uses; every placeholder must be given.
register(
    "requests.request.submitted",
    title=_("新诉求：%(request)s"),
    body=_("企业提交了诉求「%(request)s」，责任单位：%(unit)s。请在 %(due)s 前受理。"),
)
register(
    "requests.request.accepted",
    title=_("您的诉求已受理：%(request)s"),
    body=_("%(unit)s 已受理您的诉求「%(request)s」，预计 %(due)s 前答复。"),
)
register(
    "requests.request.answered",
    title=_("您的诉求已答复：%(request)s"),
    body=_("%(unit)s 已答复您的诉求「%(request)s」。请查看答复，办结时可以评价。"),
)
register(
    "requests.request.returned",
    title=_("诉求被退回：%(request)s"),
    body=_("%(unit)s 退回了诉求「%(request)s」，原因：%(reason)s。"),
)
register(
    "requests.request.reopened",
    title=_("诉求已重新打开：%(request)s"),
    body=_("企业重新打开了诉求「%(request)s」：%(reason)s"),
)
register(
    "requests.request.closed",
    title=_("诉求已办结：%(request)s"),
    body=_("诉求「%(request)s」已办结。"),
)
register(
    "requests.request.due_soon",
    title=_("诉求即将超期：%(request)s"),
    body=_("诉求「%(request)s」将于 %(due)s 到期，请尽快处理。"),
)
register(
    "requests.request.overdue",
    title=_("诉求已超期：%(request)s"),
    body=_("诉求「%(request)s」（责任单位：%(unit)s）已于 %(due)s 超期。"),
)
register(
    "requests.request.escalated",
    title=_("超期诉求已上报专班：%(request)s"),
    body=_("诉求「%(request)s」（责任单位：%(unit)s）已超期 %(days)s 个工作日，已上报工作专班。"),
)

# Organisations: joining and registering (sent by directory.services through directory.hooks)
register(
    "directory.join.requested",
    title=_("%(user)s 申请加入%(organization)s"),
    body=_("%(user)s 申请加入「%(organization)s」，请审批。留言：%(message)s"),
)
register(
    "directory.join.approved",
    title=_("已加入%(organization)s"),
    body=_("您加入「%(organization)s」的申请已获批准，现在可以代表该机构发布信息。"),
)
register(
    "directory.join.rejected",
    title=_("加入%(organization)s的申请未获批准"),
    body=_("您加入「%(organization)s」的申请未获批准。说明：%(reason)s"),
)
register(
    "directory.organization.registered",
    title=_("新机构待审核：%(organization)s"),
    body=_("%(user)s 注册了机构「%(organization)s」（统一社会信用代码 %(credit_code)s），请审核。"),
)
register(
    "directory.organization.approved",
    title=_("机构已通过审核：%(organization)s"),
    body=_("「%(organization)s」已通过运营方审核，机构发布的信息现已公开。"),
)
register(
    "directory.organization.rejected",
    title=_("机构未通过审核：%(organization)s"),
    body=_("「%(organization)s」未通过运营方审核。原因：%(reason)s"),
)

# A free-form message (e.g. from an operator): context keys title and body.
register("general.message", title=_("%(title)s"), body=_("%(body)s"))
