"""The text filter of the list pages and the directory goes through the matching engine, so a
Chinese term finds an abbreviation or an English text and vice versa (issue 3 §6)."""

import pytest

from alleyhub.core.models import ListingStatus
from alleyhub.listings.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lexical(settings):
    settings.MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}


def test_outcome_list_finds_sic_listing_for_chinese_query(client, commit):
    with commit():
        sic = TechOutcomeFactory(title_zh="1200V SiC MOSFET 车规级功率模块", summary_zh="用于电驱逆变器")
        other = TechOutcomeFactory(title_zh="低噪声 MEMS 麦克风", summary_zh="TWS 耳机拾音")
    page = client.get("/listings/outcomes/", {"q": "碳化硅"}).content.decode()
    assert sic.title_zh in page
    assert other.title_zh not in page


def test_demand_list_finds_chinese_demand_for_english_query(client, commit):
    with commit():
        demand = TechDemandFactory(
            language="zh", title_zh="寻找氮化镓快充电源方案", title_en="", description_zh="65W 充电器体积要小"
        )
    page = client.get("/listings/demands/", {"q": "gallium nitride charger"}).content.decode()
    assert demand.title_zh in page


def test_directory_text_filter_ranks_with_the_engine(client, commit):
    with commit():
        org = OrganizationFactory(
            name_zh="上海芯碳半导体有限公司", description_zh="专注 SiC 功率器件与模块封装"
        )
        OrganizationFactory(name_zh="上海织梦服饰有限公司", description_zh="功能性面料设计")
    page = client.get("/directory/", {"q": "碳化硅"}).content.decode()
    assert org.name_zh in page
    assert "上海织梦服饰有限公司" not in page


def test_substring_match_still_finds_what_the_engine_does_not_index(client_as, commit):
    with commit():
        draft = TechOutcomeFactory(
            title_zh="未发布的钙钛矿封装工艺", status=ListingStatus.DRAFT, published_at=None
        )
    member = MembershipFactory(organization=draft.owner).user
    page = client_as(member).get("/listings/outcomes/", {"q": "钙钛矿封装"}).content.decode()
    assert draft.title_zh in page
