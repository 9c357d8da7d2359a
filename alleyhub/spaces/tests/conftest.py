import pytest

from alleyhub.listings.tests.conftest import member, operator, other_member, outsider, owner_org  # noqa: F401
from alleyhub.listings.tests.factories import MembershipFactory, OrganizationFactory

from .factories import BuildingFactory


@pytest.fixture
def space_operator(db):
    return OrganizationFactory(name_zh="硅巷科创运营公司", kind="incubator", slug="alley-ops")


@pytest.fixture
def building(space_operator):
    return BuildingFactory(operator=space_operator, slug="silicon-alley-no1", name_zh="硅巷 NO.1")


@pytest.fixture
def space_member(space_operator):
    return MembershipFactory(organization=space_operator).user


@pytest.fixture
def space_admin(space_operator):
    return MembershipFactory(organization=space_operator, role="admin").user
