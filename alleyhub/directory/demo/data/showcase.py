"""The two fictional organisations the demo accounts act for, and the people behind two of the demo
accounts (data only; `directory.demo.hook` makes the rows)."""

from decimal import Decimal

# Organization fields by slug; the credit code is generated like every other one.
SHOWCASE_ORGS: dict[str, dict] = {
    "showcase-enterprise": {
        "kind": "enterprise",
        "language": "zh",
        "name_zh": "上海巷声智能科技有限公司",
        "name_en": "Shanghai Xiangsheng Intelligent Technology Co., Ltd.",
        "short_name": "巷声智能",
        "stage": "startup",
        "description_zh": "专注TWS无线耳机与智能听戴设备的初创企业，研发团队来自声学与芯片行业，产品销往东南亚与欧洲。",
        "description_en": "A start-up making TWS earbuds and hearables; the team comes from acoustics and chip design.",
        "founded_year": 2021,
        "employees": 46,
        "address": "上海市长宁区愚园路1107号 3号楼2层",
        "subdistrict": "江苏路街道",
        "latitude": Decimal("31.220600"),
        "longitude": Decimal("121.428900"),
        "contact_name": "林悦",
        "contact_email": "bd@xiangsheng.example.org",
    },
    "showcase-investor": {
        "kind": "investor",
        "language": "zh",
        "name_zh": "上海启衡创业投资管理有限公司",
        "name_en": "Qiheng Ventures",
        "short_name": "启衡创投",
        "stage": "mature",
        "description_zh": "专注硬科技早期投资的创投机构，重点关注集成电路、先进材料与智能传感。",
        "description_en": "Early-stage deep-tech investor focused on chips, advanced materials and smart sensing.",
        "founded_year": 2016,
        "employees": 18,
        "address": "上海市长宁区定西路1100号 8楼",
        "subdistrict": "华阳路街道",
        "latitude": Decimal("31.214900"),
        "longitude": Decimal("121.426100"),
    },
}
SHOWCASE_INDUSTRIES: dict[str, tuple[str, ...]] = {
    "showcase-enterprise": ("ic-mems", "ai"),
    "showcase-investor": ("ic", "new-materials", "sensors"),
}

# The people behind demo accounts: (persona key, Person fields, organisation slug, position,
# industry codes).
DEMO_PEOPLE: list[tuple[str, dict, str, str, tuple[str, ...]]] = [
    (
        "researcher",
        {
            "kind": "researcher",
            "language": "zh",
            "name_zh": "王哲",
            "name_en": "Zhe Wang",
            "title_zh": "研究员",
            "title_en": "Professor",
            "bio_zh": "长期从事MEMS声学传感器与晶圆级封装研究。",
            "bio_en": "Works on MEMS acoustic sensors and wafer-level packaging.",
            "expertise": "MEMS 麦克风 晶圆级封装 声学传感",
            "email": "demo-researcher@example.org",
            "contact_consent": True,
        },
        "simit",
        "研究员",
        ("ic-mems", "sensors"),
    ),
    (
        "broker",
        {
            "kind": "broker",
            "language": "zh",
            "name_zh": "沈嘉",
            "name_en": "Jia Shen",
            "title_zh": "金牌科技经纪人",
            "title_en": "Gold-medal Technology Broker",
            "bio_zh": "专注集成电路与新材料成果转化，累计促成技术合同数十项。",
            "bio_en": "Brokers IC and new-materials technology transfer.",
            "expertise": "成果转化 技术经纪 集成电路",
            "email": "demo-broker@example.org",
            "contact_consent": True,
        },
        "xinwei-group",
        "金牌科技经纪人",
        ("ic", "new-materials"),
    ),
]
