"""More ways to title each technology demand of `content.SECTORS`, as enterprises write them.

Keyed by the Chinese title of the demand template in `content.py`; each value lists further
(zh, en) titles that may use the same `{slot}`s as the template's description (its sector's
`demand_slots`, or `content.METRIC_VALUES`). One is drawn per demand, so two companies with the same
problem rarely post the same title, and the spec numbers in the title match the description.
"""

from __future__ import annotations

Pair = tuple[str, str]

DEMAND_TITLES: dict[str, list[Pair]] = {
    # ic-power
    "充电模块效率提升：寻求碳化硅功率器件方案": [
        (
            "{kw}kW充电桩模块效率卡在{eff}%，求碳化硅MOSFET替代IGBT方案",
            "{kw} kW charger modules stuck at {eff}% efficiency: SiC MOSFETs to replace our IGBTs",
        ),
        (
            "征集{kw}kW直流充电模块碳化硅功率器件及驱动参考设计",
            "SiC power devices and a gate-driver reference design for {kw} kW DC charger modules",
        ),
        (
            "充电桩电源模块散热与效率改进（SiC替代硅基IGBT）",
            "Cooler, more efficient charger modules: moving from silicon IGBTs to SiC",
        ),
    ],
    "寻找小体积氮化镓快充方案": [
        ("{w}W氮化镓快充方案，温升≤{t}℃", "{w} W GaN fast charger with a temperature rise under {t} °C"),
        (
            "手机配件厂寻求{w}W GaN充电器参考设计",
            "Phone-accessory maker seeks a {w} W GaN charger reference design",
        ),
        ("快充体积缩小三分之一：征集{w}W氮化镓电源方案", "Shrinking our {w} W charger by a third with GaN"),
    ],
    "光伏逆变器{v}V碳化硅模块联合开发": [
        (
            "组串式逆变器导入{v}V SiC模块，寻求双脉冲测试与可靠性验证合作",
            "Bringing {v} V SiC modules into string inverters: partner for double-pulse and reliability tests",
        ),
        (
            "下一代光伏逆变器{v}V碳化硅功率模块选型与验证",
            "Selecting and qualifying {v} V SiC power modules for our next PV inverter",
        ),
    ],
    # ic-mems
    "寻找体积小、底噪低的TWS耳机拾音元件": [
        (
            "TWS耳机麦克风信噪比只有{snr}dB，求更安静的小尺寸方案",
            "Our TWS earbud mics only reach {snr} dB SNR: looking for something quieter and smaller",
        ),
        (
            "耳机通话降噪：征集{size}mm以内的低底噪麦克风",
            "Call noise reduction in earbuds: low-self-noise microphones within {size} mm",
        ),
        (
            "无线耳机拾音元件升级（信噪比需高于{snr}dB）",
            "Upgrading the pickup in our wireless earbuds beyond {snr} dB SNR",
        ),
    ],
    "胎压监测用MEMS压力传感器国产替代": [
        (
            "TPMS压力传感芯片国产化，年用量{qty}万颗",
            "Domestic pressure die for our TPMS modules, {qty} units a year",
        ),
        (
            "寻求通过AEC-Q100的MEMS胎压传感芯片",
            "An AEC-Q100 MEMS pressure sensor for tyre-pressure monitoring",
        ),
        (
            "胎压模块进口压力芯片替代（需车规认证）",
            "Replacing the imported pressure chips in our TPMS modules (automotive-qualified)",
        ),
    ],
    "智能手表气压高度计精度提升": [
        (
            "运动手表气压计温漂大，求温漂<{tc}%FS的MEMS压力传感器",
            "Our sports-watch barometer drifts with temperature: need a MEMS sensor under {tc}% FS",
        ),
        (
            "智能手表爬楼计数不准：征集低温漂气压传感方案",
            "Smartwatch floor counting is off: low-drift barometric sensing wanted",
        ),
    ],
    # ic-design
    "寻求国产高精度ADC IP授权": [
        (
            "{bits}位{msps}MSPS ADC IP授权（需{node}硅验证）",
            "{bits}-bit {msps} MSPS ADC IP, silicon-proven in {node}",
        ),
        (
            "工业控制SoC急需{node}工艺高精度ADC IP",
            "High-precision ADC IP in {node} for an industrial-control SoC",
        ),
    ],
    "蓝牙耳机主控芯片功耗优化": [
        (
            "耳机续航只有{hrs}小时，寻找超低功耗蓝牙SoC",
            "Earbuds last only {hrs} hours: looking for an ultra-low-power Bluetooth SoC",
        ),
        ("TWS耳机主控芯片低功耗联合定制", "Co-designing a low-power main SoC for our TWS earbuds"),
    ],
    # ic-packaging
    "寻找Chiplet先进封装打样合作方": [
        (
            "AI加速芯片拆分为{n}颗Chiplet，寻求2.5D封装打样",
            "Splitting our AI accelerator into {n} chiplets: 2.5D packaging prototypes wanted",
        ),
        ("2.5D先进封装打样与热仿真服务采购", "2.5D advanced-packaging prototypes and thermal simulation"),
    ],
    "车规功率模块封装可靠性提升": [
        (
            "功率模块温循{c}次后焊层空洞，求银烧结工艺合作",
            "Solder voids after {c} thermal cycles: partner for silver sintering",
        ),
        (
            "车规功率模块焊层可靠性改进（铜线键合/银烧结）",
            "Improving die-attach reliability of automotive power modules (Cu wire or Ag sintering)",
        ),
    ],
    # new-materials-ceramics
    "寻求导热更好的陶瓷基板替代氧化铝": [
        (
            "寻求热导率≥{k} W/(m·K)的陶瓷基板，用于大功率{dev}封装",
            "Ceramic substrates of at least {k} W/(m·K) for high-power {dev} packaging",
        ),
        (
            "{dev}封装结温过高，寻找氧化铝基板的高导热替代",
            "Our {dev} packages run too hot: a better-conducting alternative to alumina",
        ),
        (
            "大功率{dev}用氮化铝/氮化硅基板供应或联合开发",
            "AlN or Si3N4 substrates for high-power {dev}s: supply or joint development",
        ),
    ],
    "半导体设备用耐等离子体陶瓷部件": [
        (
            "刻蚀腔体陶瓷件进口交期{wk}周，寻求国产替代",
            "Etch-chamber ceramics take {wk} weeks from abroad: domestic alternative wanted",
        ),
        (
            "氧化钇涂层/高纯氧化铝腔体部件国产化",
            "Domestic yttria-coated or high-purity alumina chamber parts",
        ),
    ],
    # new-materials-crystals
    "采购国产PET用闪烁晶体": [
        (
            "小动物PET探测器用{size}mm闪烁晶体阵列定制",
            "Custom {size} mm scintillator arrays for a small-animal PET detector",
        ),
        ("寻找稳定供货的国产LYSO闪烁晶体", "A reliable domestic supply of LYSO scintillation crystals"),
    ],
    "安检设备用闪烁晶体降本": [
        ("安检机CsI晶体国产替代，目标降本{p}%", "A domestic CsI replacement for our scanners, {p}% cheaper"),
        ("X射线安检设备闪烁体降本方案征集", "Lower-cost scintillators for X-ray security scanners"),
    ],
    # new-materials-fibers
    "寻找可量产的调温面料": [
        (
            "户外服装调温面料：耐水洗{w}次，单米成本≤{c}元",
            "Thermoregulating fabric for outdoor wear: survives {w} washes, under {c} yuan a metre",
        ),
        ("相变调温面料量产供应商征集", "Looking for a volume supplier of phase-change fabric"),
    ],
    "可降解包装纤维材料": [
        (
            "电商包装填充物去塑料化：{mo}个月可降解纤维",
            "Plastic-free packaging fill that degrades within {mo} months",
        ),
        ("寻求可降解纤维缓冲材料替代塑料填充", "Biodegradable fibre cushioning to replace plastic void fill"),
    ],
    # ai-vision
    "产线外观缺陷自动检测": [
        ("{obj}外观缺陷机器视觉检测，节拍{t}秒/件", "Machine-vision inspection of {obj} at {t} s per part"),
        (
            "{obj}人工目检漏检约{miss}%，寻求自动光学检测方案",
            "About {miss}% of defects on our {obj} slip past inspectors: AOI wanted",
        ),
        ("产线{obj}表面瑕疵AI识别", "AI detection of surface flaws on {obj}"),
    ],
    "仓库货物自动盘点": [
        ("{n}个货位的仓库想用视觉自动盘点", "Vision-based stock-taking for a warehouse with {n} locations"),
        ("无人机/摄像头仓储盘点方案征集", "Drone or camera stock-taking for our warehouse"),
    ],
    # ai-language
    "政策问答机器人": [
        (
            "扶持政策智能问答（需引用原文、本地部署）",
            "A policy Q&A assistant that cites sources and runs on-premises",
        ),
        ("企业服务窗口政策咨询机器人建设", "A policy-enquiry bot for our business service desk"),
        ("惠企政策问答大模型私有化部署", "On-premises LLM for questions about business-support policies"),
    ],
    "合同审查提效": [
        (
            "每月{n}份采购合同，想用大模型预审风险条款",
            "{n} purchase contracts a month: LLM pre-review of risky clauses",
        ),
        ("法务合同审查辅助工具（私有化部署）", "An on-premises contract-review assistant for our legal team"),
    ],
    # blockchain
    "研发数据可信存证": [
        (
            "设计稿与研发数据区块链存证，满足司法取证",
            "Blockchain timestamps for designs and R&D data that hold up in court",
        ),
        (
            "研发成果侵权取证难，寻求可信存证平台",
            "Proving authorship of our designs: a trusted evidence platform",
        ),
    ],
    "供应链票据流转上链": [
        (
            "应收账款凭证拆分流转至{n}级供应商的区块链平台",
            "A chain to split receivables down to tier-{n} suppliers",
        ),
        (
            "核心企业供应链金融平台建设（对接银行）",
            "A supply-chain finance platform for a core enterprise, linked to banks",
        ),
    ],
    # fintech
    "不交换原始数据的联合风控建模": [
        (
            "融资租赁公司与银行联合建模，数据不出域",
            "Joint risk models with our banks without data leaving either side",
        ),
        (
            "隐私计算联合风控项目合作方征集",
            "Partner wanted for a privacy-preserving joint risk-control project",
        ),
    ],
    "知识产权质押融资评估工具": [
        ("专利价值快速评估工具，{dd}天出结果", "Patent valuation within {dd} days for IP-backed lending"),
        ("银行知识产权质押贷款评估模型采购", "An IP-pledge loan valuation model for our bank"),
    ],
    # digital-health
    "社区养老的无感跌倒检测": [
        (
            "养老站点无摄像头跌倒报警，单套≤{c}元",
            "Camera-free fall alarms for care centres, under {c} yuan a set",
        ),
        (
            "老人跌倒自动报警：不用摄像头、误报少",
            "Automatic fall alerts for older people: no cameras, few false alarms",
        ),
    ],
    "慢病患者居家血压管理": [
        (
            "高血压患者可穿戴监测与随访提醒系统",
            "Wearable monitoring and follow-up reminders for hypertension patients",
        ),
        ("互联网医院居家血压数据对接方案", "Getting home blood-pressure readings into our online hospital"),
    ],
    # sensors
    "储能电池热失控早期预警": [
        (
            "电池簇热失控预警，需比温度报警提前{m}分钟",
            "Thermal-runaway warning at least {m} minutes before temperature alarms",
        ),
        (
            "储能系统气体/压力早期预警传感器选型",
            "Gas or pressure sensors for early warning in our battery racks",
        ),
    ],
    "管廊有害气体在线监测": [
        ("{km}公里地下管廊低功耗气体传感器采购", "Low-power gas sensors for {km} km of utility tunnels"),
        ("管廊气体监测：征集免校准周期长的传感器", "Tunnel gas sensors with long calibration intervals"),
    ],
    # photonics
    "数据中心400G光模块国产化": [
        ("硅光400G光模块合作开发，功耗降低{p}%", "Silicon-photonics 400G modules with {p}% less power"),
        (
            "交换机厂商寻求国产400G光模块供应",
            "Switch maker seeks a domestic supplier of 400G optical modules",
        ),
    ],
    "自动驾驶激光雷达光源": [
        ("车规级{wl}nm激光雷达光源模组", "Automotive-grade {wl} nm LiDAR light source"),
        ("激光雷达{wl}nm高功率发射模组选型", "Choosing a high-power {wl} nm emitter for our LiDAR"),
    ],
    # new-energy-battery
    "两轮车低温电池方案": [
        ("-20℃容量保持≥{r}%的两轮车电池", "E-bike cells that keep {r}% of their capacity at -20 °C"),
        ("电动两轮车冬季续航衰减问题求解", "Our e-bikes lose range in winter: help wanted"),
    ],
    "储能电站电池寿命评估": [
        (
            "{mw}MWh储能电站电池健康度与剩余寿命评估",
            "State-of-health and remaining-life estimates for a {mw} MWh plant",
        ),
        ("储能电池SOH在线评估算法合作", "Online battery SOH estimation for our storage plant"),
    ],
    # robotics
    "配电房无人巡检": [
        ("{n}个配电房夜间巡检机器人方案", "Night-time inspection robots for {n} switch rooms"),
        ("配电房自动抄表与红外测温", "Automatic meter reading and IR thermography in switch rooms"),
    ],
    "3C产线柔性装配": [
        (
            "年换型{nc}次的3C产线，寻求协作机器人柔性装配",
            "Cobot assembly for an electronics line that changes over {nc} times a year",
        ),
        ("小批量多品种装配自动化改造", "Automating high-mix, low-volume assembly"),
    ],
    # biomedicine
    "基层医院快速检测设备": [
        (
            "{m}分钟出结果的社区医院POCT设备",
            "Point-of-care tests with results in {m} minutes for community clinics",
        ),
        ("基层医疗即时检测设备采购与合作", "Point-of-care testing devices for primary care"),
    ],
    "口腔修复新材料": [
        ("高强度美学全瓷修复材料供应商征集", "Stronger, more natural-looking all-ceramic restorations"),
        ("口腔连锁寻求国产氧化锆修复材料", "Dental chain seeks a domestic zirconia restoration material"),
    ],
    # culture-tech
    "风貌道路AR导览": [
        ("愚园路、武夷路历史建筑AR导览开发", "An AR tour of the historic buildings on Yuyuan and Wuyi Roads"),
        ("风貌街区老照片扫码AR展示", "Scan-to-see old photos along our historic streets"),
    ],
    "服装打样数字化": [
        ("每季{n}款打样，寻求3D虚拟样衣方案", "3D virtual samples for {n} styles a season"),
        ("服装企业三维数字打样系统选型", "Choosing a 3D digital sampling system for apparel"),
    ],
}
