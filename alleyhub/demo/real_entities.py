"""Every real entity the seed document names (../shared/seed/), as plain data.

Addresses: the institutes', the university's and the commission's are their public addresses;
for the spaces and platforms only the street is given (the seed names the streets, not numbers).
Credit codes of these entities are generated like the rest of the demo (they are not the real
codes): the loader gives each one a valid, unique code from the same generator.
"""

from dataclasses import dataclass, field

# Registration-authority + type prefixes of GB 32100 codes, with the Changning division 310105.
CENTRAL_INSTITUTION = "12100000"  # 事业单位 registered nationally (CAS institutes, MOE universities)
DISTRICT_ORGAN = "11310105"  # 机关 of Changning district
DISTRICT_INSTITUTION = "12310105"  # 事业单位 of Changning district
CITY_SOCIAL_ORG = "51310000"  # 社会团体 registered in Shanghai (associations, alliances)
DISTRICT_COMPANY = "91310105"  # 企业 registered in Changning


@dataclass(frozen=True)
class RealOrg:
    slug: str
    kind: str
    name_zh: str
    name_en: str
    short_name: str
    prefix: str
    industries: tuple[str, ...] = ()
    description_zh: str = ""
    description_en: str = ""
    address: str = ""
    subdistrict: str = "华阳路街道"
    founded_year: int | None = None
    website: str = ""
    lat: str | None = None
    lon: str | None = None
    stage: str = ""


GOVERNMENT_UNITS = [
    RealOrg(
        "changning-stc",
        "government_unit",
        "长宁区科学技术委员会（区科协）",
        "Changning District Science and Technology Commission",
        "区科委科协",
        DISTRICT_ORGAN,
        ("ic", "new-materials", "ai"),
        "“上海硅巷”科创街区的牵头部门，负责街区统筹协调、院地合作、科技政策与科普工作。",
        "Lead unit of the Shanghai Silicon Alley district: coordination, institute–district "
        "cooperation, science and technology policy and science popularisation.",
        "上海市长宁区长宁路599号",
        "",
        None,
        "",
        "31.220420",
        "121.424560",
    ),
    RealOrg(
        "changning-jgw",
        "government_unit",
        "长宁区建设和管理委员会",
        "Changning District Construction and Management Commission",
        "区建管委",
        DISTRICT_ORGAN,
        (),
        "牵头“上海硅巷”科创街区更新提升研究与城市更新项目。",
        "Leads the district's renewal study and urban-renewal projects.",
        "上海市长宁区",
    ),
    RealOrg(
        "huayang-subdistrict",
        "government_unit",
        "长宁区华阳路街道办事处",
        "Huayang Road Subdistrict Office",
        "华阳路街道",
        DISTRICT_ORGAN,
        (),
        "“上海硅巷”科创街区的重要承载区，推动院地合作、条块联动、政企互动，牵头编制街区服务清单。",
        "The district's main host subdistrict: institute–district cooperation, government–enterprise "
        "interaction, and the district's service list.",
        "上海市长宁区华阳路街道",
    ),
    RealOrg(
        "changning-fgw",
        "government_unit",
        "长宁区发展和改革委员会",
        "Changning District Development and Reform Commission",
        "区发改委",
        DISTRICT_ORGAN,
        (),
        "负责区域发展规划、重大项目与产业政策协调。",
        "Development planning, major projects, industrial policy.",
        "上海市长宁区",
    ),
    RealOrg(
        "changning-samr",
        "government_unit",
        "长宁区市场监督管理局",
        "Changning District Administration for Market Regulation",
        "区市场监管局",
        DISTRICT_ORGAN,
        (),
        "企业登记注册、市场监管、质量与标准服务。",
        "Business registration, market regulation, quality and standards.",
        "上海市长宁区",
    ),
    RealOrg(
        "changning-hrss",
        "government_unit",
        "长宁区人力资源和社会保障局",
        "Changning District Human Resources and Social Security Bureau",
        "区人社局",
        DISTRICT_ORGAN,
        (),
        "人才引进、落户、社保与就业创业服务。",
        "Talent attraction, residence permits, social security, employment.",
        "上海市长宁区",
    ),
    RealOrg(
        "changning-tax",
        "government_unit",
        "国家税务总局上海市长宁区税务局",
        "Changning District Tax Bureau",
        "区税务局",
        DISTRICT_ORGAN,
        (),
        "办税服务、研发费用加计扣除与高新技术企业税收优惠辅导。",
        "Tax services, R&D super-deduction and high-tech enterprise tax incentives.",
        "上海市长宁区",
    ),
    RealOrg(
        "changning-ipa",
        "government_unit",
        "长宁区知识产权局",
        "Changning District Intellectual Property Office",
        "区知识产权局",
        DISTRICT_ORGAN,
        (),
        "专利预审、知识产权保护与质押融资服务。",
        "Patent pre-examination, IP protection and IP-backed financing.",
        "上海市长宁区",
    ),
    RealOrg(
        "task-force",
        "government_unit",
        "“上海硅巷”科创街区工作专班",
        "Shanghai Silicon Alley Task Force",
        "工作专班",
        DISTRICT_ORGAN,
        (),
        "跨部门工作专班：明确各单位责任分工，链接科技成果、科创企业与服务资源，及时协调解决问题。",
        "The cross-unit task force: divides responsibilities among units, links outcomes, enterprises and "
        "services, and resolves problems in time.",
        "上海市长宁区长宁路599号",
    ),
]

