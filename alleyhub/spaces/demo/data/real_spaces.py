"""The real buildings and urban-renewal sites the seed document names (../shared/seed/), as plain data.

Each building's operator is a real organisation (`directory.demo.data.real_orgs`), by slug.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RealBuilding:
    slug: str
    name_zh: str
    name_en: str
    operator: str
    address: str
    subdistrict: str
    description_zh: str
    description_en: str
    facilities: tuple[str, ...] = field(default_factory=tuple)
    kinds: tuple[str, ...] = ("office",)


REAL_BUILDINGS = [
    RealBuilding(
        "silicon-alley-no1",
        "硅巷 NO.1",
        "Silicon Alley NO.1",
        "silicon-alley-no1-ops",
        "上海市长宁区定西路",
        "华阳路街道",
        "定西路“科创金三角”的核心创新空间，面向硬科技初创团队。",
        "Core innovation space of the Dingxi Road golden triangle, for deep-tech start-ups.",
        ("会议室", "路演厅", "共享实验台", "24小时门禁", "咖啡区"),
        ("office", "lab", "event_venue"),
    ),
    RealBuilding(
        "maker-hall",
        "硅巷创客厅",
        "Silicon Alley Maker Hall",
        "maker-hall-ops",
        "上海市长宁区愚园路",
        "华阳路街道",
        "集科技人才服务站、资本技术链接点于一体的创客空间，设有 SeekerLab 数智服务实验室。",
        "Maker hall with the talent service station, capital–technology link point and the SeekerLab.",
        ("开放工位", "展示区", "SeekerLab", "路演厅", "直播间"),
        ("maker_space", "event_venue", "office"),
    ),
    RealBuilding(
        "wuyi-quadrant",
        "武夷新象限",
        "Wuyi New Quadrant",
        "wuyi-quadrant-ops",
        "上海市长宁区武夷路",
        "华阳路街道",
        "武夷路风貌街区中的科创空间，适合设计、数字内容与人工智能团队。",
        "Space in the historic Wuyi Road area for design, digital-content and AI teams.",
        ("花园露台", "会议室", "共享前台"),
        ("office", "maker_space"),
    ),
    RealBuilding(
        "feiyueli",
        "翡悦里",
        "Feiyueli",
        "feiyueli-ops",
        "上海市长宁区愚园路",
        "江苏路街道",
        "融合办公、交流与休闲功能的里弄式科创空间。",
        "Lane-house style space mixing offices, exchange and leisure.",
        ("里弄庭院", "会议室", "活动场地"),
        ("office", "event_venue"),
    ),
]


@dataclass(frozen=True)
class RealRenewalSite:
    slug: str
    name_zh: str
    name_en: str
    address: str
    stage: str
    planned_use_zh: str
    planned_use_en: str


RENEWAL_SITES = [
    RealRenewalSite(
        "renmin-electric-factory",
        "人民电器厂",
        "People's Electric Appliance Factory",
        "上海市长宁区",
        "study",
        "存量工业载体更新研究，方向为科创研发与孵化空间。",
        "Renewal study of an old factory, aimed at R&D and incubation space.",
    ),
    RealRenewalSite(
        "xinlianfang",
        "新联纺",
        "Xinlianfang",
        "上海市长宁区",
        "study",
        "纺织工业遗存更新研究，方向为科创办公与公共服务配套。",
        "Renewal study of a former textile site for tech offices and public services.",
    ),
    RealRenewalSite(
        "wuyi-road-305",
        "武夷路305号",
        "No. 305 Wuyi Road",
        "上海市长宁区武夷路305号",
        "study",
        "风貌道路沿线地块更新研究，方向为科创展示与交流空间。",
        "Renewal study on historic Wuyi Road for showcase and exchange space.",
    ),
    RealRenewalSite(
        "wuyi-road-337",
        "武夷路337号",
        "No. 337 Wuyi Road",
        "上海市长宁区武夷路337号",
        "study",
        "风貌道路沿线地块更新研究，方向为小型研发办公与配套服务。",
        "Renewal study on Wuyi Road for small R&D offices and services.",
    ),
    RealRenewalSite(
        "west-yanan-road-station",
        "延安西路轨交站",
        "West Yan'an Road metro station",
        "上海市长宁区延安西路",
        "planning",
        "轨交站点更新等公共设施优化，疏通区域慢行系统。",
        "Metro station renewal and public-facility upgrade, opening up slow-traffic routes.",
    ),
]
