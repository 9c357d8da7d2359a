"""The demo district's industry taxonomy: (code, parent code, 中文名, English name, keywords).

Codes are stable; other helpers' demo modules and tests may rely on them (e.g. "ic-mems").
Parents come before their children so the rows can be inserted in this order.
"""

INDUSTRIES: list[tuple[str, str | None, str, str, str]] = [
    ("ic", None, "集成电路", "Integrated circuits", "集成电路 芯片 半导体 IC chip semiconductor"),
    ("ic-design", "ic", "芯片设计", "Chip design", "芯片设计 IP核 SoC RISC-V 射频 模拟 EDA fabless"),
    (
        "ic-power",
        "ic",
        "功率半导体",
        "Power semiconductors",
        "功率器件 碳化硅 SiC 氮化镓 GaN IGBT MOSFET 电源芯片 快充 逆变器",
    ),
    ("ic-mems", "ic", "MEMS 微机电", "MEMS", "MEMS 微机电 麦克风 惯性 压力传感 微镜 PMUT SOI"),
    (
        "ic-packaging",
        "ic",
        "封装测试",
        "Packaging and test",
        "封装 先进封装 Chiplet 扇出 晶圆级 可靠性 测试 packaging",
    ),
    ("new-materials", None, "新材料", "New materials", "新材料 材料 advanced materials"),
    (
        "new-materials-ceramics",
        "new-materials",
        "先进陶瓷",
        "Advanced ceramics",
        "陶瓷 氮化铝 氮化硅 透明陶瓷 压电陶瓷 热障涂层 ceramics",
    ),
    (
        "new-materials-crystals",
        "new-materials",
        "人工晶体",
        "Synthetic crystals",
        "晶体 闪烁晶体 铌酸锂 碳化硅衬底 单晶 crystal scintillator",
    ),
    (
        "new-materials-fibers",
        "new-materials",
        "纤维与纺织新材料",
        "Fibres and technical textiles",
        "纤维 纺织 面料 纳米纤维 静电纺丝 芳纶 可降解 textile fibre",
    ),
    ("ai", None, "人工智能", "Artificial intelligence", "人工智能 AI 大模型 机器学习 深度学习 LLM"),
    (
        "ai-vision",
        "ai",
        "机器视觉",
        "Machine vision",
        "机器视觉 视觉检测 缺陷检测 目标检测 图像识别 computer vision",
    ),
    (
        "ai-language",
        "ai",
        "自然语言与大模型",
        "Language models and NLP",
        "大模型 自然语言处理 知识问答 智能客服 文本审查 NLP LLM RAG",
    ),
    ("blockchain", None, "区块链", "Blockchain", "区块链 联盟链 存证 智能合约 跨链 数字身份 blockchain"),
    ("fintech", None, "科技金融", "Fintech", "金融科技 风控 隐私计算 联邦学习 供应链金融 征信 fintech"),
    (
        "digital-health",
        None,
        "数字健康",
        "Digital health",
        "数字健康 医疗器械 可穿戴 远程监护 医学影像 辅助诊断 养老 health",
    ),
    (
        "sensors",
        None,
        "智能传感",
        "Smart sensors",
        "传感器 传感 柔性电子 气体检测 光纤传感 物联网 IoT sensor",
    ),
    (
        "photonics",
        None,
        "光电子与量子",
        "Photonics and quantum",
        "光电子 硅光 激光雷达 单光子 超导 太赫兹 量子 photonics",
    ),
    ("new-energy", None, "新能源", "New energy", "新能源 储能 电池 固态电池 钠离子 光伏 氢能 energy"),
    (
        "new-energy-battery",
        "new-energy",
        "动力与储能电池",
        "Batteries and storage",
        "电池 固态电解质 钠离子 正极 负极 储能 热失控 BMS battery",
    ),
    ("robotics", None, "智能机器人", "Robotics", "机器人 协作机器人 关节 巡检 减速器 伺服 robot"),
    (
        "biomedicine",
        None,
        "生物医药",
        "Biomedicine",
        "生物医药 生物材料 骨修复 体外诊断 微流控 POCT biomaterials",
    ),
    (
        "culture-tech",
        None,
        "文化科技",
        "Culture and creative tech",
        "文创 数字内容 设计 时尚 元宇宙 沉浸式 creative",
    ),
]