INSTITUTES = [
    RealOrg(
        "simit",
        "institute",
        "中国科学院上海微系统与信息技术研究所",
        "Shanghai Institute of Microsystem and Information Technology, CAS",
        "微系统所",
        CENTRAL_INSTITUTION,
        ("ic", "ic-mems", "ic-design", "sensors", "photonics"),
        "中国科学院直属研究所，研究方向涵盖微系统与传感、集成电路材料（SOI）、射频与太赫兹、超导电子学与单光子探测。",
        "A CAS institute working on microsystems and sensors, IC materials (SOI), RF and terahertz, "
        "superconducting electronics and single-photon detection.",
        "上海市长宁区长宁路865号",
        "华阳路街道",
        1928,
        "http://www.sim.cas.cn",
        "31.219870",
        "121.423130",
    ),
    RealOrg(
        "simit-tto",
        "institute",
        "中国科学院上海微系统所成果转化部门",
        "SIMIT Technology Transfer Office",
        "微系统所成果转化",
        CENTRAL_INSTITUTION,
        ("ic", "ic-mems", "sensors"),
        "负责微系统所科技成果的许可、转让与作价入股，为科创企业提供中试与技术转化服务。",
        "Licenses, transfers and invests SIMIT's outcomes; offers pilot-scale and tech-transfer services.",
        "上海市长宁区长宁路865号",
        "华阳路街道",
        None,
        "",
        "31.219900",
        "121.423300",
    ),
    RealOrg(
        "siccas",
        "institute",
        "中国科学院上海硅酸盐研究所",
        "Shanghai Institute of Ceramics, CAS",
        "硅酸盐所",
        CENTRAL_INSTITUTION,
        (
            "new-materials",
            "new-materials-ceramics",
            "new-materials-crystals",
            "new-energy-battery",
            "biomedicine",
        ),
        "中国科学院直属研究所，在先进陶瓷、人工晶体、能源材料、生物材料与无机涂层领域具有长期积累。",
        "A CAS institute with long experience in advanced ceramics, synthetic crystals, energy materials, "
        "biomaterials and inorganic coatings.",
        "上海市长宁区定西路1295号",
        "华阳路街道",
        1959,
        "http://www.sic.cas.cn",
        "31.214330",
        "121.424950",
    ),
    RealOrg(
        "siccas-tto",
        "institute",
        "中国科学院上海硅酸盐所成果转化部门",
        "SICCAS Technology Transfer Office",
        "硅酸盐所成果转化",
        CENTRAL_INSTITUTION,
        ("new-materials", "new-materials-ceramics"),
        "负责硅酸盐所成果转化与中试熟化，对接企业开展联合开发与技术许可。",
        "Transfers SICCAS outcomes, runs pilot-scale maturation and joint development with enterprises.",
        "上海市长宁区定西路1295号",
        "华阳路街道",
        None,
        "",
        "31.214400",
        "121.425000",
    ),
]

UNIVERSITIES = [
    RealOrg(
        "donghua",
        "university",
        "东华大学",
        "Donghua University",
        "东华",
        CENTRAL_INSTITUTION,
        ("new-materials-fibers", "new-materials", "digital-health", "culture-tech"),
        "教育部直属高校，纺织科学与工程、材料科学与工程学科优势突出；与华阳路街道共建 SeekerLab 数智服务实验室。",
        "A Ministry of Education university strong in textile science and materials; co-founded the "
        "SeekerLab with Huayang Road subdistrict.",
        "上海市长宁区延安西路1882号",
        "新华路街道",
        1951,
        "https://www.dhu.edu.cn",
        "31.206790",
        "121.418330",
    ),
]

