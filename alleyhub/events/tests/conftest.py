import pytest

from .factories import EventFactory, MembershipFactory, OperatorFactory, OrganizationFactory, UserFactory


@pytest.fixture
def organizer_org(db):
    return OrganizationFactory(name_zh="科创生态协同创新平台", slug="co-innovation-platform", kind="platform")


@pytest.fixture
def staff(organizer_org):
    """A member of the organiser organisation."""
    return MembershipFactory(organization=organizer_org).user


@pytest.fixture
def operator(db):
    return OperatorFactory()


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def event(organizer_org):
    return EventFactory(organizers=[organizer_org], capacity=2)
