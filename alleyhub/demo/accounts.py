"""The demo accounts: one user per role, each with the organisation they act for.

All of them have `is_demo=True` and the password `DEMO_PASSWORD`; the login page lists them
(`alleyhub.demo.selectors.demo_accounts()`) while they exist.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alleyhub.accounts.models import Role

DEMO_PASSWORD = "alleyhub-demo"  # noqa: S105 - published on the login page on purpose


@dataclass(frozen=True)
class DemoAccountSpec:
    key: str  # persona key, used in DemoContext.users
    username: str
    role: str
    label: Promise
    display_name: str
    organization: str  # slug of the organisation the user is a member of
    member_role: str = "member"
    title: str = ""
    is_staff: bool = False


DEMO_ACCOUNTS: list[DemoAccountSpec] = [
    DemoAccountSpec(
        "operator",
        "demo-operator",
        Role.OPERATOR,
        _("街区运营方"),
        "周敏",
        "co-innovation-platform",
        "admin",
        "平台运营主管",
        is_staff=True,
    ),
    DemoAccountSpec(
        "task_force",
        "demo-taskforce",
        Role.TASK_FORCE,
        _("工作专班负责人"),
        "陈立",
        "task-force",
        "admin",
        "专班负责人",
    ),
    DemoAccountSpec(
        "unit_staff",
        "demo-unit",
        Role.UNIT_STAFF,
        _("政府部门工作人员"),
        "顾晓",
        "changning-stc",
        "member",
        "科员",
    ),
    DemoAccountSpec(
        "broker",
        "demo-broker",
        Role.BROKER,
        _("科技经纪人"),
        "沈嘉",
        "xinwei-group",
        "member",
        "金牌科技经纪人",
    ),
    DemoAccountSpec(
        "enterprise",
        "demo-enterprise",
        Role.MEMBER,
        _("科创企业成员"),
        "林悦",
        "showcase-enterprise",
        "admin",
        "创始人、首席执行官",
    ),
    DemoAccountSpec(
        "researcher", "demo-researcher", Role.MEMBER, _("科研人员"), "王哲", "simit", "member", "研究员"
    ),
    DemoAccountSpec(
        "investor",
        "demo-investor",
        Role.MEMBER,
        _("投资人"),
        "许博",
        "showcase-investor",
        "admin",
        "投资合伙人",
    ),
]

SPEC_BY_USERNAME = {spec.username: spec for spec in DEMO_ACCOUNTS}
