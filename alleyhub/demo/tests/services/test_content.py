import random

from alleyhub.core.validators import is_valid_credit_code
from alleyhub.directory.demo.codes import credit_code
from alleyhub.directory.demo.data.sectors import SECTORS
from alleyhub.directory.demo.sectors import SECTOR_BY_CODE, pick_sector
from alleyhub.listings.demo import texts


def test_every_sector_template_fills_without_leftover_placeholders():
    rng = random.Random(1)
    for sector in SECTORS:
        for trl in (2, 5, 7, 9):
            for _ in range(40):
                text = texts.outcome_text(rng, sector, trl)
                parts = [*text.title, *text.summary, *text.applications, text.confidential]
                assert all(p and "{" not in p and "}" not in p for p in parts), (sector.code, parts)
        for _ in range(40):
            demand = texts.demand_text(rng, sector)
            parts = [*demand.title, *demand.description]
            assert all(p and "{" not in p and "}" not in p for p in parts), (sector.code, parts)


def test_generated_texts_depend_only_on_the_seed():
    def draw(seed):
        rng = random.Random(seed)
        return [texts.outcome_text(rng, pick_sector(rng)).title for _ in range(50)]

    assert draw(7) == draw(7)
    assert draw(7) != draw(8)


def test_the_summary_matches_the_readiness_level():
    rng = random.Random(3)
    sector = SECTOR_BY_CODE["ic-mems"]
    early = [texts.outcome_text(rng, sector, 2).summary[0] for _ in range(30)]
    assert not any("中试" in s or "批量" in s or "客户" in s for s in early)
    mature = [texts.outcome_text(rng, sector, 9).summary[0] for _ in range(30)]
    assert any("批量" in s for s in mature) and not any("原理" in s for s in mature)


def test_credit_codes_are_valid_and_distinct_for_distinct_indexes():
    for prefix in ("91310105", "12100000", "11310105", "51310000"):
        codes = [credit_code(prefix, i, seed=2026) for i in range(5_000)]
        assert len(set(codes)) == len(codes)
        assert all(is_valid_credit_code(c) for c in codes[:2000])
    assert credit_code("91310105", 5, seed=1) != credit_code("91310105", 5, seed=2)
    assert credit_code("91310105", 0, seed=1)[8:11] == "MA1"
