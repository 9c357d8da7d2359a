import pytest

from alleyhub.accounts.tests.factories import MembershipFactory, OperatorFactory, UserFactory
from alleyhub.directory import selectors
from alleyhub.directory.tests.factories import IndustryFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_industry_descendants_cover_every_level_below():
    root = IndustryFactory(code="ic")
    child = IndustryFactory(code="ic-design", parent=root)
    grandchild = IndustryFactory(code="ic-design-rf", parent=child)
    IndustryFactory(code="ai")
    assert set(selectors.industry_with_descendant_ids(root)) == {root.pk, child.pk, grandchild.pk}
    assert selectors.industry_with_descendant_ids(grandchild) == [grandchild.pk]


def test_an_organisation_in_two_matching_industries_is_listed_once():
    root = IndustryFactory(code="ic")
    a = IndustryFactory(code="ic-a", parent=root)
    b = IndustryFactory(code="ic-b", parent=root)
    org = OrganizationFactory(industries=[a, b])
    assert list(selectors.organization_list(user=None, industry=root)) == [org]


def test_unpublished_organisations_are_visible_to_members_and_operators_only():
    hidden = OrganizationFactory(is_published=False)
    member = MembershipFactory(organization=hidden).user
    assert hidden not in selectors.organization_list(user=None)
    assert hidden not in selectors.organization_list(user=UserFactory())
    assert hidden in selectors.organization_list(user=member)
    assert hidden in selectors.organization_list(user=OperatorFactory())


def test_text_search_requires_every_word_and_caps_its_length():
    a = OrganizationFactory(name_zh="上海功率半导体公司", description_zh="碳化硅 模块")
    OrganizationFactory(name_zh="上海传感器公司", description_zh="MEMS 模块")
    qs = selectors.organization_search(queryset=selectors.organization_visible(user=None), q="碳化硅 模块")
    assert list(qs) == [a]
    # An over-long query is truncated, not refused with an error.
    assert (
        list(
            selectors.organization_search(queryset=selectors.organization_visible(user=None), q="x" * 10_000)
        )
        == []
    )


def test_industry_choices_put_children_after_their_parent_with_depth():
    root = IndustryFactory(code="b-ic")
    IndustryFactory(code="a-ai")
    child = IndustryFactory(code="b-ic-power", parent=root)
    choices = [(i.code, depth) for i, depth in selectors.industry_choices()]
    assert choices == [("a-ai", 0), ("b-ic", 0), (child.code, 1)]
