"""Fixtures for the matching app's Django-side tests."""

import pytest

from alleyhub.matching.tests.factories import (
    OrganizationFactory,
    PersonFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)


@pytest.fixture
def lexical_only(settings):
    """Embeddings off: lexical matching only (for tests that need no semantics)."""
    settings.MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}


@pytest.fixture
def mems(commit):
    """An enterprise's demand for a low-noise microphone, the institute's MEMS outcome, an
    unrelated outcome and a MEMS expert."""
    with commit():
        enterprise = OrganizationFactory(name_zh="声悦科技", description_zh="无线耳机研发")
        institute = OrganizationFactory(
            kind="institute", name_zh="微系统所", description_zh="微系统与信息技术研究"
        )
        demand = TechDemandFactory(
            owner=enterprise,
            title_zh="无线耳机用低噪声拾音元件",
            title_en="",
            description_zh="我们做无线耳机，想找体积小、底噪低的拾音元件，预算50万。",
            budget_min=None,
            budget_max=500_000,
            wanted_modes=["licence"],
        )
        outcome = TechOutcomeFactory(
            owner=institute,
            title_zh="低噪声MEMS麦克风芯片",
            title_en="Low-noise MEMS microphone chip",
            summary_zh="微机电麦克风，信噪比70dB，尺寸小，适合耳机与可穿戴设备拾音。",
            price_min=300_000,
            price_max=600_000,
            cooperation_modes=["licence"],
        )
        other = TechOutcomeFactory(
            owner=institute,
            title_zh="钙钛矿光伏组件封装",
            title_en="Perovskite PV module encapsulation",
            summary_zh="提高钙钛矿组件湿热稳定性。",
            price_min=2_000_000,
        )
        expert = PersonFactory(
            name_zh="张教授", expertise="MEMS 麦克风 声学传感器", bio_zh="研究微机电声学传感器。"
        )
    return {"enterprise": enterprise, "demand": demand, "outcome": outcome, "other": other, "expert": expert}
