"""Words and ranges generated buildings and space units are drawn from (data only)."""

PARK_WORDS = [
    ("科创园", "Innovation Park"),
    ("研发楼", "R&D Building"),
    ("创意里", "Creative Lane"),
    ("智造中心", "Smart Manufacturing Center"),
    ("科技大厦", "Tech Tower"),
]
FACILITIES = [
    "会议室",
    "共享前台",
    "24小时门禁",
    "停车位",
    "淋浴间",
    "货梯",
    "双路供电",
    "纯水系统",
    "通风橱",
    "洁净间",
    "独立空调",
    "直饮水",
    "咖啡区",
    "屋顶花园",
    "充电桩",
]
KIND_NAMES = {
    "office": ("办公室", "office"),
    "lab": ("实验室", "lab"),
    "maker_space": ("众创工位区", "maker space"),
    "event_venue": ("多功能厅", "event hall"),
}
AREA_RANGE = {
    "office": (50, 800),
    "lab": (80, 600),
    "maker_space": (20, 150),
    "event_venue": (80, 500),
}
RENT_RANGE = {
    "office": (4.0, 12.0),
    "lab": (5.0, 10.0),
    "maker_space": (3.0, 6.0),
    "event_venue": (3.0, 8.0),
}
KIND_FACILITIES = {
    "lab": ["通风橱", "纯水系统", "双路供电", "防震地坪", "危化品柜"],
    "event_venue": ["投影", "音响", "同传设备", "直播设备"],
    "maker_space": ["开放工位", "3D打印机", "激光切割机"],
    "office": ["精装修", "独立空调", "可注册"],
}
