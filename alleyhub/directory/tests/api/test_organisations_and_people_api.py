import pytest

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory
from alleyhub.directory.hooks import ContactParties, person_contact_parties
from alleyhub.directory.models import OrganizationKind
from alleyhub.directory.tests.factories import (
    AffiliationFactory,
    IndustryFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_organisation_list_is_paginated_and_hides_contact_details_from_anonymous_callers(client):
    OrganizationFactory.create_batch(23)
    OrganizationFactory(is_published=False, name_zh="未公开机构")
    data = client.get("/api/organizations").json()
    assert data["count"] == 23
    assert len(data["items"]) == 20
    assert all(item["contact_email"] is None for item in data["items"])
    assert "未公开机构" not in {item["name_zh"] for item in data["items"]}
    assert len(client.get("/api/organizations", {"page": 2}).json()["items"]) == 3


def test_organisation_contact_details_reach_signed_in_callers(client_as):
    org = OrganizationFactory(contact_email="bd@example.cn")
    data = client_as(UserFactory()).get(f"/api/organizations/{org.slug}").json()
    assert data["contact_email"] == "bd@example.cn"


def test_organisation_list_filters_by_kind_industry_including_children_and_text(client):
    ic = IndustryFactory(code="ic")
    child = IndustryFactory(code="ic-design", parent=ic)
    a = OrganizationFactory(kind=OrganizationKind.ENTERPRISE, industries=[child], name_en="Gallium Works")
    b = OrganizationFactory(kind=OrganizationKind.INVESTOR, industries=[ic])
    OrganizationFactory(kind=OrganizationKind.ENTERPRISE)

    slugs = {o["slug"] for o in client.get("/api/organizations", {"industry": "ic"}).json()["items"]}
    assert slugs == {a.slug, b.slug}
    slugs = {
        o["slug"]
        for o in client.get("/api/organizations", {"industry": "ic", "kind": "investor"}).json()["items"]
    }
    assert slugs == {b.slug}
    slugs = {o["slug"] for o in client.get("/api/organizations", {"q": "gallium"}).json()["items"]}
    assert slugs == {a.slug}


def test_organisation_detail_by_slug_or_id(client):
    org = OrganizationFactory()
    assert client.get(f"/api/organizations/{org.slug}").json()["id"] == org.pk
    assert client.get(f"/api/organizations/{org.pk}").json()["slug"] == org.slug


def test_unpublished_organisation_is_404_except_for_its_members(client, client_as):
    org = OrganizationFactory(is_published=False)
    response = client.get(f"/api/organizations/{org.slug}")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    member = MembershipFactory(organization=org).user
    assert client_as(member).get(f"/api/organizations/{org.slug}").status_code == 200


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"page": 0}, 422),
        ({"page": "abc"}, 422),
        ({"page": 10**30}, 422),
        ({"page_size": 10**6}, 422),
        ({"kind": "nonsense"}, 422),
        ({"stage": "teenage"}, 422),
        ({"industry": "no-such-industry"}, 422),
        ({"q": "芯" * 5000}, 422),
    ],
)
def test_bad_list_parameters_give_problem_json_not_a_server_error(client, params, status):
    response = client.get("/api/organizations", params)
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"]


@pytest.mark.parametrize("ident", ["no-such-org", "99999999999999999999999999", "0", "x" * 300])
def test_unknown_organisation_gives_404_problem_json(client, ident):
    response = client.get(f"/api/organizations/{ident}")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_page_beyond_the_last_is_empty_not_an_error(client):
    OrganizationFactory()
    data = client.get("/api/organizations", {"page": 50}).json()
    assert data == {"items": [], "count": 1}


def test_people_list_and_detail_with_affiliations(client, client_as):
    aff = AffiliationFactory(person=PersonFactory(email="li@example.cn", contact_consent=True))
    PersonFactory(is_published=False)
    data = client.get("/api/people").json()
    assert data["count"] == 1
    detail = client.get(f"/api/people/{aff.person.pk}").json()
    assert detail["affiliations"][0]["organization"] == aff.organization.slug
    assert detail["email"] is None
    # Signed in is not enough: only the other side of a match or case sees it (the higher apps
    # fill `person_contact_parties`; here a stand-in says the viewer deals with the organisation).
    viewer = UserFactory()
    assert client_as(viewer).get(f"/api/people/{aff.person.pk}").json()["email"] is None
    party = ContactParties(organization_ids=frozenset({aff.organization_id}))
    with person_contact_parties.replaced(lambda user: party if user.pk == viewer.pk else ContactParties()):
        assert client_as(viewer).get(f"/api/people/{aff.person.pk}").json()["email"] == "li@example.cn"
        assert client_as(UserFactory()).get(f"/api/people/{aff.person.pk}").json()["email"] is None


def test_people_filter_by_organisation_and_bad_ids(client):
    aff = AffiliationFactory()
    PersonFactory()
    data = client.get("/api/people", {"organization": aff.organization.slug}).json()
    assert [p["id"] for p in data["items"]] == [aff.person.pk]
    assert client.get("/api/people/abc").status_code == 422
    assert client.get(f"/api/people/{10**25}").status_code in (404, 422)
    assert client.get("/api/people/999999").status_code == 404
    assert client.get("/api/people", {"kind": "wizard"}).status_code == 422


def test_a_bearer_token_caller_gets_contact_details(client):
    org = OrganizationFactory(contact_phone="021-62220000")
    _, plain = PersonalAccessToken.issue(user=UserFactory(), name="script")
    data = client.get(f"/api/organizations/{org.slug}", headers={"Authorization": f"Bearer {plain}"}).json()
    assert data["contact_phone"] == "021-62220000"
    assert client.get(f"/api/organizations/{org.slug}").json()["contact_phone"] is None
