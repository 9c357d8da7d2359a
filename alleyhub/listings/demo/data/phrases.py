"""Phrases the outcome and demand texts are composed of (data only; see `listings.demo.texts`)."""

Pair = tuple[str, str]

# Numbers for the metric slots (same in both languages).
METRIC_VALUES: dict[str, list[str]] = {
    "p": ["20", "25", "30", "35", "40", "45"],
    "d": ["60", "80", "100", "120"],
    "snr": ["65", "66", "68", "70"],
    "size": ["2.75×1.85×0.9", "3.5×2.65×0.98", "2.5×2.0×0.8"],
    "uw": ["120", "150", "180"],
    "g": ["10", "25", "56", "112"],
    "a": ["0.8", "1.2", "2.4"],
    "um": ["10", "20", "40"],
    "w": ["30", "50"],
    "k": ["170", "200", "230"],
    "k2": ["80", "90", "95"],
    "mpa": ["600", "800", "900"],
    "c": ["500", "1000", "2000"],
    "ly": ["30000", "32000", "45000"],
    "mp": ["0.5", "1"],
    "r": ["80", "85", "90", "95"],
    "f": ["99.5", "99.9", "99.97"],
    "miss": ["0.1", "0.3", "0.5"],
    "ms": ["8", "12", "20"],
    "map": ["0.86", "0.91", "0.93"],
    "acc": ["88", "92", "95", "97"],
    "x": ["3", "5", "8"],
    "tps": ["3000", "5000", "10000"],
    "s": ["1", "2", "3"],
    "auc": ["0.82", "0.86", "0.89"],
    "sen": ["92", "95", "97"],
    "spe": ["90", "93", "96"],
    "ppb": ["10", "50", "100"],
    "eff": ["85", "90", "95"],
    "wh": ["350", "400", "420"],
    "whna": ["140", "155", "165"],
    "il": ["1.2", "1.5", "2.0"],
    "mm": ["0.02", "0.05"],
    "pts": ["120", "300", "500"],
    "m": ["10", "15", "20"],
    "n": ["2000", "5000"],
    "pe": ["96.5", "97.8", "98.2"],
    "wph": ["20", "40", "60"],
    "tc": ["0.05", "0.1", "0.2"],
    "q": ["10000", "50000"],
    "range": ["80", "150", "250"],
    "enob": ["10.5", "11.2", "13.1"],
    "na": ["200", "500", "800"],
    "dbm": ["28", "30", "33"],
    "tr": ["75", "80", "82"],
    "d33": ["280", "350", "420"],
    "ns": ["40", "60", "300"],
    "hv": ["1.5", "2", "3"],
    "j": ["120", "150", "180"],
    "gf": ["20", "50", "120"],
    "r2": ["99", "99.9"],
    "cn": ["3.5", "4.5", "6"],
    "dd": ["3", "5", "7"],
    "hh": ["2", "4", "6"],
    "days": ["7", "14", "30"],
    "fa": ["1", "2"],
    "pa": ["0.5", "1", "5"],
    "me": ["1", "2", "5"],
    "dcr": ["1", "10", "100"],
    "w2": ["75", "120", "200"],
    "mm2": ["0.5", "1", "2"],
    "h": ["1000", "2000"],
}

