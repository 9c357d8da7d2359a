"""Names of generated organisations and people, in Chinese with their pinyin / English forms."""

from __future__ import annotations

import random

# Brand syllables used by Shanghai tech companies, with pinyin.
BRAND = [
    ("芯", "Xin"),
    ("微", "Wei"),
    ("晶", "Jing"),
    ("澜", "Lan"),
    ("矽", "Xi"),
    ("睿", "Rui"),
    ("衡", "Heng"),
    ("拓", "Tuo"),
    ("瀚", "Han"),
    ("锐", "Rui"),
    ("启", "Qi"),
    ("鸿", "Hong"),
    ("智", "Zhi"),
    ("联", "Lian"),
    ("源", "Yuan"),
    ("明", "Ming"),
    ("华", "Hua"),
    ("思", "Si"),
    ("达", "Da"),
    ("融", "Rong"),
    ("映", "Ying"),
    ("磐", "Pan"),
    ("砺", "Li"),
    ("纳", "Na"),
    ("光", "Guang"),
    ("曜", "Yao"),
    ("翎", "Ling"),
    ("岚", "Lan"),
    ("极", "Ji"),
    ("沃", "Wo"),
    ("恒", "Heng"),
    ("天", "Tian"),
    ("云", "Yun"),
    ("数", "Shu"),
    ("巷", "Xiang"),
    ("峰", "Feng"),
    ("川", "Chuan"),
    ("航", "Hang"),
    ("驰", "Chi"),
    ("灵", "Ling"),
    ("致", "Zhi"),
    ("远", "Yuan"),
    ("铭", "Ming"),
    ("泓", "Hong"),
    ("骏", "Jun"),
    ("衍", "Yan"),
    ("璟", "Jing"),
    ("赫", "He"),
]

SURNAMES = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("黄", "Huang"),
    ("赵", "Zhao"),
    ("吴", "Wu"),
    ("周", "Zhou"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("郭", "Guo"),
    ("何", "He"),
    ("林", "Lin"),
    ("罗", "Luo"),
    ("高", "Gao"),
    ("郑", "Zheng"),
    ("梁", "Liang"),
    ("谢", "Xie"),
    ("宋", "Song"),
    ("唐", "Tang"),
    ("许", "Xu"),
    ("韩", "Han"),
    ("冯", "Feng"),
    ("邓", "Deng"),
    ("曹", "Cao"),
    ("彭", "Peng"),
    ("曾", "Zeng"),
    ("沈", "Shen"),
    ("顾", "Gu"),
    ("陆", "Lu"),
    ("蒋", "Jiang"),
    ("姚", "Yao"),
    ("钱", "Qian"),
    ("俞", "Yu"),
    ("施", "Shi"),
]

GIVEN = [
    ("伟", "Wei"),
    ("敏", "Min"),
    ("静", "Jing"),
    ("磊", "Lei"),
    ("洋", "Yang"),
    ("婷", "Ting"),
    ("杰", "Jie"),
    ("涛", "Tao"),
    ("鑫", "Xin"),
    ("晨", "Chen"),
    ("昊", "Hao"),
    ("琳", "Lin"),
    ("宇", "Yu"),
    ("佳", "Jia"),
    ("慧", "Hui"),
    ("博", "Bo"),
    ("欣", "Xin"),
    ("凯", "Kai"),
    ("瑶", "Yao"),
    ("哲", "Zhe"),
    ("彬", "Bin"),
    ("雯", "Wen"),
    ("峥", "Zheng"),
    ("悦", "Yue"),
    ("泽", "Ze"),
    ("一", "Yi"),
    ("嘉", "Jia"),
    ("文", "Wen"),
    ("思", "Si"),
    ("远", "Yuan"),
    ("晓", "Xiao"),
    ("立", "Li"),
    ("志", "Zhi"),
    ("海", "Hai"),
    ("丹", "Dan"),
]

WESTERN_FIRST = [
    "Anna",
    "Lukas",
    "Sophie",
    "Daniel",
    "Marta",
    "Thomas",
    "Elena",
    "James",
    "Yuki",
    "Hiroshi",
    "Priya",
    "Arjun",
    "Camille",
    "Matteo",
    "Olga",
    "Jonas",
    "Sara",
    "David",
    "Nora",
    "Felix",
]
WESTERN_LAST = [
    "Müller",
    "Rossi",
    "Dubois",
    "Smith",
    "Tanaka",
    "Sato",
    "Kumar",
    "Novak",
    "García",
    "Jensen",
    "Kowalski",
    "Becker",
    "Laurent",
    "Suzuki",
    "Ivanova",
    "Schmidt",
    "Moreau",
    "Brown",
    "Lindqvist",
    "Costa",
]

