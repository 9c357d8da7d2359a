"""The district's service list (服务清单): entries offered by the real units and platforms the seed
names, and templates for the generated service providers. Categories are `catalogue.ServiceCategory`
values; stages are `directory.LifecycleStage` values."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    category: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    stages: tuple[str, ...]
    is_free: bool = True
    fee_zh: str = ""
    fee_en: str = ""


ALL = ("seed", "startup", "growth", "mature")
EARLY = ("seed", "startup")
GROWING = ("startup", "growth")

# (provider slug, spec): entries of the real units and platforms.
CURATED: list[tuple[str, ServiceSpec]] = [
    (
        "yrd-finance-alliance",
        ServiceSpec(
            "finance",
            "科创企业投贷联动对接",
            "Combined investment and lending for tech companies",
            "联合联盟成员银行与投资机构，为有股权融资计划的科创企业匹配认股权贷款与投贷联动产品。",
            "Matches tech companies that plan an equity round with warrant-linked loans from member banks and investors.",
            GROWING,
        ),
    ),
    (
        "yrd-finance-alliance",
        ServiceSpec(
            "finance",
            "“科技履约贷”申报辅导",
            "Guidance for technology performance loans",
            "辅导企业准备科技履约贷材料，对接合作银行与担保机构，最高可获得信用贷款支持。",
            "Helps companies prepare technology performance-loan applications with partner banks and guarantors.",
            GROWING,
        ),
    ),
    (
        "huatai-innovation",
        ServiceSpec(
            "finance",
            "早期硬科技项目投资评估",
            "Early-stage deep-tech investment review",
            "面向院所成果转化项目与初创团队，提供商业计划书诊断与投资评估。",
            "Business-plan review and investment assessment for spin-outs and start-ups.",
            EARLY,
        ),
    ),
    (
        "changning-samr",
        ServiceSpec(
            "registration_tax_law",
            "企业设立登记“一网通办”",
            "One-stop online business registration",
            "提供企业设立、变更、注销登记的帮办服务，材料齐全当日办结。",
            "Assisted registration, change and deregistration; "
            "same-day completion when the file is complete.",
            ALL,
        ),
    ),
    (
        "changning-tax",
        ServiceSpec(
            "registration_tax_law",
            "研发费用加计扣除政策辅导",
            "R&D super-deduction guidance",
            "讲解研发费用归集口径与加计扣除申报流程，提供一对一辅导。",
            "Explains how to account for R&D costs and claim the super-deduction, with one-to-one guidance.",
            ("startup", "growth", "mature"),
        ),
    ),
    (
        "changning-tax",
        ServiceSpec(
            "registration_tax_law",
            "高新技术企业税收优惠办理",
            "High-tech enterprise tax incentives",
            "指导高新技术企业享受15%企业所得税优惠税率的备案与申报。",
            "Guides high-tech enterprises through the 15% corporate-income-tax rate filing.",
            ("growth", "mature"),
        ),
    ),
    (
        "rule-of-law-base",
        ServiceSpec(
            "registration_tax_law",
            "科创企业合规体检",
            "Compliance check-up for tech companies",
            "围绕股权架构、劳动用工、数据合规与知识产权开展合规体检，出具整改建议。",
            "Reviews equity structure, employment, data compliance and IP, with a remediation report.",
            ALL,
        ),
    ),
    (
        "rule-of-law-base",
        ServiceSpec(
            "registration_tax_law",
            "技术合同法律审查",
            "Legal review of technology contracts",
            "为技术转让、许可和合作开发合同提供条款审查与谈判支持。",
            "Reviews and negotiates transfer, licence and joint-development contracts.",
            ALL,
            False,
            "首次免费，复杂合同按件收费",
            "First review free; complex contracts charged per case",
        ),
    ),
    (
        "changning-hrss",
        ServiceSpec(
            "hr_talent",
            "重点产业人才落户与居住证积分",
            "Residence registration for key-industry talent",
            "为街区重点产业企业引进的人才提供落户与居住证积分政策咨询和材料预审。",
            "Advice and pre-checks for residence "
            "registration and points for talent hired by key-industry firms.",
            ALL,
        ),
    ),
    (
        "changning-hrss",
        ServiceSpec(
            "hr_talent",
            "创业担保贷款与一次性创业补贴",
            "Start-up guarantee loans and grants",
            "符合条件的创业组织可申请创业担保贷款贴息与一次性创业补贴。",
            "Eligible start-ups can apply for subsidised guarantee loans and a one-off start-up grant.",
            EARLY,
        ),
    ),
    (
        "hongqiao-talent",
        ServiceSpec(
            "hr_talent",
            "科技人才服务站一站式服务",
            "Talent service station",
            "提供人才公寓申请、子女入学、医疗绿色通道等一站式服务。",
            "Talent apartments, school places and fast-track healthcare in one place.",
            ALL,
        ),
    ),
    (
        "changning-ipa",
        ServiceSpec(
            "ip",
            "专利快速预审",
            "Fast patent pre-examination",
            "面向重点产业领域企业的专利申请快速预审通道，缩短授权周期。",
            "Fast pre-examination track for patent applications in key industries.",
            ALL,
        ),
    ),
    (
        "changning-ipa",
        ServiceSpec(
            "ip",
            "知识产权质押融资",
            "IP-backed financing",
            "协助企业以专利、商标质押获得银行贷款，并申请贴息支持。",
            "Helps companies pledge patents and trademarks for bank loans and interest subsidies.",
            GROWING,
        ),
    ),
    (
        "changning-ipa",
        ServiceSpec(
            "ip",
            "海外知识产权纠纷应对指导",
            "Overseas IP dispute guidance",
            "为出海企业提供海外专利布局与纠纷应对指导。",
            "Guidance on overseas patent portfolios and disputes.",
            ("growth", "mature"),
        ),
    ),
    (
        "maker-hall-ops",
        ServiceSpec(
            "space",
            "硅巷创客厅开放工位",
            "Open desks at the Maker Hall",
            "面向早期团队的开放工位与路演厅预约，可申请首年租金优惠。",
            "Open desks and pitch-hall bookings for early teams, with a first-year rent discount.",
            EARLY,
            False,
            "工位 800 元/月起",
            "Desks from 800 yuan/month",
        ),
    ),
    (
        "silicon-alley-no1-ops",
        ServiceSpec(
            "space",
            "硬科技团队孵化入驻",
            "Incubation for deep-tech teams",
            "提供办公与共享实验台、创业导师与投融资对接。",
            "Offices, shared lab benches, mentors and investor introductions.",
            EARLY,
            False,
            "按入驻面积收费",
            "Charged by area",
        ),
    ),
    (
        "ic-poc-center",
        ServiceSpec(
            "testing_pilot",
            "集成电路应用概念验证",
            "IC application proof of concept",
            "为芯片应用创新项目提供方案评估、样片测试、小批量验证与可靠性测试。",
            "Assessment, sample testing, small-batch "
            "validation and reliability tests for IC application projects.",
            EARLY,
            False,
            "按项目评估，部分费用可获资助",
            "Quoted per project; partly subsidised",
        ),
    ),
    (
        "ic-poc-center",
        ServiceSpec(
            "testing_pilot",
            "MPW 流片对接",
            "Multi-project wafer tape-out brokerage",
            "对接代工厂多项目晶圆流片资源，降低初创团队流片成本。",
            "Brokers MPW shuttles with foundries to cut tape-out cost for start-ups.",
            EARLY,
            False,
            "按面积分摊",
            "Shared by die area",
        ),
    ),
    (
        "simit-tto",
        ServiceSpec(
            "testing_pilot",
            "微系统所中试与技术转化服务",
            "SIMIT pilot-scale and transfer services",
            "依托研究所平台提供MEMS与传感器中试、失效分析与技术转化服务。",
            "Pilot runs, failure analysis and transfer "
            "services for MEMS and sensors on the institute's platforms.",
            ("startup", "growth"),
            False,
            "按工时计费",
            "Charged by hour",
        ),
    ),
    (
        "siccas-tto",
        ServiceSpec(
            "testing_pilot",
            "硅酸盐所材料检测与中试",
            "SICCAS materials testing and pilot runs",
            "提供陶瓷与晶体材料的性能检测、工艺中试与联合开发。",
            "Property testing, pilot runs and joint development for ceramics and crystals.",
            ("startup", "growth"),
            False,
            "按检测项目收费",
            "Charged per test",
        ),
    ),
    (
        "seekerlab",
        ServiceSpec(
            "testing_pilot",
            "数智产品展示与用户测试",
            "Showcase and user testing of digital products",
            "在 SeekerLab 展示原型并组织用户测试，收集反馈。",
            "Show prototypes at the SeekerLab and run user tests.",
            EARLY,
        ),
    ),
    (
        "changning-stc",
        ServiceSpec(
            "policy",
            "科技型中小企业与高新技术企业认定辅导",
            "Tech SME and high-tech enterprise certification",
            "讲解认定条件与材料要求，组织专家预评。",
            "Explains criteria and documents, with expert pre-review.",
            ("startup", "growth"),
        ),
    ),
    (
        "changning-stc",
        ServiceSpec(
            "policy",
            "“上海硅巷”科创扶持政策申报",
            "Silicon Alley support-policy applications",
            "街区科创企业研发投入、成果转化与孵化载体扶持政策的申报受理。",
            "Applications for the district's R&D, technology-transfer and incubator support.",
            ALL,
        ),
    ),
    (
        "huayang-subdistrict",
        ServiceSpec(
            "policy",
            "企业诉求“一站式”受理",
            "One-stop handling of enterprise requests",
            "受理企业在经营中遇到的问题，按责任分工转交并跟踪办结。",
            "Takes in companies' problems, routes them to the responsible unit and follows them to closure.",
            ALL,
        ),
    ),
]

# Templates for generated providers, by category: (title_zh, title_en, description_zh, description_en, stages).
TEMPLATES: dict[str, list[tuple[str, str, str, str, tuple[str, ...]]]] = {
    "finance": [
        (
            "股权融资顾问",
            "Equity fundraising advisory",
            "协助梳理融资故事、搭建财务模型并对接投资机构。",
            "Helps shape the equity story, builds the financial model and introduces investors.",
            GROWING,
        ),
        (
            "知识产权质押贷款担保",
            "Guarantees for IP-backed loans",
            "为轻资产科创企业的知识产权质押贷款提供担保。",
            "Guarantees IP-backed loans for asset-light tech companies.",
            GROWING,
        ),
        (
            "科技保险方案设计",
            "Technology insurance",
            "提供首台套、研发中断与产品责任等科技保险方案。",
            "Insurance for first-of-a-kind equipment, R&D interruption and product liability.",
            ALL,
        ),
    ],
    "registration_tax_law": [
        (
            "代理记账与税务申报",
            "Bookkeeping and tax filing",
            "为初创企业提供代理记账、纳税申报与财税咨询。",
            "Bookkeeping, tax returns and advice for start-ups.",
            EARLY,
        ),
        (
            "股权激励方案设计",
            "Employee equity plans",
            "设计期权池与持股平台，起草股权激励协议。",
            "Designs option pools and holding vehicles and drafts the agreements.",
            GROWING,
        ),
        (
            "数据合规与个人信息保护评估",
            "Data compliance and privacy assessment",
            "开展数据出境、个人信息保护合规评估。",
            "Assesses cross-border data transfer and personal-information compliance.",
            ("growth", "mature"),
        ),
        (
            "外资企业设立咨询",
            "Setting up a foreign-invested company",
            "为外籍创业者提供外资企业设立与签证咨询。",
            "Company set-up and visa advice for foreign founders.",
            EARLY,
        ),
    ],
    "hr_talent": [
        (
            "技术人才猎头",
            "Technical executive search",
            "面向芯片、材料与AI企业的核心技术人才寻访。",
            "Search for key engineers in chips, materials and AI.",
            GROWING,
        ),
        (
            "灵活用工与社保代缴",
            "Flexible staffing and payroll",
            "提供灵活用工、社保公积金代缴与薪酬外包。",
            "Flexible staffing, social-insurance payments and payroll outsourcing.",
            EARLY,
        ),
        (
            "海外人才工作许可办理",
            "Work permits for foreign talent",
            "协助办理外国人来华工作许可与居留许可。",
            "Work and residence permits for foreign professionals.",
            ALL,
        ),
    ],
    "ip": [
        (
            "发明专利申请代理",
            "Invention patent filing",
            "专利挖掘、撰写与申请代理，含答复审查意见。",
            "Patent mining, drafting and prosecution.",
            ALL,
        ),
        (
            "专利导航与FTO分析",
            "Patent landscaping and FTO",
            "开展技术领域专利导航与自由实施（FTO）风险分析。",
            "Patent landscapes and freedom-to-operate analysis.",
            GROWING,
        ),
        (
            "知识产权价值评估",
            "IP valuation",
            "为成果转化、作价入股和质押融资提供知识产权评估。",
            "IP valuation for transfer, equity contribution and loans.",
            ALL,
        ),
    ],
    "space": [
        (
            "联合办公工位",
            "Co-working desks",
            "灵活租期的联合办公工位与会议室。",
            "Flexible co-working desks and meeting rooms.",
            EARLY,
        ),
        (
            "共享实验室预约",
            "Shared lab booking",
            "提供通风橱、洁净工作台与常用测试设备的共享预约。",
            "Shared fume hoods, clean benches and common test equipment.",
            EARLY,
        ),
    ],
    "testing_pilot": [
        (
            "电子元器件可靠性检测",
            "Reliability testing of components",
            "提供高低温循环、HAST、ESD等可靠性试验。",
            "Temperature cycling, HAST and ESD testing.",
            GROWING,
        ),
        (
            "EMC电磁兼容预测试",
            "EMC pre-compliance testing",
            "产品认证前的电磁兼容预测试与整改建议。",
            "EMC pre-compliance tests and fixes before certification.",
            GROWING,
        ),
        (
            "技术成果评价与技术经纪",
            "Technology evaluation and brokerage",
            "开展技术成果评价，撮合技术转让与许可。",
            "Evaluates outcomes and brokers transfers and licences.",
            ALL,
        ),
    ],
    "policy": [
        (
            "科技项目申报代理",
            "Grant application support",
            "梳理适配的市、区科技项目并辅导申报。",
            "Finds matching city and district programmes and supports applications.",
            ALL,
        ),
        (
            "专精特新企业培育辅导",
            "“Specialised and innovative” SME coaching",
            "对照专精特新认定标准开展诊断与培育。",
            "Diagnoses and coaches companies against the specialised-SME criteria.",
            ("growth", "mature"),
        ),
    ],
}

# Other names providers give the same service (keyed by the template's Chinese title): a generated
# provider picks one, so the list does not repeat itself and no provider offers a title twice.
TITLE_VARIANTS: dict[str, list[tuple[str, ...]]] = {  # (zh, en[, description zh, description en])
    "股权融资顾问": [
        ("天使轮至A轮融资全程顾问", "Angel-to-Series-A fundraising advisory"),
        ("融资路演辅导与投资人对接", "Pitch coaching and investor introductions"),
    ],
    "知识产权质押贷款担保": [
        ("专利质押融资担保（轻资产企业）", "Guarantees for patent-backed loans to asset-light companies"),
        ("科技型企业信用担保", "Credit guarantees for tech companies"),
    ],
    "科技保险方案设计": [
        ("首台套装备保险投保辅导", "Insurance for first-of-a-kind equipment"),
        ("研发中断与产品责任险方案", "R&D interruption and product-liability cover"),
    ],
    "代理记账与税务申报": [
        ("初创企业财税托管", "Finance and tax outsourcing for start-ups"),
        ("小规模纳税人记账报税套餐", "Bookkeeping and filing for small-scale taxpayers"),
    ],
    "股权激励方案设计": [
        ("期权池设计与持股平台搭建", "Option pools and employee holding vehicles"),
        ("核心团队股权激励法律服务", "Legal work for key-staff equity incentives"),
    ],
    "数据合规与个人信息保护评估": [
        ("数据出境安全评估申报辅导", "Cross-border data transfer assessment filings"),
        ("APP与智能硬件个人信息合规审查", "Privacy compliance review for apps and smart devices"),
    ],
    "外资企业设立咨询": [
        ("外籍创业者公司注册一站式服务", "Company registration for foreign founders"),
        ("外商投资企业设立与银行开户", "Setting up a foreign-invested company and its bank account"),
    ],
    "技术人才猎头": [
        ("芯片与材料研发人才寻访", "Search for chip and materials engineers"),
        ("CTO及核心技术岗位猎聘", "CTO and senior engineering search"),
    ],
    "灵活用工与社保代缴": [
        ("社保公积金代缴与薪酬外包", "Social insurance, housing fund and payroll outsourcing"),
        ("研发项目制灵活用工", "Project-based staffing for R&D teams"),
    ],
    "海外人才工作许可办理": [
        ("外国人来华工作许可与居留代办", "Work and residence permits for foreign staff"),
        ("外籍高端人才R字签证咨询", "Advice on R visas for high-level foreign talent"),
    ],
    "发明专利申请代理": [
        ("专利挖掘与发明专利撰写", "Patent mining and invention drafting"),
        ("PCT国际专利申请代理", "PCT international patent filing"),
        ("审查意见答复与复审代理", "Office-action responses and re-examination"),
    ],
    "专利导航与FTO分析": [
        ("产品上市前FTO侵权风险排查", "Freedom-to-operate checks before launch"),
        ("产业专利导航与技术路线分析", "Patent landscapes and technology roadmaps"),
    ],
    "知识产权价值评估": [
        ("专利作价入股评估", "Patent valuation for equity contribution"),
        ("质押融资用专利价值评估报告", "Patent valuation reports for pledge loans"),
    ],
    "联合办公工位": [
        ("灵活租期开放工位", "Hot desks on flexible terms"),
        (
            "初创团队独立办公室（2–10人）",
            "Private offices for teams of 2 to 10",
            "2至10人的独立办公室，可按月续租，含会议室时段。",
            "Private offices for two to ten people, monthly terms, meeting-room hours included.",
        ),
    ],
    "共享实验室预约": [
        ("共享化学实验台与通风橱", "Shared wet benches and fume hoods"),
        (
            "电子测试仪器共享预约",
            "Bookable electronics test instruments",
            "示波器、频谱分析仪、半导体参数分析仪等仪器按小时预约使用。",
            "Oscilloscopes, spectrum analysers and semiconductor parameter analysers, booked by the hour.",
        ),
    ],
    "电子元器件可靠性检测": [
        ("AEC-Q车规元器件可靠性试验", "AEC-Q reliability qualification for automotive parts"),
        ("高低温循环与HAST试验", "Temperature cycling and HAST"),
    ],
    "EMC电磁兼容预测试": [
        ("CE/CCC认证前EMC摸底测试", "EMC pre-scans before CE and CCC certification"),
        ("EMC整改与辐射发射诊断", "EMC fixes and radiated-emission diagnosis"),
    ],
    "技术成果评价与技术经纪": [
        ("科技成果第三方评价", "Independent evaluation of technology outcomes"),
        ("院所成果转化对接与技术经纪", "Brokering institute technology to companies"),
    ],
    "科技项目申报代理": [
        ("市、区科技计划项目申报辅导", "City and district R&D programme applications"),
        ("科技创新券与研发补贴申请", "Innovation vouchers and R&D grants"),
    ],
    "专精特新企业培育辅导": [
        ("专精特新“小巨人”申报辅导", "Applications for “little giant” specialised-SME status"),
        ("专精特新企业诊断与提升方案", "Specialised-SME diagnosis and improvement plan"),
        ("创新型中小企业评价与专精特新梯度培育", "Innovative-SME rating and the specialised-SME ladder"),
    ],
}

# Who a service is for, as providers write it after the name: "（面向集成电路企业）".
FOCUS: list[tuple[str, str]] = [
    ("面向集成电路企业", "for chip companies"),
    ("面向新材料企业", "for materials companies"),
    ("面向人工智能企业", "for AI companies"),
    ("面向生物医药与医疗器械企业", "for life-science companies"),
    ("面向初创团队", "for start-up teams"),
    ("面向院所转化项目", "for institute spin-outs"),
]

# A sentence on the provider's track record, by template title or else by category ({n}, {m}: numbers drawn by the loader).
TRACK_RECORD: dict[str, list[tuple[str, str]]] = {
    "技术成果评价与技术经纪": [
        (
            "近三年促成技术合同{n}项，成交额约{m}千万元。",
            "Brokered {n} technology contracts in three years, worth about RMB {m}0 million.",
        ),
    ],
    "科技保险方案设计": [
        (
            "合作保险公司{m}家，每年为{n}家科创企业设计保险方案。",
            "Works with {m} insurers and designs cover for {n} tech companies a year.",
        ),
    ],
    "finance": [
        (
            "近三年服务科创企业{n}家，协助完成融资约{m}亿元。",
            "Has served {n} tech companies in three years, helping raise about RMB {m}00 million.",
        ),
        ("合作银行与投资机构{n}家。", "Works with {n} banks and investors."),
    ],
    "registration_tax_law": [
        (
            "团队{n}人，其中执业律师/注册会计师{m}名。",
            "A team of {n}, {m} of them qualified lawyers or accountants.",
        ),
        ("长期服务街区企业{n}家。", "Serves {n} companies in the district."),
    ],
    "hr_talent": [
        (
            "人才库覆盖芯片、材料与AI工程师{n}00余人。",
            "Our talent pool holds over {n}00 chip, materials and AI engineers.",
        ),
        ("近一年帮助企业招聘核心岗位{n}个。", "Filled {n} key positions last year."),
    ],
    "ip": [
        (
            "团队有专利代理师{m}名，近三年代理发明专利{n}0余件。",
            "{m} patent attorneys; over {n}0 invention patents filed in three years.",
        ),
        ("累计为{n}家企业提供专利布局服务。", "Has built patent portfolios for {n} companies."),
    ],
    "space": [
        ("可提供工位{m}0个，步行5分钟到地铁站。", "{m}0 desks, five minutes' walk from the metro."),
        ("已入驻团队{n}个。", "{n} teams in residence."),
    ],
    "testing_pilot": [
        (
            "具备CNAS认可资质，常规项目{m}个工作日出报告。",
            "CNAS-accredited; reports within {m} working days for routine tests.",
        ),
        ("年出具检测报告{n}00余份。", "Issues over {n}00 test reports a year."),
    ],
    "policy": [
        ("近三年辅导企业获批各类项目{n}项。", "Helped companies win {n} grants in three years."),
        (
            "熟悉市、区两级科技政策，提供免费初评。",
            "Knows city and district programmes; free first assessment.",
        ),
    ],
}


# How to apply and who may, drawn for each generated service.
HOW_TO_APPLY = [
    (
        "点击本页“申请服务”在线提交申请，工作人员3个工作日内联系。",
        "Use “Apply” on this page; staff reply within 3 working days.",
    ),
    ("到硅巷创客厅服务窗口现场办理。", "Apply in person at the Maker Hall service desk."),
    ("电话或邮件预约，首次咨询免费。", "Book by phone or email; the first consultation is free."),
]
ELIGIBILITY = [
    (
        "注册或实际经营地在“上海硅巷”科创街区内的科创企业。",
        "Tech companies registered or operating in the district.",
    ),
    ("成立5年以内的科技型中小企业。", "Tech SMEs less than five years old."),
    ("已入驻街区孵化器的创业团队。", "Teams in one of the district's incubators."),
]
FEES = [
    ("按项目报价", "Quoted per project"),
    ("首次咨询免费，后续按小时计费", "First consultation free, then hourly"),
    ("街区企业享八折优惠", "20% off for district companies"),
]