MARKET_PLAYERS = [
    RealOrg(
        "xinwei-group",
        "incubator",
        "新微科技集团",
        "Xinwei Technology Group",
        "新微",
        DISTRICT_COMPANY,
        ("ic", "ic-mems", "sensors"),
        "以市场化方式支持科技成果转化和科技企业孵化的市场主体，提供孵化、投资与产业服务。",
        "A market player that supports technology transfer and incubates tech companies: incubation, "
        "investment and industry services.",
        "上海市长宁区长宁路",
        "华阳路街道",
        None,
        "",
        None,
        None,
        "mature",
    ),
    RealOrg(
        "huatai-innovation",
        "investor",
        "华泰创新",
        "Huatai Innovation",
        "华泰创新",
        DISTRICT_COMPANY,
        ("ic", "new-materials", "ai"),
        "以市场化方式参与科技成果转化与科技企业投资的投资主体。",
        "An investor that takes part in technology transfer and invests in tech companies.",
        "上海市",
        "",
        None,
        "",
        None,
        None,
        "mature",
    ),
]

PLATFORMS = [
    RealOrg(
        "ic-poc-center",
        "platform",
        "集成电路应用创新概念验证中心",
        "IC Application Innovation Proof-of-Concept Center",
        "IC概念验证中心",
        DISTRICT_INSTITUTION,
        ("ic", "ic-design", "ic-power", "ic-mems"),
        "2025年2月12日揭幕，为集成电路应用创新项目提供概念验证、样品流片对接、可靠性测试与中试服务。",
        "Opened on 12 Feb 2025: proof of concept, tape-out brokerage, reliability testing and pilot runs "
        "for IC application projects.",
        "上海市长宁区定西路",
        "华阳路街道",
        2025,
    ),
    RealOrg(
        "co-innovation-platform",
        "platform",
        "“上海硅巷”科创生态协同创新平台",
        "Shanghai Silicon Alley Ecosystem Co-innovation Platform",
        "协同创新平台",
        DISTRICT_INSTITUTION,
        (),
        "2025年2月12日揭幕，汇聚院所、高校、企业、投资与服务机构，推动科技成果与产业需求高效对接。",
        "Opened on 12 Feb 2025: brings institutes, universities, enterprises, investors and service firms "
        "together to match outcomes with industry needs.",
        "上海市长宁区愚园路",
        "华阳路街道",
        2025,
    ),
    RealOrg(
        "incubator-community",
        "platform",
        "“上海硅巷”高质孵化器建设共同体",
        "Shanghai Silicon Alley High-quality Incubator Community",
        "孵化器共同体",
        DISTRICT_INSTITUTION,
        (),
        "2024年成立，联合街区孵化器共建高质量孵化体系。",
        "Founded in 2024 by the district's incubators.",
        "上海市长宁区",
        "华阳路街道",
        2024,
    ),
    RealOrg(
        "incubation-platform",
        "platform",
        "“上海硅巷”创新孵化平台",
        "Shanghai Silicon Alley Innovation Incubation Platform",
        "创新孵化平台",
        DISTRICT_INSTITUTION,
        (),
        "2024年启动建设的创新孵化平台。",
        "The innovation incubation platform launched in 2024.",
        "上海市长宁区",
        "华阳路街道",
        2024,
    ),
    RealOrg(
        "seekerlab",
        "platform",
        "SeekerLab 数智服务实验室",
        "SeekerLab Digital-Intelligence Service Lab",
        "SeekerLab",
        DISTRICT_INSTITUTION,
        ("ai", "culture-tech"),
        "华阳路街道联合东华大学在硅巷创客厅设立，为双创人才提供实验性展示空间和交流平台。",
        "Set up by Huayang Road subdistrict and Donghua University in the Maker Hall: an experimental "
        "showcase and exchange space for founders.",
        "上海市长宁区愚园路",
        "华阳路街道",
    ),
    RealOrg(
        "new-stratum-station",
        "platform",
        "上海市新阶层科创服务团“上海硅巷”首站",
        "Shanghai New-Stratum Sci-Tech Service Group, Silicon Alley First Station",
        "新阶层科创服务团首站",
        CITY_SOCIAL_ORG,
        (),
        "进驻硅巷创客厅的功能平台，提供科创咨询与专家服务。",
        "A functional platform in the Maker Hall offering advisory and expert services.",
        "上海市长宁区愚园路",
    ),
    RealOrg(
        "rule-of-law-base",
        "platform",
        "上海法治化营商环境研究基地“上海硅巷”分中心",
        "Shanghai Rule-of-Law Business Environment Research Base, Silicon Alley Branch",
        "法治营商分中心",
        CITY_SOCIAL_ORG,
        (),
        "提供企业合规、法律咨询与营商环境研究服务。",
        "Compliance, legal advice and business-environment research.",
        "上海市长宁区愚园路",
    ),
    RealOrg(
        "sh-blockchain-assoc",
        "platform",
        "上海区块链技术协会",
        "Shanghai Blockchain Technology Association",
        "区块链协会",
        CITY_SOCIAL_ORG,
        ("blockchain",),
        "推动区块链技术研究、标准与应用落地的行业协会。",
        "Industry association for blockchain research, standards and applications.",
        "上海市长宁区愚园路",
    ),
    RealOrg(
        "yrd-finance-alliance",
        "platform",
        "长三角科创金融联盟",
        "Yangtze River Delta Sci-Tech Finance Alliance",
        "科创金融联盟",
        CITY_SOCIAL_ORG,
        ("fintech",),
        "联合银行、投资机构与担保机构，为科创企业提供投贷联动与金融服务。",
        "Banks, investors and guarantors offering combined investment and lending to tech companies.",
        "上海市长宁区愚园路",
    ),
    RealOrg(
        "hongqiao-talent",
        "platform",
        "虹桥人才荟",
        "Hongqiao Talent Hub",
        "虹桥人才荟",
        DISTRICT_INSTITUTION,
        (),
        "集科技人才服务站、资本技术链接点、产业生态协同“荟”、综合服务供给区于一体的全链条平台。",
        "A full-chain platform: talent service station, capital–technology link point, ecosystem hub and "
        "integrated services.",
        "上海市长宁区愚园路",
    ),
]

