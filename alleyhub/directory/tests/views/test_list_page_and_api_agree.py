"""The directory's pages and its API list the same organisations and people, in the same order,
for the same parameters: both call one selector (`organization_list`, `person_list`)."""

import pytest

from alleyhub.directory.models import LifecycleStage, OrganizationKind, Person
from alleyhub.directory.tests.factories import (
    AffiliationFactory,
    IndustryFactory,
    OrganizationFactory,
    PersonFactory,
)
from alleyhub.listings.tests.factories import MembershipFactory, OperatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    ic = IndustryFactory(code="ic", name_zh="集成电路")
    sensors = IndustryFactory(code="ic-sensors", name_zh="传感器", parent=ic)
    orgs = []
    for i in range(26):
        org = OrganizationFactory(
            name_zh=f"硅巷企业{i:02d}",
            kind=[OrganizationKind.ENTERPRISE, OrganizationKind.INSTITUTE][i % 2],
            stage=[LifecycleStage.SEED, LifecycleStage.GROWTH][i % 3 == 0],
            subdistrict=["华阳路街道", "江苏路街道"][i % 4 == 0],
            is_published=i != 5,
        )
        org.industries.set([[ic, sensors][i % 2]])
        orgs.append(org)
    draft = orgs[5]
    member = MembershipFactory(organization=draft).user
    for i in range(24):
        person = PersonFactory(
            name_zh=f"专家{i:02d}", kind=[Person.Kind.EXPERT, Person.Kind.RESEARCHER][i % 2]
        )
        AffiliationFactory(person=person, organization=orgs[i % 7])
    return {"member": member, "operator": OperatorFactory()}


def page_ids(client, url, params, key="page"):
    response = client.get(url, params)
    assert response.status_code == 200
    return [obj.pk for obj in response.context[key].object_list]


def api_ids(client, url, params, page_size):
    response = client.get(url, {**params, "page_size": page_size})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


ORG_PARAMS = [
    {},
    {"kind": "institute"},
    {"industry": "ic"},
    {"industry": "ic-sensors", "stage": "growth"},
    {"subdistrict": "江苏路街道"},
    {"q": "硅巷企业1"},
    {"q": "企业", "kind": "enterprise"},
    {"q": "企业", "page": 2},
]


@pytest.mark.parametrize(
    "params", ORG_PARAMS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all"
)
@pytest.mark.parametrize("who", ["anonymous", "member", "operator"])
def test_organisation_page_and_api_give_the_same_rows(client, district, params, who):
    if who != "anonymous":
        client.force_login(district[who])
    ids = page_ids(client, "/directory/", params)
    assert ids, "the parameters should select something"
    assert ids == api_ids(client, "/api/organizations", params, page_size=20)


PEOPLE_PARAMS = [{}, {"kind": "expert"}, {"q": "专家1"}, {"kind": "researcher", "page": 1}]


@pytest.mark.parametrize(
    "params", PEOPLE_PARAMS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "all"
)
def test_people_page_and_api_give_the_same_rows(client, district, params):
    ids = page_ids(client, "/directory/people/", params)
    assert ids
    assert ids == api_ids(client, "/api/people", params, page_size=20)
