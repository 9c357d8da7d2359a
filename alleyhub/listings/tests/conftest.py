import pytest

from .factories import MembershipFactory, OperatorFactory, OrganizationFactory, UserFactory


@pytest.fixture
def owner_org(db):
    return OrganizationFactory(name_zh="中国科学院上海微系统与信息技术研究所", kind="institute", slug="simit")


@pytest.fixture
def member(owner_org):
    return MembershipFactory(organization=owner_org).user


@pytest.fixture
def other_member(db):
    return MembershipFactory().user


@pytest.fixture
def operator(db):
    return OperatorFactory()


@pytest.fixture
def outsider(db):
    return UserFactory()