SPACE_OPERATORS = [
    RealOrg(
        "silicon-alley-no1-ops",
        "incubator",
        "硅巷 NO.1 创新空间",
        "Silicon Alley NO.1 Innovation Space",
        "硅巷 NO.1",
        DISTRICT_COMPANY,
        ("ic", "ai"),
        "定西路“科创金三角”上的创新空间，提供办公、路演与孵化服务。",
        "Innovation space on Dingxi Road's tech golden triangle: offices, pitches, incubation.",
        "上海市长宁区定西路",
        "华阳路街道",
        None,
        "",
        None,
        None,
        "growth",
    ),
    RealOrg(
        "maker-hall-ops",
        "incubator",
        "“上海硅巷”创客厅",
        "Shanghai Silicon Alley Maker Hall",
        "硅巷创客厅",
        DISTRICT_COMPANY,
        ("ai", "culture-tech"),
        "全链条创新创业平台，已集聚 10 余家功能平台进驻，内设 SeekerLab 数智服务实验室。",
        "Full-chain start-up platform hosting 10+ functional platforms and the SeekerLab.",
        "上海市长宁区愚园路",
        "华阳路街道",
        None,
        "",
        None,
        None,
        "growth",
    ),
    RealOrg(
        "wuyi-quadrant-ops",
        "incubator",
        "武夷新象限科创空间",
        "Wuyi New Quadrant Innovation Space",
        "武夷新象限",
        DISTRICT_COMPANY,
        ("culture-tech", "ai"),
        "武夷路风貌道路上的科创空间。",
        "Innovation space on historic Wuyi Road.",
        "上海市长宁区武夷路",
        "华阳路街道",
        None,
        "",
        None,
        None,
        "growth",
    ),
    RealOrg(
        "feiyueli-ops",
        "incubator",
        "翡悦里科创空间",
        "Feiyueli Innovation Space",
        "翡悦里",
        DISTRICT_COMPANY,
        (),
        "融合办公、交流与休闲的街区科创空间。",
        "A district space mixing offices, exchange and leisure.",
        "上海市长宁区愚园路",
        "江苏路街道",
        None,
        "",
        None,
        None,
        "growth",
    ),
]

REAL_ORGS: list[RealOrg] = (
    GOVERNMENT_UNITS + INSTITUTES + UNIVERSITIES + MARKET_PLAYERS + PLATFORMS + SPACE_OPERATORS
)


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