# The applications an outcome template fits (names of its sector's scenes), where not all of them
# do: a thermal barrier coating is for turbines, not for LEDs.
OUTCOME_SCENES: dict[str, tuple[str, ...]] = {
    "{part} {grade}功率模块": ("新能源汽车主驱逆变器", "充电桩", "光伏逆变器", "储能变流器"),
    "基于{matzh}的高效率{app}电源芯片": ("手机快充", "服务器电源", "充电桩"),
    "{v}V IGBT 模块双面散热封装技术": ("新能源汽车主驱逆变器", "光伏逆变器", "储能变流器"),
    "{v}V低导通电阻沟槽栅SiC MOSFET器件结构": ("新能源汽车主驱逆变器", "充电桩", "光伏逆变器", "储能变流器"),
    "面向{scene}的低噪声MEMS麦克风": ("TWS耳机", "智能手机", "可穿戴设备"),
    "高导热氮化铝陶瓷基板": ("IGBT与SiC模块封装", "大功率LED", "激光器"),
    "高强度氮化硅陶瓷基板": ("IGBT与SiC模块封装", "半导体设备部件"),
    "{node}工艺{ip} IP核": ("数据中心", "消费电子", "汽车电子"),
    "面向{app}的毫米波雷达收发芯片": ("汽车电子", "智能家居"),
    "5G Sub-6GHz {band} 射频前端模组": ("5G基站", "消费电子"),
    "{app}用超低功耗RISC-V SoC": ("消费电子", "汽车电子", "智能家居"),
    "{use}用透明陶瓷": ("激光器", "航空航天"),
    "航空发动机{part}热障涂层": ("航空航天", "燃气轮机"),
    "无铅{pz}压电陶瓷": ("超声换能器", "压电致动器"),
    "碳化硅陶瓷基复合材料{part2}": ("航空航天", "高性能制动系统", "半导体设备部件"),
    "大尺寸{crys}闪烁晶体生长技术": ("PET医学成像", "安检", "高能物理"),
    "{inch}英寸碳化硅单晶衬底低缺陷生长": ("功率器件衬底", "射频器件", "新能源汽车"),
    "铌酸锂薄膜电光调制器": ("光通信",),
    "铌酸锂薄膜声表面波滤波器": ("5G射频滤波",),
    "相变调温纤维及其面料": ("户外服装", "运动健康"),
    "抗菌除臭纤维及其面料": ("医用防护", "运动健康", "户外服装"),
    "{fun}功能纤维及其面料": ("户外服装", "运动健康", "医用防护"),
    "静电纺丝纳米纤维{use}": ("空气净化", "医用防护"),
    "可穿戴柔性{sense}传感纤维": ("智能可穿戴", "运动健康"),
    "生物基可降解{poly}纤维": ("包装", "户外服装"),
    "基于深度学习的{obj}缺陷视觉检测系统": ("电子制造", "纺织印染", "锂电产线"),
    "小样本工业缺陷生成与检测方法": ("电子制造", "纺织印染", "锂电产线"),
    "可穿戴心电贴片及房颤AI识别": ("医院", "家庭健康", "体检中心"),
    "基于{sig}的睡眠呼吸监测": ("家庭健康", "医院", "社区养老"),
    "医学影像{organ}AI辅助诊断": ("医院", "体检中心"),
    "居家养老跌倒检测毫米波雷达": ("社区养老", "家庭健康"),
    "{gas}气体传感器阵列": ("环境监测", "储能电站"),
    "柔性压力传感电子皮肤": ("机器人触觉", "可穿戴健康监测"),
    "光纤光栅{q}传感系统": ("桥梁隧道", "储能电站"),
    "超导纳米线单光子探测器（SNSPD）": ("量子通信", "深空激光通信"),
    "硅光{dev}芯片": ("数据中心光互连", "5G前传"),
    "{wl}nm 激光雷达光源模组": ("自动驾驶", "机器人导航"),
    "太赫兹{use}成像系统": ("安检", "工业无损检测"),
    "{el}固态电解质及全固态电池": ("新能源汽车", "储能电站"),
    "钠离子电池{part}材料": ("储能电站", "两轮电动车"),
    "钙钛矿太阳能电池封装技术": ("光伏电站", "建筑光伏一体化"),
    "协作机器人一体化关节模组": ("3C装配", "汽车零部件装配"),
    "{place}智能巡检机器人": ("电力运维", "数据中心"),
    "3D打印生物活性陶瓷骨修复支架": ("骨科", "口腔"),
    "微流控芯片{target}即时检测（POCT）": ("基层医疗", "急诊"),
    "{thing}数字化设计平台": ("服装品牌", "文旅"),
    "街区沉浸式{exp}体验系统": ("风貌街区", "文旅"),
}

