"""How amounts read on pages (the yuan filters)."""

import pytest
from django.utils import translation

from alleyhub.core.templatetags.alleyhub_format import yuan, yuan_range

pytestmark = pytest.mark.django_db


def test_amounts_read_as_wan_yuan_in_chinese_and_k_in_english():
    with translation.override("zh-hans"):
        assert yuan(500_000) == "50 万元"
        assert yuan(120_000_000) == "1.2 亿元"
        assert yuan(5000) == "5,000元"
        assert yuan(None) == "—"
        assert yuan_range(None, None) == "面议"
        assert yuan_range(300_000, None) == "≥ 30 万元"
    with translation.override("en"):
        assert yuan(500_000) == "¥500k"
        assert yuan(2_500_000) == "¥2.5M"
        assert yuan_range(100_000, 200_000) == "¥100k – ¥200k"