STREETS = [
    ("愚园路", "Yuyuan Road"),
    ("武夷路", "Wuyi Road"),
    ("定西路", "Dingxi Road"),
    ("长宁路", "Changning Road"),
    ("延安西路", "West Yan'an Road"),
    ("江苏路", "Jiangsu Road"),
    ("安化路", "Anhua Road"),
    ("华阳路", "Huayang Road"),
]
STREET_WEIGHTS = [5, 5, 4, 2, 2, 1, 1, 1]
SUBDISTRICTS = ["华阳路街道", "江苏路街道", "新华路街道"]

INVESTOR_SUFFIX = [
    ("创业投资", "Ventures"),
    ("资本", "Capital"),
    ("天使投资", "Angels"),
    ("私募基金管理", "Partners"),
    ("科创投资", "Tech Investment"),
]
SERVICE_KIND = [
    ("知识产权代理", "IP Agency", "ip"),
    ("律师事务所", "Law Firm", "registration_tax_law"),
    ("税务师事务所", "Tax Advisory", "registration_tax_law"),
    ("会计师事务所", "Accounting Firm", "registration_tax_law"),
    ("人力资源", "Human Resources", "hr_talent"),
    ("技术转移", "Technology Transfer", "testing_pilot"),
    ("检测认证", "Testing & Certification", "testing_pilot"),
    ("融资担保", "Financing Guarantee", "finance"),
    ("科技咨询", "Technology Consulting", "policy"),
    ("企业服务", "Business Services", "registration_tax_law"),
]
INCUBATOR_SUFFIX = [("众创空间", "Maker Space"), ("孵化器", "Incubator"), ("加速器", "Accelerator")]
INSTITUTE_FIELD = [
    ("智能传感", "Intelligent Sensing", "sensors"),
    ("先进功率器件", "Advanced Power Devices", "ic-power"),
    ("集成电路创新", "IC Innovation", "ic-design"),
    ("人工智能应用", "Applied AI", "ai-vision"),
    ("先进材料", "Advanced Materials", "new-materials-ceramics"),
    ("数字健康", "Digital Health", "digital-health"),
    ("光电集成", "Integrated Photonics", "photonics"),
    ("储能技术", "Energy Storage", "new-energy-battery"),
]
PLATFORM_KIND = [
    ("产业技术创新联盟", "Industrial Technology Innovation Alliance"),
    ("公共技术服务平台", "Public Technology Service Platform"),
    ("协会", "Association"),
    ("创新中心", "Innovation Center"),
]


def brand(rng: random.Random) -> tuple[str, str]:
    a, b = rng.sample(BRAND, 2)
    return a[0] + b[0], a[1] + b[1].lower()


def chinese_person(rng: random.Random) -> tuple[str, str]:
    s = rng.choice(SURNAMES)
    g = [rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))]
    return s[0] + "".join(x[0] for x in g), f"{''.join(x[1] for x in g).capitalize()} {s[1]}"


def western_person(rng: random.Random) -> str:
    return f"{rng.choice(WESTERN_FIRST)} {rng.choice(WESTERN_LAST)}"


def address(rng: random.Random) -> tuple[str, str, str]:
    """(address, subdistrict, street code) on one of the district's streets."""
    street = rng.choices(STREETS, weights=STREET_WEIGHTS, k=1)[0]
    number = rng.randint(1, 1500)
    suffix = rng.choice(
        ["", "", f" {rng.randint(1, 12)}楼", f" {rng.randint(1, 8)}号楼{rng.randint(1, 6)}层"]
    )
    return f"上海市长宁区{street[0]}{number}号{suffix}", rng.choice(SUBDISTRICTS), street[0]


def coordinates(rng: random.Random) -> tuple[str, str]:
    """A point inside the district (around Huayang Road), as decimal strings."""
    return f"{rng.uniform(31.2080, 31.2280):.6f}", f"{rng.uniform(121.4130, 121.4420):.6f}"