# Variants that make one technical template read like several distinct outcomes. `{metric}` is the
# outcome's headline figure and `{scene}` its main application, so a variant names what sets this
# outcome apart, as owners do ("…（信噪比68dB）", "面向车载激光雷达的…").
TITLE_VARIANTS: list[Pair] = [
    ("{zh}", "{en}"),
    ("{zh}", "{en}"),
    ("{zh}（{metric}）", "{en} ({metric_en})"),
    ("{zh}（{metric}）", "{en} ({metric_en})"),
    ("面向{scene}的{zh}", "{en} for {scene_en}"),
    ("{zh}及其在{scene}中的应用", "{en} and its use in {scene_en}"),
    ("{zh}关键技术", "Key technologies for {en_l}"),
    ("一种{zh}及其{how}", "{en} and {how_en}"),
    ("新一代{zh}", "Next-generation {en_l}"),
    ("{zh}工程化验证", "{en}: engineering validation"),
    ("{zh}产业化", "Industrialising {en_l}"),
    ("低成本{zh}", "Low-cost {en_l}"),
]
DEMAND_TITLE_VARIANTS: list[Pair] = [
    ("{zh}", "{en}"),
    ("{zh}", "{en}"),
    ("{zh}", "{en}"),
    ("{zh}", "{en}"),
    ("求助：{zh}", "Help wanted: {en_l}"),
    ("{zh}（可先做小样验证）", "{en} (proof of concept first)"),
    ("{zh}（长期合作）", "{en} (long-term partnership)"),
    ("【{year}年项目】{zh}", "{year} project: {en_l}"),
]

VERIFIED_BY_TRL: list[tuple[int, list[Pair]]] = [
    (
        3,
        [
            ("已完成原理验证", "proven in principle"),
            ("已完成原理样机", "demonstrated in a proof-of-principle prototype"),
        ],
    ),
    (
        5,
        [
            ("已完成实验室样品验证", "validated on lab samples"),
            ("已完成原理样机", "demonstrated in a proof-of-principle prototype"),
        ],
    ),
    (
        7,
        [("已完成中试", "proven in a pilot run"), ("已在客户现场完成验证", "validated at a customer's site")],
    ),
    (
        9,
        [
            ("已在客户产线小批量试用", "in small-batch use on a customer's line"),
            ("已实现批量供货", "in volume supply"),
        ],
    ),
]
VERIFIED_SOFTWARE = [
    ("已在多家客户上线运行", "running in production at several customers"),
    ("已在客户现场稳定运行一年以上", "running at a customer's site for over a year"),
]


SOFTWARE_PILOTS = [
    ("已完成原型系统并在试点客户部署", "piloted at a customer with a working prototype"),
    ("已在试点单位完成验证", "validated with a pilot user"),
]

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MODE_WORDS = {
    "transfer": ("技术转让", "buying the technology outright"),
    "licence": ("专利许可", "a licence"),
    "joint_development": ("联合开发", "joint development"),
    "equity": ("技术入股", "an equity deal"),
}
DEMAND_EXTRAS: list[Pair] = [
    ("可提供测试场地和样机。", "We can provide a test site and prototypes."),
    ("有意向的团队可以先做小样验证。", "Interested teams may start with a small proof of concept."),
    ("需要对方能开具技术服务合同。", "The partner must be able to sign a technology-service contract."),
    ("效果优先，价格可以谈。", "Results come first; the price is negotiable."),
    (
        "欢迎院所团队直接联系，我们的工程师可以到现场交流。",
        "Research teams are welcome to contact us; our engineers can visit.",
    ),
]


# What a company has tried or what is at stake, said between the problem and the budget.
DEMAND_CONTEXT: list[Pair] = [
    (
        "之前接触过两家供应商，效果都不理想。",
        "We have talked to two suppliers already; neither result was good enough.",
    ),
    ("我们内部试过半年，没有突破。", "Our own team tried for six months without a breakthrough."),
    (
        "客户在催，明年的新产品必须解决这个问题。",
        "Customers are pushing: next year's product has to fix this.",
    ),
    ("验证通过后会有持续的批量订单。", "Once it is validated, steady volume orders will follow."),
    (
        "这是公司今年的重点项目，总经理亲自在跟。",
        "This is one of our priority projects this year; our general manager follows it.",
    ),
]
