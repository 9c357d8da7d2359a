import pytest

from alleyhub.listings.tests.conftest import member, operator, other_member, outsider, owner_org  # noqa: F401
from alleyhub.listings.tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def provider_org(db):
    return OrganizationFactory(name_zh="上海技术交易所", kind="service_provider", slug="sstec")


@pytest.fixture
def provider_member(provider_org):
    return MembershipFactory(organization=provider_org).user
