"""Demo data of accounts (the `load(ctx)` hook of `manage.py demo_district`): one user per role.

All of them have `is_demo=True` and the password `DEMO_PASSWORD`; the login page lists them
(`alleyhub.demo.selectors.demo_accounts()`) while they exist. Each acts for an organisation
(`DemoAccountSpec.organization`): the directory hook makes them members once organisations exist.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alleyhub.core.demo_context import DemoContext

from .models import Role, User

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
    description: Promise | str = ""  # one line on the login page: what to try with this persona


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
        description=_("运营整个平台：审核机构与条目，代录任何机构的信息"),
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
        description=_("查看全部诉求、条目与推进计划，审核进展"),
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
        description=_("区科委：受理分派到本部门的企业诉求"),
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
        description=_("在撮合看板上推进成果与需求的对接"),
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
        description=_("科创企业：发布技术需求、提交诉求、申请服务"),
    ),
    DemoAccountSpec(
        "researcher",
        "demo-researcher",
        Role.MEMBER,
        _("科研人员"),
        "王哲",
        "simit",
        "member",
        "研究员",
        description=_("中科院微系统所：维护科研成果及其附件"),
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
        description=_("投资机构：维护投资偏好，查看推荐的成果与企业"),
    ),
    DemoAccountSpec(
        "provider",
        "demo-provider",
        Role.MEMBER,
        _("服务机构"),
        "钱蕾",
        "yrd-finance-alliance",
        "admin",
        "联盟秘书处主任",
        description=_("长三角科创金融联盟：维护服务清单与附件，回复企业的服务申请"),
    ),
    DemoAccountSpec(
        "space",
        "demo-space",
        Role.MEMBER,
        _("空间运营方"),
        "赵航",
        "maker-hall-ops",
        "admin",
        "创客厅运营经理",
        description=_("硅巷创客厅的运营方：发布可租空间、上传平面图，回复租赁咨询"),
    ),
]

SPEC_BY_USERNAME = {spec.username: spec for spec in DEMO_ACCOUNTS}


def load(ctx: DemoContext) -> None:
    """Creates the demo users (`ctx.users` by persona key); no organisation is needed yet."""
    with ctx.phase("accounts"):
        password = make_password(DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
        users = [
            User(
                username=spec.username,
                role=spec.role,
                display_name=spec.display_name,
                is_staff=spec.is_staff,
                is_demo=True,
                password=password,
                email=f"{spec.username}@example.org",
                date_joined=ctx.now,
                preferred_language="zh-hans",
            )
            for spec in DEMO_ACCOUNTS
        ]
        User.objects.bulk_create(users)
        ctx.users.update({spec.key: user for spec, user in zip(DEMO_ACCOUNTS, users, strict=True)})
        ctx.count("accounts.User (demo)", len(users))
