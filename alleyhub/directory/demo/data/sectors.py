"""Technical content per sector (a leaf industry of the taxonomy), in Chinese and English.

Each `Sector` has templates with `{slot}` placeholders; a slot's options are `(zh, en)` pairs, so one
draw fills the Chinese and the English text consistently. Data only: the organisations and people
of a sector are drawn in `directory.demo`, its outcomes and demands in `listings.demo.texts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Pair = tuple[str, str]


@dataclass(frozen=True)
class Sector:
    code: str  # leaf industry code (taxonomy.INDUSTRIES)
    extra_codes: tuple[str, ...]  # further industries an outcome of this sector is tagged with
    outcomes: list[tuple]  # (title zh, title en[, method indexes, metric indexes])
    slots: dict[str, list[Pair]]
    methods: list[Pair]  # how it works: one sentence fragment
    metrics: list[Pair]  # a measured result
    scenes: list[Pair]  # application scenes
    secrets: list[str]  # confidential details (zh)
    keywords: list[str]
    demands: list[tuple[str, str, str, str]]  # (title_zh, title_en, problem_zh, problem_en)
    company_words: list[Pair]  # what an enterprise of the sector calls itself
    owners: tuple[str, ...] = ()  # slugs of real institutes that publish in this sector
    weight: int = 1
    software: bool = False  # "implementation" rather than "method of making" in patent-style titles
    demand_slots: dict[str, list[Pair]] = field(default_factory=dict)


def _n(*values) -> list[Pair]:
    """Slot options that read the same in both languages (numbers, part names)."""
    return [(str(v), str(v)) for v in values]


SECTORS: list[Sector] = [
    Sector(
        code="ic-power",
        extra_codes=("ic", "new-energy"),
        owners=("simit", "simit-tto"),
        weight=3,
        outcomes=[
            ("{part} {grade}功率模块", "{part} {grade} power module", (1,), (0, 1, 2)),
            (
                "基于{matzh}的高效率{app}电源芯片",
                "High-efficiency {app} power IC based on {matzh}",
                (2,),
                (1, 3),
            ),
            (
                "{v}V IGBT 模块双面散热封装技术",
                "Double-sided cooling package for {v} V IGBT modules",
                (1,),
                (1, 4),
            ),
            (
                "{v}V低导通电阻沟槽栅SiC MOSFET器件结构",
                "Low on-resistance {v} V trench-gate SiC MOSFET structure",
                (0,),
                (0, 2),
            ),
            (
                "{epi}外延片缺陷无损检测方法",
                "Non-destructive defect inspection of {epi} epitaxial wafers",
                (3,),
                (5, 6),
            ),
        ],
        slots={
            "part": [
                ("SiC MOSFET 1200V", "1200 V SiC MOSFET"),
                ("SiC MOSFET 1700V", "1700 V SiC MOSFET"),
                ("SiC MOSFET 3300V", "3300 V SiC MOSFET"),
                ("SiC SBD 1200V", "1200 V SiC Schottky diode"),
                ("GaN HEMT 650V", "650 V GaN HEMT"),
            ],
            "matzh": [("氮化镓", "GaN"), ("硅基氮化镓", "GaN-on-Si"), ("氮化镓HEMT", "GaN HEMT")],
            "epi": [("碳化硅", "SiC"), ("氮化镓", "GaN"), ("硅基氮化镓", "GaN-on-Si")],
            "v": _n(650, 1200, 1700),
            "grade": [
                ("车规级", "automotive-grade"),
                ("工业级", "industrial-grade"),
                ("光伏逆变器用", "PV-inverter"),
            ],
            "app": [
                ("快充", "fast-charging"),
                ("数据中心48V", "48 V data-centre"),
                ("车载OBC", "on-board charger"),
                ("光伏微型逆变器", "PV micro-inverter"),
            ],
        },
        methods=[
            (
                "采用自对准栅极工艺与优化的终端结构",
                "uses a self-aligned gate process and an optimised edge termination",
            ),
            (
                "通过银烧结与氮化硅AMB基板降低热阻",
                "cuts thermal resistance with silver sintering on Si3N4 AMB substrates",
            ),
            ("集成驱动与保护电路，减少外围器件", "integrates driver and protection, reducing external parts"),
            (
                "结合光致发光成像与深度学习分类",
                "combines photoluminescence imaging with deep-learning classification",
            ),
        ],
        metrics=[
            ("开关损耗较硅基IGBT降低{p}%", "switching losses {p}% lower than silicon IGBTs"),
            ("功率密度达到{d}W/in³", "power density of {d} W/in³"),
            ("175℃高温栅偏1000小时无失效", "no failures after 1,000 h high-temperature gate bias at 175 °C"),
            ("峰值转换效率{pe}%", "peak conversion efficiency of {pe}%"),
            ("结壳热阻降低{p}%", "junction-to-case thermal resistance {p}% lower"),
            ("检测速度达到每小时{wph}片", "{wph} wafers per hour"),
            ("缺陷识别准确率{acc}%", "defect classification accuracy of {acc}%"),
        ],
        scenes=[
            ("新能源汽车主驱逆变器", "EV traction inverters"),
            ("充电桩", "EV chargers"),
            ("光伏逆变器", "PV inverters"),
            ("储能变流器", "energy-storage converters"),
            ("手机快充", "phone fast chargers"),
            ("服务器电源", "server PSUs"),
        ],
        secrets=[
            "栅氧生长温度曲线与退火气氛配比",
            "外延层掺杂浓度梯度与缓冲层厚度",
            "模块键合线布局与烧结压力参数",
            "车规AEC-Q101认证中间报告与失效分析记录",
        ],
        keywords=["碳化硅", "SiC", "氮化镓", "GaN", "功率器件", "MOSFET", "IGBT", "逆变器", "快充"],
        demands=[
            (
                "充电模块效率提升：寻求碳化硅功率器件方案",
                "Seeking SiC power devices to raise charger efficiency",
                "我们的{kw}kW充电桩模块效率只有{eff}%，夏天散热压力很大，想找碳化硅功率器件替代现有硅基IGBT，最好能提供样品和驱动参考设计。",
                "Our {kw} kW charger modules reach only {eff}% efficiency and overheat in summer. We want SiC devices to "
                "replace the silicon IGBTs, ideally with samples and a reference gate-driver design.",
            ),
            (
                "寻找小体积氮化镓快充方案",
                "Looking for a compact GaN fast-charger design",
                "我们做手机配件，想做{w}W的氮化镓快充，体积要比现在小三分之一，温升不超过{t}℃。",
                "We make phone accessories and want a {w} W GaN charger one third smaller than today's, with a "
                "temperature rise under {t} °C.",
            ),
            (
                "光伏逆变器{v}V碳化硅模块联合开发",
                "Joint development of {v} V SiC modules for PV inverters",
                "我们做组串式光伏逆变器，想把{v}V碳化硅模块导入下一代产品，需要合作方配合做双脉冲测试和可靠性验证。",
                "We make string PV inverters and want {v} V SiC modules in our next generation; the partner should "
                "support double-pulse and reliability testing.",
            ),
        ],
        demand_slots={
            "kw": _n(30, 40, 60),
            "eff": _n(93, 94, 95),
            "w": _n(65, 100, 140),
            "t": _n(40, 45),
            "v": _n(1200, 1700),
        },
        company_words=[
            ("功率半导体", "Power Semiconductor"),
            ("电力电子", "Power Electronics"),
            ("能源芯片", "Energy Chips"),
        ],
    ),
    Sector(
        code="ic-mems",
        extra_codes=("ic", "sensors"),
        owners=("simit", "simit-tto"),
        weight=3,
        outcomes=[
            ("面向{scene}的低噪声MEMS麦克风", "Low-noise MEMS microphone for {scene}", (0,), (0, 1, 2)),
            (
                "MEMS {sensor}芯片及晶圆级封装",
                "MEMS {sensor} chip with wafer-level packaging",
                (1, 2),
                (1, 2, 3),
            ),
            ("基于SOI的{sensor}制造工艺", "SOI-based fabrication process for {sensor}s", (1,), (3, 4)),
            (
                "压电微机械超声换能器（PMUT）阵列用于{use}",
                "Piezoelectric micromachined ultrasonic transducer array for {use}",
                (3,),
                (5, 1),
            ),
            (
                "高可靠MEMS{sensor}真空封装技术",
                "High-reliability vacuum packaging for MEMS {sensor}s",
                (2,),
                (4, 3),
            ),
        ],
        slots={
            "scene": [
                ("TWS耳机", "TWS earbuds"),
                ("智能音箱", "smart speakers"),
                ("车载语音", "in-car voice"),
                ("助听器", "hearing aids"),
            ],
            "sensor": [
                ("压力传感器", "pressure sensor"),
                ("惯性测量单元", "inertial measurement unit"),
                ("热电堆红外传感器", "thermopile IR sensor"),
                ("气体传感器", "gas sensor"),
                ("微镜", "micromirror"),
            ],
            "use": [
                ("屏下指纹识别", "under-display fingerprint sensing"),
                ("近距测距", "short-range ranging"),
                ("便携医学成像", "portable medical imaging"),
            ],
        },
        methods=[
            (
                "采用双背板差分结构抑制振膜噪声",
                "uses a dual-backplate differential structure to suppress diaphragm noise",
            ),
            (
                "以深反应离子刻蚀在SOI片上形成悬空结构",
                "forms suspended structures on SOI wafers by deep reactive-ion etching",
            ),
            ("采用晶圆级键合实现气密封装", "achieves hermetic sealing by wafer-level bonding"),
            ("采用掺钪氮化铝压电薄膜", "uses scandium-doped AlN piezoelectric film"),
        ],
        metrics=[
            ("信噪比达到{snr}dB", "signal-to-noise ratio of {snr} dB"),
            ("封装尺寸{size}mm", "package size {size} mm"),
            ("工作电流低于{uw}μA", "current draw below {uw} μA"),
            ("零点温漂小于{tc}%FS", "zero drift below {tc}% FS"),
            ("品质因数Q值大于{q}", "Q factor above {q}"),
            ("发射声压提升{p}%", "{p}% higher acoustic output"),
        ],
        scenes=[
            ("TWS耳机", "TWS earbuds"),
            ("智能手机", "smartphones"),
            ("汽车电子", "automotive electronics"),
            ("工业物联网", "industrial IoT"),
            ("可穿戴设备", "wearables"),
            ("医疗监护", "medical monitoring"),
        ],
        secrets=[
            "振膜应力控制的LPCVD工艺参数",
            "释放刻蚀时间窗口与防粘连处理",
            "ASIC前置放大器版图与校准算法",
            "客户导入测试数据（声学一致性、跌落可靠性）",
        ],
        keywords=["MEMS", "微机电", "麦克风", "传感器", "SOI", "晶圆级封装", "低噪声"],
        demands=[
            (
                "寻找体积小、底噪低的TWS耳机拾音元件",
                "Seeking a tiny, low-noise pickup element for TWS earbuds",
                "我们做无线耳机，想找体积小、底噪低的拾音元件。现在用的麦克风信噪比只有{snr}dB，通话降噪效果不理想，希望尺寸不超过{size}mm。",
                "We build wireless earbuds and need a smaller, quieter pickup element. Our microphones reach only "
                "{snr} dB SNR and call noise reduction suffers; the part must fit in {size} mm.",
            ),
            (
                "胎压监测用MEMS压力传感器国产替代",
                "Domestic MEMS pressure sensor for tyre-pressure monitoring",
                "我们给整车厂配套胎压监测模块，想把进口压力传感芯片换成国产的，需要通过AEC-Q100，年用量约{qty}万颗。",
                "We supply tyre-pressure modules to carmakers and want a domestic MEMS pressure die that passes "
                "AEC-Q100; about {qty} units a year.",
            ),
            (
                "智能手表气压高度计精度提升",
                "Better barometric altimeter for smartwatches",
                "我们的运动手表用气压计算海拔，温漂太大，爬楼计数经常不准，希望找到温漂小于{tc}%FS的MEMS压力传感器。",
                "Our sports watch derives altitude from air pressure but drifts with temperature; we need a MEMS "
                "pressure sensor with drift below {tc}% FS.",
            ),
        ],
        demand_slots={
            "snr": _n(58, 60, 62),
            "size": _n("3.5×2.65", "2.75×1.85"),
            "qty": [("50", "500,000"), ("120", "1.2 million"), ("300", "3 million")],
        },
        company_words=[
            ("微电子", "Microelectronics"),
            ("传感技术", "Sensing Technology"),
            ("声学", "Acoustics"),
        ],
    ),
    Sector(
        code="ic-design",
        extra_codes=("ic",),
        owners=("simit",),
        weight=2,
        outcomes=[
            ("{node}工艺{ip} IP核", "{ip} IP core in {node}", (0, 2), (0, 2)),
            ("面向{app}的毫米波雷达收发芯片", "mmWave radar transceiver chip for {app}", (0, 2), (0, 3)),
            ("5G Sub-6GHz {band} 射频前端模组", "5G sub-6 GHz {band} RF front-end module", (0, 2), (6, 0)),
            ("{app}用超低功耗RISC-V SoC", "Ultra-low-power RISC-V SoC for {app}", (1, 2), (0, 5, 2)),
        ],
        slots={
            "node": [
                ("28nm", "28 nm"),
                ("40nm", "40 nm"),
                ("55nm", "55 nm"),
                ("22nm FD-SOI", "22 nm FD-SOI"),
            ],
            "ip": [
                ("高速SerDes", "high-speed SerDes"),
                ("低功耗SRAM编译器", "low-power SRAM compiler"),
                ("小数分频锁相环", "fractional-N PLL"),
                ("12位SAR ADC", "12-bit SAR ADC"),
            ],
            "app": [
                ("智能座舱", "smart cockpits"),
                ("智能家居", "smart homes"),
                ("工业物联网", "industrial IoT"),
                ("可穿戴设备", "wearables"),
            ],
            "band": _n("n77", "n78", "n79"),
        },
        methods=[
            ("采用自适应偏置与数字校准技术", "uses adaptive biasing with digital calibration"),
            (
                "基于开源RISC-V指令集扩展自定义AI指令",
                "extends the open RISC-V ISA with custom AI instructions",
            ),
            ("完成多项目晶圆（MPW）流片验证", "was validated on a multi-project wafer (MPW) run"),
        ],
        metrics=[
            ("功耗较同类产品降低{p}%", "{p}% lower power than comparable parts"),
            ("数据速率达到{g}Gbps", "data rate of {g} Gbps"),
            ("芯片面积{a}mm²", "die area {a} mm²"),
            ("探测距离{range}米", "range of {range} m"),
            ("有效位数（ENOB）{enob}位", "ENOB of {enob} bits"),
            ("待机电流{na}nA", "standby current of {na} nA"),
            ("输出功率{dbm}dBm", "output power of {dbm} dBm"),
        ],
        scenes=[
            ("汽车电子", "automotive electronics"),
            ("5G基站", "5G base stations"),
            ("智能家居", "smart homes"),
            ("数据中心", "data centres"),
            ("消费电子", "consumer electronics"),
        ],
        secrets=["版图与时序约束文件（GDS、SDC）", "流片良率与工艺角仿真报告", "校准算法源代码"],
        keywords=["芯片设计", "IP核", "RISC-V", "SoC", "射频", "毫米波", "ADC"],
        demands=[
            (
                "寻求国产高精度ADC IP授权",
                "Looking to license a domestic high-precision ADC IP",
                "我们在做工业控制SoC，需要一颗{bits}位、{msps}MSPS的ADC IP，要求已在{node}工艺上硅验证。",
                "We are designing an industrial-control SoC and need a {bits}-bit {msps} MSPS ADC IP already "
                "silicon-proven in {node}.",
            ),
            (
                "蓝牙耳机主控芯片功耗优化",
                "Lower-power Bluetooth SoC for earbuds",
                "我们的耳机续航只有{hrs}小时，主控芯片功耗偏高，想找超低功耗蓝牙SoC或联合定制。",
                "Our earbuds last only {hrs} hours; we want an ultra-low-power Bluetooth SoC, off the shelf or co-designed.",
            ),
        ],
        demand_slots={
            "bits": _n(12, 14, 16),
            "msps": _n(1, 5, 10),
            "node": [("40nm", "40 nm"), ("55nm", "55 nm")],
            "hrs": _n(4, 5, 6),
        },
        company_words=[("集成电路设计", "IC Design"), ("芯片", "Semiconductor"), ("射频", "RF")],
    ),
    Sector(
        code="ic-packaging",
        extra_codes=("ic",),
        owners=("simit",),
        weight=1,
        outcomes=[
            ("Chiplet 2.5D {itp}先进封装互连技术", "Chiplet 2.5D advanced packaging with {itp}", (1,), (0,)),
            (
                "晶圆级扇出封装（FOWLP）{thing}工艺",
                "Fan-out wafer-level packaging (FOWLP) {thing} process",
                (0,),
                (1,),
            ),
            (
                "芯片{test}加速寿命试验方法与装置",
                "Accelerated life-test method and rig for chip {test}",
                (2,),
                (2,),
            ),
        ],
        slots={
            "itp": [
                ("硅中介层", "silicon interposer"),
                ("有机RDL中介层", "organic RDL interposer"),
                ("混合键合", "hybrid bonding"),
            ],
            "thing": [("翘曲控制", "warpage-control"), ("细线路重布线", "fine-line redistribution")],
            "test": [
                ("焊点可靠性", "solder-joint reliability"),
                ("电迁移", "electromigration"),
                ("高温高湿偏压", "temperature-humidity-bias"),
            ],
        },
        methods=[
            ("通过有限元仿真优化应力分布", "optimises stress by finite-element simulation"),
            ("采用低温铜-铜直接键合", "uses low-temperature Cu–Cu direct bonding"),
            (
                "基于多应力耦合加速模型与在线监测",
                "uses a multi-stress acceleration model with in-situ monitoring",
            ),
        ],
        metrics=[
            ("互连节距缩小至{um}μm", "interconnect pitch down to {um} μm"),
            ("翘曲小于{w}μm", "warpage under {w} μm"),
            ("试验周期缩短{p}%", "test time {p}% shorter"),
        ],
        scenes=[
            ("高性能计算", "high-performance computing"),
            ("AI加速卡", "AI accelerators"),
            ("汽车电子", "automotive"),
        ],
        secrets=["键合温度压力曲线", "中介层TSV填充配方", "可靠性试验原始数据"],
        keywords=["先进封装", "Chiplet", "扇出", "可靠性", "键合"],
        demands=[
            (
                "寻找Chiplet先进封装打样合作方",
                "Looking for a Chiplet packaging prototyping partner",
                "我们的AI加速芯片计划拆成{n}个小芯片，需要2.5D封装打样和热仿真支持，想在半年内做出样品。",
                "Our AI accelerator will be split into {n} chiplets; we need 2.5D packaging prototypes and thermal "
                "simulation, with samples within six months.",
            ),
            (
                "车规功率模块封装可靠性提升",
                "More reliable packaging for automotive power modules",
                "我们的功率模块在温度循环{c}次后出现焊层空洞，想找银烧结或铜线键合的工艺合作方。",
                "Our power modules show solder voids after {c} temperature cycles; we seek a partner for silver "
                "sintering or copper wire bonding.",
            ),
        ],
        demand_slots={"n": _n(2, 4)},
        company_words=[("封装测试", "Packaging & Test"), ("半导体", "Semiconductor")],
    ),
    Sector(
        code="new-materials-ceramics",
        extra_codes=("new-materials",),
        owners=("siccas", "siccas-tto"),
        weight=3,
        outcomes=[
            (
                "高导热氮化铝陶瓷基板",
                "High-thermal-conductivity aluminium nitride substrates",
                (0, 1),
                (0, 1),
            ),
            ("高强度氮化硅陶瓷基板", "High-strength silicon nitride ceramic substrates", (0, 1), (6, 1)),
            ("{use}用透明陶瓷", "Transparent ceramics for {use}", (3,), (3, 1)),
            ("航空发动机{part}热障涂层", "Thermal barrier coatings for aero-engine {part}", (2,), (2,)),
            ("无铅{pz}压电陶瓷", "Lead-free {pz} piezoelectric ceramics", (0,), (4, 1)),
            ("碳化硅陶瓷基复合材料{part2}", "SiC ceramic-matrix composite {part2}", (4,), (5, 1)),
        ],
        slots={
            "use": [
                ("固体激光器", "solid-state lasers"),
                ("红外窗口", "infrared windows"),
                ("闪烁探测", "scintillation detectors"),
            ],
            "part": [("涡轮叶片", "turbine blades"), ("燃烧室", "combustors")],
            "pz": [("铌酸钾钠", "KNN"), ("钛酸铋钠", "BNT")],
            "part2": [("刹车盘", "brake discs"), ("空间光学反射镜", "space-optics mirrors")],
        },
        methods=[
            ("采用流延成型与气氛压力烧结", "uses tape casting and gas-pressure sintering"),
            ("通过稀土氧化物掺杂调控晶界相", "tunes the grain-boundary phase with rare-earth oxide dopants"),
            ("以等离子喷涂-物理气相沉积制备柱状结构涂层", "deposits columnar coatings by PS-PVD"),
            ("采用真空烧结与热等静压", "uses vacuum sintering and hot isostatic pressing"),
            ("通过化学气相渗透（CVI）制备", "is made by chemical vapour infiltration"),
        ],
        metrics=[
            ("热导率达到{k}W/(m·K)", "thermal conductivity of {k} W/(m·K)"),
            ("抗弯强度大于{mpa}MPa", "flexural strength above {mpa} MPa"),
            ("1100℃热循环寿命超过{c}次", "over {c} thermal cycles at 1,100 °C"),
            ("直线透过率大于{tr}%", "in-line transmittance above {tr}%"),
            ("压电常数d33达到{d33}pC/N", "d33 of {d33} pC/N"),
            ("1500℃下强度保持率{r}%", "{r}% of its strength retained at 1,500 °C"),
            ("热导率达到{k2}W/(m·K)", "thermal conductivity of {k2} W/(m·K)"),
        ],
        scenes=[
            ("IGBT与SiC模块封装", "IGBT and SiC module packaging"),
            ("大功率LED", "high-power LEDs"),
            ("激光器", "lasers"),
            ("航空航天", "aerospace"),
            ("半导体设备部件", "semiconductor equipment parts"),
            ("燃气轮机", "gas turbines"),
            ("超声换能器", "ultrasonic transducers"),
            ("压电致动器", "piezo actuators"),
            ("高性能制动系统", "high-performance brakes"),
        ],
        secrets=["烧结助剂配方与比例", "脱脂与烧结温度曲线", "粉体表面改性工艺", "中试线良率统计"],
        keywords=["陶瓷", "氮化铝", "氮化硅", "透明陶瓷", "热障涂层", "压电", "导热"],
        demands=[
            (
                "寻求导热更好的陶瓷基板替代氧化铝",
                "Seeking ceramic substrates that conduct heat better than alumina",
                "我们做大功率{dev}封装，现在用的氧化铝基板导热不够，结温降不下来，想找热导率≥{k}W/(m·K)的陶瓷基板供应商或联合开发。",
                "We package high-power {dev}s; our alumina substrates can't remove the heat. We want ceramic "
                "substrates with ≥{k} W/(m·K), from a supplier or through joint development.",
            ),
            (
                "半导体设备用耐等离子体陶瓷部件",
                "Plasma-resistant ceramic parts for semiconductor equipment",
                "我们做刻蚀设备，腔体陶瓷部件依赖进口，交期长达{wk}周，想找国产氧化钇涂层或高纯氧化铝部件。",
                "We build etch tools; chamber ceramics are imported with {wk}-week lead times. We seek domestic "
                "yttria-coated or high-purity alumina parts.",
            ),
        ],
        demand_slots={
            "dev": [("激光器", "laser"), ("LED", "LED"), ("IGBT模块", "IGBT module")],
            "k": _n(150, 170, 200),
            "wk": _n(16, 20, 26),
        },
        company_words=[("先进陶瓷", "Advanced Ceramics"), ("新材料", "New Materials")],
    ),
    Sector(
        code="new-materials-crystals",
        extra_codes=("new-materials",),
        owners=("siccas",),
        weight=1,
        outcomes=[
            ("大尺寸{crys}闪烁晶体生长技术", "Large-size {crys} scintillation crystal growth", (0,), (0, 2)),
            (
                "{inch}英寸碳化硅单晶衬底低缺陷生长",
                "Low-defect growth of {inch}-inch SiC single-crystal substrates",
                (1,),
                (1,),
            ),
            ("铌酸锂薄膜电光调制器", "Thin-film lithium niobate electro-optic modulator", (2,), (3,)),
            ("铌酸锂薄膜声表面波滤波器", "Thin-film lithium niobate SAW filter", (2,), (4,)),
        ],
        slots={
            "crys": _n("LYSO", "BGO", "CsI:Tl", "GAGG"),
            "inch": _n(6, 8),
        },
        methods=[
            (
                "采用改进的提拉法与温场优化",
                "uses an improved Czochralski method with an optimised thermal field",
            ),
            (
                "以物理气相传输法（PVT）控制微管密度",
                "controls micropipe density in physical vapour transport growth",
            ),
            ("采用离子切片与晶圆键合制备薄膜", "makes thin films by ion slicing and wafer bonding"),
        ],
        metrics=[
            ("光产额达到{ly}ph/MeV", "light yield of {ly} ph/MeV"),
            ("微管密度低于{mp}/cm²", "micropipe density below {mp}/cm²"),
            ("衰减时间{ns}ns", "decay time of {ns} ns"),
            ("半波电压{hv}V", "half-wave voltage of {hv} V"),
            ("插入损耗低于{il}dB", "insertion loss below {il} dB"),
        ],
        scenes=[
            ("PET医学成像", "PET imaging"),
            ("安检", "security screening"),
            ("功率器件衬底", "power-device substrates"),
            ("光通信", "optical communications"),
            ("高能物理", "high-energy physics"),
            ("射频器件", "RF devices"),
            ("新能源汽车", "electric vehicles"),
            ("5G射频滤波", "5G RF filters"),
        ],
        secrets=["籽晶取向与引晶工艺", "退火制度与掺杂浓度", "温场设计图纸"],
        keywords=["晶体", "闪烁晶体", "碳化硅衬底", "铌酸锂", "单晶"],
        demands=[
            (
                "采购国产PET用闪烁晶体",
                "Sourcing domestic scintillation crystals for PET",
                "我们研发小动物PET设备，需要{size}mm规格的闪烁晶体阵列，希望能定制并稳定供货。",
                "We develop small-animal PET scanners and need {size} mm scintillator arrays, customised and "
                "reliably supplied.",
            ),
            (
                "安检设备用闪烁晶体降本",
                "Cheaper scintillators for security scanners",
                "我们的安检机用进口CsI晶体，成本太高，希望找到性能相当、价格低{p}%的国产替代。",
                "Our scanners use imported CsI crystals; we want a domestic equivalent {p}% cheaper.",
            ),
        ],
        demand_slots={"size": _n("1.5×1.5", "2×2")},
        company_words=[("晶体材料", "Crystal Materials"), ("光电材料", "Optoelectronic Materials")],
    ),
    Sector(
        code="new-materials-fibers",
        extra_codes=("new-materials",),
        owners=("donghua",),
        weight=2,
        outcomes=[
            ("相变调温纤维及其面料", "Phase-change thermoregulating fibre and fabric", (1,), (2, 0)),
            ("抗菌除臭纤维及其面料", "Antibacterial, odour-control fibre and fabric", (0,), (4, 0)),
            ("{fun}功能纤维及其面料", "{fun} fibre and fabric", (0,), (0, 5)),
            ("静电纺丝纳米纤维{use}", "Electrospun nanofibre {use}", (2,), (1,)),
            ("可穿戴柔性{sense}传感纤维", "Wearable flexible {sense}-sensing fibre", (0,), (3, 0)),
            ("生物基可降解{poly}纤维", "Bio-based biodegradable {poly} fibre", (0,), (5, 0)),
        ],
        slots={
            "fun": [("阻燃", "Flame-retardant"), ("导湿快干", "Moisture-wicking"), ("抗紫外", "UV-blocking")],
            "use": [("空气过滤膜", "air-filter membrane"), ("口罩滤材", "face-mask filter media")],
            "sense": [("应变", "strain"), ("温度", "temperature"), ("心电", "ECG")],
            "poly": [("聚乳酸", "PLA"), ("PBS", "PBS")],
        },
        methods=[
            ("采用同轴湿法纺丝工艺", "uses coaxial wet spinning"),
            ("通过微胶囊包覆相变材料", "encapsulates phase-change material in microcapsules"),
            (
                "以连续化静电纺丝实现米级幅宽生产",
                "scales electrospinning to metre-wide continuous production",
            ),
        ],
        metrics=[
            ("水洗{w}次后性能保持率大于{r}%", "retains over {r}% of performance after {w} washes"),
            ("过滤效率达到{f}%", "filtration efficiency of {f}%"),
            ("相变焓达到{j}J/g", "latent heat of {j} J/g"),
            ("灵敏度系数（GF）{gf}", "gauge factor of {gf}"),
            ("抑菌率大于{r2}%", "antibacterial rate above {r2}%"),
            ("断裂强度{cn}cN/dtex", "tenacity of {cn} cN/dtex"),
        ],
        scenes=[
            ("户外服装", "outdoor apparel"),
            ("医用防护", "medical protection"),
            ("智能可穿戴", "smart wearables"),
            ("空气净化", "air purification"),
            ("运动健康", "sports and health"),
            ("包装", "packaging"),
        ],
        secrets=["纺丝原液配方", "微胶囊壁材比例", "后整理工艺参数"],
        keywords=["纤维", "面料", "纺织", "纳米纤维", "静电纺丝", "可降解", "可穿戴"],
        demands=[
            (
                "寻找可量产的调温面料",
                "Looking for a mass-producible thermoregulating fabric",
                "我们做户外服装，想找可量产的调温面料，水洗{w}次后性能不明显衰减，单米成本控制在{c}元以内。",
                "We make outdoor apparel and need a thermoregulating fabric that survives {w} washes and costs under "
                "{c} yuan per metre.",
            ),
            (
                "可降解包装纤维材料",
                "Biodegradable fibre for packaging",
                "我们做电商包装，想用可降解纤维替代塑料填充物，要求{mo}个月内自然降解、成本可接受。",
                "We do e-commerce packaging and want biodegradable fibre fill that breaks down within {mo} months at "
                "acceptable cost.",
            ),
        ],
        demand_slots={"w": _n(30, 50), "c": _n(40, 60, 80), "mo": _n(6, 12)},
        company_words=[
            ("纺织科技", "Textile Technology"),
            ("新材料", "New Materials"),
            ("服饰科技", "Apparel Tech"),
        ],
    ),
    Sector(
        code="ai-vision",
        software=True,
        extra_codes=("ai",),
        owners=("donghua",),
        weight=3,
        outcomes=[
            (
                "基于深度学习的{obj}缺陷视觉检测系统",
                "Deep-learning visual inspection of {obj} defects",
                (1, 2),
                (0, 1, 2),
            ),
            (
                "轻量化目标检测模型端侧部署方案",
                "Lightweight object detection deployed on edge devices",
                (0,),
                (1, 2),
            ),
            (
                "面向{place}的多目标跟踪与客流分析",
                "Multi-object tracking and footfall analytics for {place}",
                (3,),
                (3, 1),
                (3, 4),
            ),
            (
                "小样本工业缺陷生成与检测方法",
                "Few-shot industrial defect synthesis and detection",
                (1,),
                (0, 2),
            ),
        ],
        slots={
            "obj": [
                ("PCB", "PCB"),
                ("晶圆", "wafer"),
                ("纺织面料", "textile fabric"),
                ("锂电极片", "battery electrode"),
            ],
            "place": [
                ("商业街区", "shopping streets"),
                ("地铁站", "metro stations"),
                ("园区", "business parks"),
            ],
        },
        methods=[
            ("采用知识蒸馏与INT8量化", "uses knowledge distillation and INT8 quantisation"),
            ("以扩散模型合成稀缺缺陷样本", "synthesises rare defect samples with diffusion models"),
            ("融合多光谱成像与注意力机制", "fuses multispectral imaging with attention"),
            ("采用跨摄像头重识别与轨迹融合", "uses cross-camera re-identification and track fusion"),
        ],
        metrics=[
            ("漏检率低于{miss}%", "miss rate below {miss}%"),
            ("单帧推理时间{ms}ms", "{ms} ms inference per frame"),
            ("mAP达到{map}", "mAP of {map}"),
            ("计数准确率{acc}%", "counting accuracy of {acc}%"),
        ],
        scenes=[
            ("电子制造", "electronics manufacturing"),
            ("纺织印染", "textile dyeing"),
            ("锂电产线", "battery lines"),
            ("智慧街区", "smart districts"),
            ("零售", "retail"),
        ],
        secrets=["训练数据集与标注规范", "模型权重与量化参数", "产线部署配置"],
        keywords=["机器视觉", "缺陷检测", "深度学习", "目标检测", "边缘计算", "AI"],
        demands=[
            (
                "产线外观缺陷自动检测",
                "Automated visual defect inspection on our line",
                "我们产线上{obj}的外观缺陷靠人工目检，漏检率约{miss}%，想用机器视觉自动检测，节拍要求{t}秒/件。",
                "Defects on our {obj} are found by eye and about {miss}% slip through; we want machine-vision "
                "inspection at {t} s per part.",
            ),
            (
                "仓库货物自动盘点",
                "Automatic stock-taking in our warehouse",
                "我们仓库有{n}个货位，每月人工盘点要两天，想用摄像头或无人机自动识别货物和数量。",
                "Our warehouse has {n} locations and monthly stock-taking takes two days; we want cameras or drones to "
                "count goods automatically.",
            ),
        ],
        demand_slots={
            "obj": [("注塑件", "moulded parts"), ("面料", "fabric"), ("PCB板", "PCBs")],
            "miss": _n(2, 3, 5),
            "t": _n(1, 2, 3),
            "n": _n(3000, 8000),
        },
        company_words=[("智能视觉", "Vision AI"), ("人工智能", "AI"), ("智能科技", "Intelligent Technology")],
    ),
    Sector(
        code="ai-language",
        software=True,
        extra_codes=("ai",),
        owners=(),
        weight=2,
        outcomes=[
            ("面向{dom}的大模型知识问答系统", "LLM question answering for {dom}"),
            ("中文{doc}智能审查工具", "Chinese {doc} review assistant"),
            (
                "检索增强生成（RAG）企业知识库",
                "Retrieval-augmented generation (RAG) for enterprise knowledge",
            ),
        ],
        slots={
            "dom": [
                ("政务服务", "government services"),
                ("科技政策", "science policy"),
                ("工业运维", "industrial maintenance"),
            ],
            "doc": [("合同", "contract"), ("专利文书", "patent document"), ("招投标文件", "tender document")],
        },
        methods=[
            ("在开源大模型上进行领域指令微调", "fine-tunes an open LLM on domain instructions"),
            ("结合混合检索与引用溯源", "combines hybrid retrieval with cited sources"),
        ],
        metrics=[
            ("问答准确率达到{acc}%", "answer accuracy of {acc}%"),
            ("审查效率提升{x}倍", "{x}× faster review"),
        ],
        scenes=[
            ("政务热线", "government hotlines"),
            ("律师事务所", "law firms"),
            ("知识产权代理", "IP agencies"),
            ("企业内部知识管理", "enterprise knowledge management"),
        ],
        secrets=["微调数据集构成", "提示词模板与评测集", "私有化部署方案"],
        keywords=["大模型", "LLM", "RAG", "自然语言处理", "知识问答", "智能审查"],
        demands=[
            (
                "政策问答机器人",
                "A chatbot that answers policy questions",
                "企业经常问我们同样的政策问题，想做一个能准确回答扶持政策、并给出原文出处的问答机器人，数据不能出内网。",
                "Companies keep asking us the same policy questions; we want a bot that answers accurately with the "
                "source text, running on-premises.",
            ),
            (
                "合同审查提效",
                "Faster contract review",
                "法务每月要审{n}份采购合同，想用大模型先做风险条款标注，律师再复核。",
                "Our legal team reviews {n} purchase contracts a month; we want an LLM to flag risky clauses before a "
                "lawyer checks them.",
            ),
        ],
        demand_slots={"n": _n(200, 500)},
        company_words=[("智能科技", "AI"), ("数据科技", "Data Technology")],
    ),
    Sector(
        code="blockchain",
        software=True,
        extra_codes=(),
        owners=(),
        weight=1,
        outcomes=[
            ("基于区块链的{obj}存证平台", "Blockchain notarisation platform for {obj}", (0, 1), (1, 0)),
            (
                "联盟链跨链互操作网关",
                "Cross-chain interoperability gateway for consortium chains",
                (0,),
                (0,),
            ),
            (
                "供应链金融应收账款区块链平台",
                "Blockchain platform for supply-chain receivables financing",
                (0,),
                (0,),
            ),
        ],
        slots={
            "obj": [
                ("科技成果确权", "technology outcome rights"),
                ("设计稿", "design drafts"),
                ("研发数据", "R&D data"),
            ]
        },
        methods=[
            (
                "采用国密算法与分布式数字身份",
                "uses Chinese national cryptography and decentralised identifiers",
            ),
            ("对接司法链实现电子证据核验", "connects to judicial chains for evidence verification"),
        ],
        metrics=[
            ("交易吞吐量达到{tps}TPS", "throughput of {tps} TPS"),
            ("存证上链时间小于{s}秒", "notarised in under {s} s"),
        ],
        scenes=[
            ("版权保护", "copyright"),
            ("供应链金融", "supply-chain finance"),
            ("技术交易", "technology trading"),
        ],
        secrets=["智能合约源代码", "节点部署拓扑", "安全审计报告"],
        keywords=["区块链", "存证", "联盟链", "智能合约", "跨链", "数字身份"],
        demands=[
            (
                "研发数据可信存证",
                "Trusted timestamps for R&D data",
                "我们需要给设计稿和研发数据做可信存证，出了侵权纠纷时能直接作为证据使用。",
                "We need trusted evidence for our designs and R&D data that holds up in an infringement dispute.",
            ),
            (
                "供应链票据流转上链",
                "Put supply-chain receivables on a chain",
                "我们是核心企业，想把应收账款凭证拆分流转给{n}级供应商，需要可信的链上登记和银行对接。",
                "As a core enterprise we want to split receivables and pass them to tier-{n} suppliers, with trusted "
                "on-chain records linked to banks.",
            ),
        ],
        demand_slots={"n": _n(2, 3)},
        company_words=[("区块链", "Blockchain"), ("数字科技", "Digital Technology")],
    ),
    Sector(
        code="fintech",
        software=True,
        extra_codes=("ai",),
        owners=(),
        weight=2,
        outcomes=[
            ("联邦学习隐私计算平台", "Federated-learning privacy computing platform", (0,), (0, 2)),
            ("科创企业{asset}风险评估模型", "Risk model for tech companies' {asset}", (1,), (0, 1)),
            (
                "多方安全计算联合风控系统",
                "Secure multi-party computation for joint risk control",
                (0,),
                (0, 2),
            ),
        ],
        slots={
            "asset": [
                ("知识产权质押融资", "IP-backed loans"),
                ("投贷联动", "venture lending"),
                ("信用贷款", "credit loans"),
            ]
        },
        methods=[
            ("采用纵向联邦学习与同态加密", "uses vertical federated learning with homomorphic encryption"),
            ("融合专利价值、研发投入与经营数据", "combines patent value, R&D spending and operating data"),
        ],
        metrics=[
            ("模型AUC达到{auc}", "model AUC of {auc}"),
            ("审批时间缩短至{dd}天", "approval time cut to {dd} days"),
            ("千万级样本联合建模耗时{hh}小时", "joint training on ten million samples in {hh} h"),
        ],
        scenes=[
            ("银行", "banks"),
            ("融资担保", "guarantee companies"),
            ("融资租赁", "leasing"),
            ("政府风险补偿", "risk-compensation funds"),
        ],
        secrets=["特征工程与模型参数", "合作银行样本数据说明", "加密协议实现细节"],
        keywords=["金融科技", "隐私计算", "联邦学习", "风控", "知识产权质押"],
        demands=[
            (
                "不交换原始数据的联合风控建模",
                "Joint risk modelling without sharing raw data",
                "我们是融资租赁公司，想在不交换原始数据的前提下和合作银行做联合风控建模，需要满足监管合规要求。",
                "We are a leasing company and want joint risk models with partner banks without exchanging raw "
                "data, within regulatory rules.",
            ),
            (
                "知识产权质押融资评估工具",
                "IP valuation tool for pledge loans",
                "我们银行想扩大知识产权质押贷款，但缺少快速评估专利价值的工具，希望{dd}天内出评估结果。",
                "Our bank wants more IP-backed loans but lacks a quick patent-valuation tool; we need results within "
                "{dd} days.",
            ),
        ],
        company_words=[("金融科技", "Fintech"), ("数据科技", "Data Technology")],
    ),
    Sector(
        code="digital-health",
        extra_codes=(),
        owners=("donghua",),
        weight=2,
        outcomes=[
            (
                "可穿戴心电贴片及房颤AI识别",
                "Wearable ECG patch with AI atrial-fibrillation detection",
                (1,),
                (0, 1),
            ),
            ("基于{sig}的睡眠呼吸监测", "Sleep-apnoea monitoring from {sig}", (0,), (0,)),
            ("医学影像{organ}AI辅助诊断", "AI-assisted {organ} diagnosis on medical images", (1,), (0,)),
            ("居家养老跌倒检测毫米波雷达", "mmWave radar fall detection for home care", (0,), (0, 2)),
        ],
        slots={
            "sig": [("毫米波雷达", "mmWave radar"), ("柔性压力垫", "a flexible pressure mat")],
            "organ": [("肺结节", "lung-nodule"), ("眼底病变", "retinal disease"), ("骨折", "fracture")],
        },
        methods=[
            ("以非接触方式采集生命体征", "measures vital signs without contact"),
            ("采用多中心数据训练并经过临床验证", "was trained on multi-centre data and clinically validated"),
        ],
        metrics=[
            ("灵敏度{sen}%，特异度{spe}%", "sensitivity {sen}%, specificity {spe}%"),
            ("续航达到{days}天", "{days}-day battery life"),
            ("误报率低于每周{fa}次", "fewer than {fa} false alarms a week"),
        ],
        scenes=[
            ("社区养老", "community elderly care"),
            ("医院", "hospitals"),
            ("家庭健康", "home health"),
            ("体检中心", "check-up centres"),
        ],
        secrets=["临床试验方案与数据", "算法模型与训练集来源", "医疗器械注册资料"],
        keywords=["数字健康", "可穿戴", "心电", "医学影像", "辅助诊断", "养老", "跌倒检测"],
        demands=[
            (
                "社区养老的无感跌倒检测",
                "Unobtrusive fall detection for elderly care",
                "我们运营社区养老站点，需要无感的跌倒检测，不能用摄像头，误报率要低，单套成本{c}元以内。",
                "We run community elderly-care centres and need unobtrusive fall detection without cameras, with few "
                "false alarms, under {c} yuan per unit.",
            ),
            (
                "慢病患者居家血压管理",
                "Home blood-pressure management",
                "我们运营互联网医院，想给高血压患者配可穿戴设备并自动提醒随访，数据要能对接医院系统。",
                "We run an online hospital and want wearables for hypertensive patients with automatic follow-up "
                "reminders, connected to hospital systems.",
            ),
        ],
        demand_slots={"c": _n(800, 1500, 2000)},
        company_words=[("医疗科技", "Medical Technology"), ("健康科技", "Health Technology")],
    ),
    Sector(
        code="sensors",
        extra_codes=(),
        owners=("simit",),
        weight=2,
        outcomes=[
            ("{gas}气体传感器阵列", "{gas} gas sensor array", (0,), (0, 1)),
            ("柔性压力传感电子皮肤", "Flexible pressure-sensing electronic skin", (1,), (2, 1)),
            ("光纤光栅{q}传感系统", "Fibre Bragg grating {q} sensing system", (2,), (3,)),
        ],
        slots={
            "gas": _n("NO2", "H2", "VOC", "CO"),
            "q": [("温度应变", "temperature and strain"), ("振动", "vibration")],
        },
        methods=[
            (
                "采用金属氧化物纳米结构与MEMS微热板",
                "uses nanostructured metal oxides on MEMS micro-hotplates",
            ),
            ("以激光直写制备柔性电极", "writes flexible electrodes by laser"),
            ("采用光栅刻写与温度解耦封装", "writes gratings with temperature-decoupled packaging"),
        ],
        metrics=[
            ("检测下限达到{ppb}ppb", "detection limit of {ppb} ppb"),
            ("响应时间小于{s}秒", "response time under {s} s"),
            ("压力分辨率{pa}Pa", "pressure resolution of {pa} Pa"),
            ("测量精度±{me}με", "accuracy of ±{me} με"),
        ],
        scenes=[
            ("环境监测", "environmental monitoring"),
            ("储能电站", "energy-storage plants"),
            ("机器人触觉", "robot touch"),
            ("桥梁隧道", "bridges and tunnels"),
            ("可穿戴健康监测", "wearable health monitoring"),
        ],
        secrets=["敏感材料配方", "信号处理算法", "标定数据"],
        keywords=["传感器", "气体检测", "柔性电子", "光纤传感", "物联网"],
        demands=[
            (
                "储能电池热失控早期预警",
                "Early warning of thermal runaway in storage batteries",
                "我们做储能集成，想在电池簇里加早期预警传感，能比温度报警提前{m}分钟发现热失控征兆。",
                "We integrate energy storage and want sensors in each battery rack that warn of thermal runaway "
                "{m} minutes before temperature alarms do.",
            ),
            (
                "管廊有害气体在线监测",
                "Online gas monitoring in utility tunnels",
                "我们负责{km}公里地下管廊运维，需要低功耗、免校准周期长的有害气体传感器。",
                "We maintain {km} km of utility tunnels and need low-power gas sensors with long calibration intervals.",
            ),
        ],
        demand_slots={"m": _n(5, 10), "km": _n(10, 25)},
        company_words=[("传感技术", "Sensing Technology"), ("物联网", "IoT")],
    ),
    Sector(
        code="photonics",
        extra_codes=(),
        owners=("simit",),
        weight=2,
        outcomes=[
            (
                "超导纳米线单光子探测器（SNSPD）",
                "Superconducting nanowire single-photon detector (SNSPD)",
                (0,),
                (0, 2),
            ),
            ("硅光{dev}芯片", "Silicon photonics {dev} chip", (1,), (1,)),
            ("{wl}nm 激光雷达光源模组", "{wl} nm LiDAR light-source module", (2,), (3,)),
            ("太赫兹{use}成像系统", "Terahertz imaging system for {use}", (3,), (4,)),
        ],
        slots={
            "dev": [("光收发", "transceiver"), ("光开关", "optical switch")],
            "wl": _n(905, 1550),
            "use": [("安检", "security screening"), ("无损检测", "non-destructive testing")],
        },
        methods=[
            ("采用NbN超导纳米线与光学腔集成", "integrates NbN nanowires with an optical cavity"),
            ("基于SOI平台的CMOS兼容工艺", "uses a CMOS-compatible process on an SOI platform"),
            ("采用VCSEL阵列与微透镜整形", "uses VCSEL arrays with micro-lens beam shaping"),
            ("基于肖特基二极管混频接收", "uses Schottky-diode mixer receivers"),
        ],
        metrics=[
            ("探测效率超过{eff}%", "detection efficiency above {eff}%"),
            ("传输速率{g}Gbps", "{g} Gbps data rate"),
            ("暗计数率低于{dcr}cps", "dark count rate below {dcr} cps"),
            ("峰值功率{w2}W", "peak power of {w2} W"),
            ("成像分辨率{mm2}mm", "imaging resolution of {mm2} mm"),
        ],
        scenes=[
            ("量子通信", "quantum communication"),
            ("数据中心光互连", "data-centre optical links"),
            ("自动驾驶", "autonomous driving"),
            ("安检", "security screening"),
            ("深空激光通信", "deep-space laser links"),
            ("5G前传", "5G fronthaul"),
            ("机器人导航", "robot navigation"),
            ("工业无损检测", "industrial non-destructive testing"),
        ],
        secrets=["纳米线制备工艺参数", "光学腔设计", "封装耦合工艺"],
        keywords=["光电子", "硅光", "单光子", "超导", "激光雷达", "太赫兹"],
        demands=[
            (
                "数据中心400G光模块国产化",
                "Domestic 400G optical modules for data centres",
                "我们做数据中心交换设备，想找硅光方案的400G光模块合作方，功耗要比现有方案低{p}%。",
                "We build data-centre switches and seek a silicon-photonics 400G module partner with {p}% lower power.",
            ),
            (
                "自动驾驶激光雷达光源",
                "Light source for automotive LiDAR",
                "我们做车载激光雷达，想找{wl}nm的高功率光源模组，需满足车规。",
                "We build automotive LiDAR and need a high-power {wl} nm source that meets automotive standards.",
            ),
        ],
        demand_slots={"p": _n(20, 30), "wl": _n(905, 1550)},
        company_words=[("光电", "Photonics"), ("量子科技", "Quantum Technology")],
    ),
    Sector(
        code="new-energy-battery",
        extra_codes=("new-energy",),
        owners=("siccas",),
        weight=2,
        outcomes=[
            (
                "{el}固态电解质及全固态电池",
                "{el} solid electrolyte and all-solid-state battery",
                (0,),
                (0, 1),
            ),
            ("钠离子电池{part}材料", "Sodium-ion battery {part} material", (0, 1), (3, 1)),
            ("钙钛矿太阳能电池封装技术", "Encapsulation for perovskite solar cells", (2,), (2,)),
        ],
        slots={
            "el": [("硫化物", "Sulfide"), ("氧化物", "Oxide"), ("聚合物", "Polymer")],
            "part": [("层状氧化物正极", "layered-oxide cathode"), ("硬碳负极", "hard-carbon anode")],
        },
        methods=[
            ("通过界面包覆抑制副反应", "suppresses side reactions by interface coating"),
            ("采用干法电极工艺", "uses a dry electrode process"),
            ("采用原子层沉积阻水膜", "uses atomic-layer-deposited moisture barriers"),
        ],
        metrics=[
            ("能量密度达到{wh}Wh/kg", "energy density of {wh} Wh/kg"),
            ("循环{c}次容量保持率{r}%", "{r}% capacity after {c} cycles"),
            ("湿热老化{h}小时效率保持{r}%", "{r}% efficiency kept after {h} h damp heat"),
            ("电芯能量密度达到{whna}Wh/kg", "cell energy density of {whna} Wh/kg"),
        ],
        scenes=[
            ("储能电站", "energy storage"),
            ("两轮电动车", "e-bikes"),
            ("新能源汽车", "electric vehicles"),
            ("光伏电站", "PV plants"),
            ("建筑光伏一体化", "building-integrated PV"),
        ],
        secrets=["电解质合成路线", "界面层厚度与工艺", "电芯测试原始数据"],
        keywords=["固态电池", "钠离子", "储能", "电池材料", "钙钛矿"],
        demands=[
            (
                "两轮车低温电池方案",
                "Low-temperature battery for e-bikes",
                "我们生产电动两轮车，冬天续航掉得厉害，想找-20℃下容量保持{r}%以上的电池方案。",
                "We make e-bikes whose range collapses in winter; we need cells keeping {r}% capacity at -20 °C.",
            ),
            (
                "储能电站电池寿命评估",
                "Battery life assessment for storage plants",
                "我们运营{mw}MWh储能电站，想准确评估电池健康度和剩余寿命，减少不必要的更换。",
                "We run a {mw} MWh storage plant and want accurate state-of-health and remaining-life estimates.",
            ),
        ],
        demand_slots={"r": _n(80, 85, 90), "mw": _n(100, 200)},
        company_words=[("新能源", "New Energy"), ("储能科技", "Energy Storage")],
    ),
    Sector(
        code="robotics",
        extra_codes=(),
        owners=(),
        weight=1,
        outcomes=[
            ("协作机器人一体化关节模组", "Integrated joint module for collaborative robots", (0,), (0,)),
            ("{place}智能巡检机器人", "Inspection robot for {place}", (1,), (1,)),
        ],
        slots={
            "place": [
                ("配电房", "switch rooms"),
                ("数据中心", "data centres"),
                ("地下管廊", "utility tunnels"),
            ]
        },
        methods=[
            (
                "集成谐波减速器、力矩传感与伺服驱动",
                "integrates harmonic reducer, torque sensing and servo drive",
            ),
            ("融合激光SLAM与红外测温", "fuses laser SLAM with infrared thermometry"),
        ],
        metrics=[
            ("重复定位精度±{mm}mm", "repeatability ±{mm} mm"),
            ("单次巡检覆盖{pts}个点位", "{pts} checkpoints per round"),
        ],
        scenes=[
            ("电力运维", "power maintenance"),
            ("3C装配", "electronics assembly"),
            ("数据中心", "data centres"),
            ("汽车零部件装配", "auto-parts assembly"),
        ],
        secrets=["控制算法源代码", "减速器选型与寿命测试数据"],
        keywords=["机器人", "协作机器人", "巡检", "关节模组", "SLAM"],
        demands=[
            (
                "配电房无人巡检",
                "Unmanned inspection of switch rooms",
                "我们管理{n}个配电房，夜间巡检人手不够，想用巡检机器人替代人工抄表和测温。",
                "We manage {n} switch rooms and lack night-shift staff; we want robots to read meters and measure "
                "temperatures.",
            ),
            (
                "3C产线柔性装配",
                "Flexible assembly on our electronics line",
                "我们每年换型{nc}次，传统自动化线改造成本高，想用协作机器人做柔性装配。",
                "We change products {nc} times a year; we want collaborative robots for flexible assembly.",
            ),
        ],
        demand_slots={"n": _n(20, 40, 60), "nc": _n(6, 10)},
        company_words=[("机器人", "Robotics"), ("智能装备", "Intelligent Equipment")],
    ),
    Sector(
        code="biomedicine",
        extra_codes=(),
        owners=("siccas",),
        weight=1,
        outcomes=[
            ("3D打印生物活性陶瓷骨修复支架", "3D-printed bioactive ceramic bone scaffold", (0,), (0,)),
            (
                "微流控芯片{target}即时检测（POCT）",
                "Microfluidic point-of-care test for {target}",
                (1,),
                (1,),
            ),
        ],
        slots={"target": [("心肌标志物", "cardiac markers"), ("呼吸道病原体", "respiratory pathogens")]},
        methods=[
            ("采用硅酸钙基生物陶瓷与多孔结构设计", "uses calcium-silicate bioceramics with a porous design"),
            ("集成样本前处理与荧光检测", "integrates sample preparation and fluorescence detection"),
        ],
        metrics=[("孔隙率{p}%", "porosity {p}%"), ("检测时间{m}分钟", "results in {m} minutes")],
        scenes=[
            ("骨科", "orthopaedics"),
            ("口腔", "dentistry"),
            ("基层医疗", "primary care"),
            ("急诊", "emergency departments"),
        ],
        secrets=["材料配比与烧结制度", "动物实验数据", "注册检验报告"],
        keywords=["生物材料", "骨修复", "微流控", "POCT", "体外诊断"],
        demands=[
            (
                "基层医院快速检测设备",
                "Rapid tests for community clinics",
                "我们服务社区医院，需要{m}分钟内出结果、操作简单的即时检测设备。",
                "We serve community clinics and need simple point-of-care tests with results in {m} minutes.",
            ),
            (
                "口腔修复新材料",
                "New material for dental restoration",
                "我们是口腔连锁，想找强度更高、更美观的全瓷修复材料供应商。",
                "We run dental clinics and seek stronger, better-looking all-ceramic restoration materials.",
            ),
        ],
        demand_slots={"m": _n(15, 20, 30)},
        company_words=[("生物科技", "Biotech"), ("医疗器械", "Medical Devices")],
    ),
    Sector(
        code="culture-tech",
        extra_codes=(),
        owners=("donghua",),
        weight=1,
        outcomes=[
            ("{thing}数字化设计平台", "Digital design platform for {thing}", (0,), (0,)),
            ("街区沉浸式{exp}体验系统", "Immersive {exp} experience for city districts", (1,), (1,)),
        ],
        slots={
            "thing": [("服装", "apparel"), ("文创产品", "cultural products")],
            "exp": [("AR导览", "AR guide"), ("光影", "light-and-shadow")],
        },
        methods=[
            ("采用三维虚拟试衣与参数化版型", "uses 3D virtual fitting and parametric patterns"),
            ("基于空间计算与定位导航", "builds on spatial computing and indoor positioning"),
        ],
        metrics=[
            ("打样周期缩短{p}%", "sampling cycle {p}% shorter"),
            ("单日接待{n}人次", "{n} visitors a day"),
        ],
        scenes=[
            ("服装品牌", "fashion brands"),
            ("风貌街区", "historic streets"),
            ("文旅", "cultural tourism"),
        ],
        secrets=["版型数据库", "引擎源代码"],
        keywords=["文创", "数字设计", "虚拟试衣", "AR", "沉浸式"],
        demands=[
            (
                "风貌道路AR导览",
                "AR guide for historic roads",
                "我们想给愚园路、武夷路的历史建筑做AR导览，游客扫一扫就能看到老照片和故事。",
                "We want an AR guide for historic buildings on Yuyuan and Wuyi Roads: scan and see old photos and stories.",
            ),
            (
                "服装打样数字化",
                "Digital sampling for apparel",
                "我们每季打样{n}款，实物打样周期长、浪费大，想用三维虚拟样衣替代大部分实物样。",
                "We sample {n} styles a season; we want 3D virtual samples to replace most physical ones.",
            ),
        ],
        demand_slots={"n": _n(200, 500)},
        company_words=[("文化科技", "Cultural Technology"), ("设计", "Design")],
    ),
]
