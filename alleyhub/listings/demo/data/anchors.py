"""Hand-written demands and outcomes that answer each other in different words, so the demo shows
matching at work: a company describes its problem as it sees it ("our LiDAR driver boards run
hot"), an institute describes its result as it sees it ("氮化铝陶瓷基板，热导率≥175 W/(m·K)"),
often in the other language. Nothing in a pair shares its title words.

They take the places of the first generated outcomes and demands (the counts do not change) and
are loaded once, whatever --scale is. Together with the showcase pair (巷声智能's 拾音元件 demand ↔
SIMIT's MEMS microphone) they are the pairs a demo of matching can open.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnchorOutcome:
    key: str  # the demand it answers
    owner: str  # slug of a real organisation
    language: str
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    industries: tuple[str, ...]
    trl: int
    ip_status: str
    patent_numbers: str
    modes: tuple[str, ...]
    price: tuple[int, int] | None
    keywords: str


@dataclass(frozen=True)
class AnchorDemand:
    key: str
    sector: str  # a generated enterprise of this sector owns it
    language: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    industries: tuple[str, ...]
    budget: tuple[int, int] | None
    days: int  # deadline, days from the load
    modes: tuple[str, ...]
    min_trl: int | None
    keywords: str


OUTCOMES: list[AnchorOutcome] = [
    AnchorOutcome(
        key="lidar-substrate",
        owner="siccas",
        language="zh",
        title_zh="流延成型高导热氮化铝陶瓷基板（热导率≥175 W/(m·K)）",
        title_en="",
        summary_zh="采用流延成型与无压烧结制备的氮化铝（AlN）陶瓷基板，热导率175–190 W/(m·K)，抗弯强度≥400 MPa，"
        "热膨胀系数4.5×10⁻⁶/K，与硅、氮化镓芯片匹配。可做0.38–1.0 mm厚度，支持DBC/DPC金属化。"
        "已在中试线月产2000片，TRL 7，可用于激光器驱动、IGBT与碳化硅模块、大功率LED封装。已获授权发明专利3项。",
        summary_en="",
        industries=("new-materials-ceramics", "new-materials"),
        trl=7,
        ip_status="patent_granted",
        patent_numbers="ZL201910345678.2; ZL202010876543.9; ZL202110234567.6",
        modes=("licence", "joint_development"),
        price=(1_500_000, 3_000_000),
        keywords="氮化铝 AlN 陶瓷基板 高导热 流延成型 DPC",
    ),
    AnchorOutcome(
        key="traction-sic",
        owner="simit",
        language="en",
        title_zh="",
        title_en="1200 V trench-gate SiC MOSFET for EV traction inverters",
        summary_en="A 1200 V silicon-carbide MOSFET with a trench gate and an optimised JFET region: 13 mΩ "
        "on-resistance at 25 °C, short-circuit withstand of 3 µs and no threshold drift after 1,000 h of "
        "high-temperature gate bias at 175 °C. Packaged in a half-bridge module with silver sintering on Si3N4 "
        "AMB substrates, it cut inverter losses by 62% against a silicon IGBT in bench tests. TRL 6; AEC-Q101 "
        "qualification under way. Two Chinese invention patents granted.",
        summary_zh="",
        industries=("ic-power", "ic", "new-energy"),
        trl=6,
        ip_status="patent_granted",
        patent_numbers="ZL202110567890.4; ZL202210123456.0",
        modes=("licence", "joint_development", "equity"),
        price=(2_000_000, 5_000_000),
        keywords="SiC MOSFET silicon carbide 1200V traction inverter 碳化硅",
    ),
    AnchorOutcome(
        key="fabric-inspection",
        owner="donghua",
        language="en",
        title_zh="",
        title_en="Fabric flaw detection on the loom with line-scan cameras and a distilled CNN",
        summary_en="Line-scan cameras over the cloth and a distilled convolutional network on an edge box find "
        "broken ends, slubs, oil stains and dye streaks at 60 m/min, with 96.5% recall and under 1% false calls "
        "on 14 fabric types. Running for 14 months in two weaving mills near Shaoxing (TRL 8). Software "
        "copyright registered; one invention patent pending.",
        summary_zh="",
        industries=("ai-vision", "ai", "new-materials-fibers"),
        trl=8,
        ip_status="software_copyright",
        patent_numbers="",
        modes=("licence", "transfer"),
        price=(300_000, 800_000),
        keywords="machine vision textile defect inspection 验布 缺陷检测",
    ),
    AnchorOutcome(
        key="fall-radar",
        owner="donghua",
        language="zh",
        title_zh="毫米波雷达非接触式人体姿态感知与跌倒报警",
        title_en="",
        summary_zh="60 GHz毫米波雷达吸顶安装，不采集图像，通过点云与微多普勒特征识别站立、坐下、躺倒与跌倒，"
        "同时监测呼吸与心率。在三家养老院连续运行6个月，跌倒识别灵敏度96%，误报率低于每周1次。TRL 7，"
        "单套硬件成本约900元。已获授权发明专利1项，另有2项在审。",
        summary_en="",
        industries=("digital-health", "sensors"),
        trl=7,
        ip_status="patent_granted",
        patent_numbers="ZL202210654321.7",
        modes=("licence", "joint_development"),
        price=(500_000, 1_200_000),
        keywords="毫米波雷达 跌倒检测 养老 非接触 生命体征",
    ),
    AnchorOutcome(
        key="federated-risk",
        owner="xinwei-group",
        language="en",
        title_zh="",
        title_en="Vertical federated learning for cross-institution credit scoring",
        summary_en="Banks and lessors train one credit model together while each keeps its raw data in-house: "
        "features are aligned by private set intersection and gradients are exchanged under Paillier "
        "encryption. On ten million loan records the joint model reached AUC 0.86 against 0.79 for the best "
        "single-party model, with training in four hours. Passed a third-party security assessment; running "
        "at two city commercial banks (TRL 8).",
        summary_zh="",
        industries=("fintech", "ai"),
        trl=8,
        ip_status="software_copyright",
        patent_numbers="",
        modes=("licence",),
        price=(600_000, 1_500_000),
        keywords="federated learning privacy computing credit risk 隐私计算 联邦学习",
    ),
    AnchorOutcome(
        key="perovskite-barrier",
        owner="siccas",
        language="zh",
        title_zh="钙钛矿光伏组件原子层沉积薄膜封装",
        title_en="",
        summary_zh="在钙钛矿电池表面以原子层沉积（ALD）生长氧化铝/氧化锌叠层阻水膜，水汽透过率低于5×10⁻⁵ g/(m²·d)，"
        "再配合丁基胶边封。10×10 cm²组件经IEC 61215湿热试验（85℃/85%RH）1000小时后效率保持率95%，"
        "初始效率19.8%。TRL 5，已申请发明专利2项。",
        summary_en="",
        industries=("new-energy-battery", "new-energy"),
        trl=5,
        ip_status="patent_pending",
        patent_numbers="202410765432.1",
        modes=("joint_development", "licence"),
        price=None,
        keywords="钙钛矿 封装 原子层沉积 阻水 湿热",
    ),
]

DEMANDS: list[AnchorDemand] = [
    AnchorDemand(
        key="lidar-substrate",
        sector="photonics",
        language="en",
        title_zh="",
        title_en="Our LiDAR laser-driver boards run too hot on alumina",
        description_en="We make 905 nm pulsed-laser LiDAR for passenger cars. The GaN driver and laser die sit "
        "on a 96% alumina board (about 24 W/m·K), and at 85 °C ambient the junction goes over its limit, so "
        "we derate the pulse power. We need a substrate that conducts several times better, with a thermal "
        "expansion close to GaN and silicon, in 0.5–0.635 mm thickness, thin-film metallised. First lot 2,000 "
        "pieces for vehicle tests, then about 80,000 a year. Budget RMB 400,000–1,000,000 for samples and "
        "co-development.",
        description_zh="",
        industries=("photonics", "new-materials-ceramics"),
        budget=(400_000, 1_000_000),
        days=150,
        modes=("joint_development", "licence"),
        min_trl=6,
        keywords="LiDAR substrate thermal management laser driver",
    ),
    AnchorDemand(
        key="traction-sic",
        sector="ic-power",
        language="zh",
        title_zh="主驱电控想从IGBT换成碳化硅，寻求器件与模块联合开发",
        title_en="",
        description_zh="我们给两家新能源车企配套电机控制器，800V平台项目明年定点。现在用的硅基IGBT模块在高转速区损耗大，"
        "续航测试比竞品少了约4%。想导入碳化硅方案，需要耐压1200V、导通电阻20mΩ以内的器件，最好能同时提供半桥模块"
        "和驱动保护设计，配合我们做台架和整车测试。预算200–500万元，希望一年内完成样件验证。",
        description_en="",
        industries=("ic-power", "new-energy"),
        budget=(2_000_000, 5_000_000),
        days=330,
        modes=("joint_development", "licence"),
        min_trl=6,
        keywords="电机控制器 800V 碳化硅 SiC 主驱",
    ),
    AnchorDemand(
        key="fabric-inspection",
        sector="new-materials-fibers",
        language="zh",
        title_zh="织布车间验布全靠人眼，想上自动验布",
        title_en="",
        description_zh="我们有120台喷气织机，主要织衬衫面料。坯布下机后由6名验布工在灯箱上看，断经、纬缩、油污漏看的不少，"
        "客户退货一年损失上百万。想在织机或验布机上装相机自动找疵点，速度不低于每分钟50米，能区分疵点类型并出报表。"
        "预算30–80万元，最好有纺织厂现场案例。",
        description_en="",
        industries=("new-materials-fibers", "ai-vision"),
        budget=(300_000, 800_000),
        days=120,
        modes=("transfer", "licence"),
        min_trl=7,
        keywords="验布 疵点 织造 面料",
    ),
    AnchorDemand(
        key="fall-radar",
        sector="digital-health",
        language="en",
        title_zh="",
        title_en="Knowing when a resident falls, without cameras in their rooms",
        description_en="We run 14 nursing homes in Changning and Xuhui. Families and residents refuse cameras "
        "in bedrooms and bathrooms, wristbands get taken off, and night staff find falls too late. We want a "
        "ceiling or wall unit that notices a fall and calls the nurse station within a minute, with few false "
        "alarms, ideally also breathing at night. Around 600 rooms; under RMB 1,500 per room.",
        description_zh="",
        industries=("digital-health",),
        budget=(500_000, 900_000),
        days=180,
        modes=("licence", "transfer"),
        min_trl=7,
        keywords="elderly care fall alarm privacy nursing home",
    ),
    AnchorDemand(
        key="federated-risk",
        sector="fintech",
        language="zh",
        title_zh="租赁公司想和银行一起做风控模型，但双方数据都不能出门",
        title_en="",
        description_zh="我们是一家做设备融资租赁的公司，客户多是中小制造企业。合作银行有客户的流水和征信，我们有设备运行和回款数据，"
        "单独建模效果都一般。合规部门要求原始数据不能离开各自机房，也不能交给第三方。想找能让双方联合训练、"
        "只交换加密中间结果的方案，要能通过银行的安全评估。预算60–150万元。",
        description_en="",
        industries=("fintech",),
        budget=(600_000, 1_500_000),
        days=200,
        modes=("licence",),
        min_trl=7,
        keywords="融资租赁 风控 数据不出域 银行",
    ),
    AnchorDemand(
        key="perovskite-barrier",
        sector="new-energy-battery",
        language="en",
        title_zh="",
        title_en="Perovskite mini-modules lose a third of their efficiency in damp heat",
        description_en="We are a perovskite PV start-up with a 30 MW pilot line. Our 10×10 cm mini-modules start "
        "at 18–19% but drop by about a third after 500 h at 85 °C/85% RH, so we cannot pass IEC 61215. "
        "Glass-glass with edge tape is not enough. We need a moisture barrier or encapsulation process that "
        "keeps over 90% after 1,000 h and can run on our line. Open to joint development; budget to be agreed.",
        description_zh="",
        industries=("new-energy-battery", "new-energy"),
        budget=None,
        days=240,
        modes=("joint_development",),
        min_trl=4,
        keywords="perovskite encapsulation damp heat moisture",
    ),
]
