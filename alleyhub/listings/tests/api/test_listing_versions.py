"""The API side of optimistic locking: detail responses carry `version` and an ETag; PATCH and the
status actions take `version` (body) or If-Match, and a stale one is a 409 problem JSON that
changes nothing."""

import pytest

from alleyhub.accounts.models import PersonalAccessToken
from alleyhub.core.models import ListingStatus
from alleyhub.listings.models import TechDemand, TechOutcome

from ..factories import InvestorProfileFactory, TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def patch(client, url, body, **headers):
    return client.patch(url, body, content_type="application/json", **headers)


@pytest.mark.parametrize(
    ("factory", "path"),
    [(TechOutcomeFactory, "outcomes"), (TechDemandFactory, "demands"), (InvestorProfileFactory, "investors")],
)
def test_detail_and_list_show_the_version_and_the_detail_an_etag(client, factory, path):
    listing = factory()
    response = client.get(f"/api/{path}/{listing.pk}")
    assert response.json()["version"] == 1
    assert response["ETag"] == '"1"'
    assert client.get(f"/api/{path}").json()["items"][0]["version"] == 1


def test_patch_with_a_stale_version_is_a_409_problem_and_changes_nothing(client_as, member, owner_org):
    demand = TechDemandFactory(owner=owner_org, title_zh="原标题")
    client = client_as(member)
    url = f"/api/demands/{demand.pk}"
    first = patch(client, url, {"title_zh": "甲改的", "version": 1})
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2 and first["ETag"] == '"2"'
    response = patch(client, url, {"title_zh": "乙改的", "version": 1})
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 409 and body["code"] == "conflict" and body["current_version"] == 2
    assert TechDemand.objects.get(pk=demand.pk).title_zh == "甲改的"


def test_patch_with_a_stale_if_match_is_a_409_and_the_current_one_goes_through(client_as, member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org, trl=4)
    client = client_as(member)
    url = f"/api/outcomes/{outcome.pk}"
    assert patch(client, url, {"trl": 5}, HTTP_IF_MATCH='"1"').status_code == 200
    stale = patch(client, url, {"trl": 9}, HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409 and stale["Content-Type"] == "application/problem+json"
    assert stale.json()["current_version"] == 2
    etag = client.get(url)["ETag"]
    assert patch(client, url, {"trl": 9}, HTTP_IF_MATCH=etag).status_code == 200
    assert TechOutcome.objects.get(pk=outcome.pk).trl == 9


def test_body_version_and_if_match_must_agree(client_as, member, owner_org):
    demand = TechDemandFactory(owner=owner_org)
    response = patch(client_as(member), f"/api/demands/{demand.pk}", {"version": 1}, HTTP_IF_MATCH='"2"')
    assert response.status_code == 409 and response.json()["code"] == "version_mismatch"


def test_two_patches_of_different_fields_without_a_version_both_survive(client_as, member, owner_org):
    demand = TechDemandFactory(owner=owner_org, title_zh="原标题", budget_max=800_000)
    client = client_as(member)
    assert patch(client, f"/api/demands/{demand.pk}", {"title_zh": "新标题"}).status_code == 200
    assert patch(client, f"/api/demands/{demand.pk}", {"budget_max": 900_000}).status_code == 200
    demand.refresh_from_db()
    assert (demand.title_zh, demand.budget_max, demand.version) == ("新标题", 900_000, 3)


def test_status_action_with_a_stale_version_is_a_409_problem(client_as, member, owner_org):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    client = client_as(member)
    assert patch(client, f"/api/demands/{demand.pk}", {"title_zh": "改过"}).status_code == 200
    url = f"/api/demands/{demand.pk}/publish"
    by_body = client.post(url, {"version": 1}, content_type="application/json")
    assert by_body.status_code == 409 and by_body["Content-Type"] == "application/problem+json"
    assert by_body.json()["current_version"] == 2 and by_body.json()["current_state"] == "draft"
    assert client.post(url, HTTP_IF_MATCH='"1"').status_code == 409
    assert TechDemand.objects.get(pk=demand.pk).status == ListingStatus.DRAFT
    done = client.post(url, {"version": 2}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "published"
    assert done.json()["version"] == 3 and done["ETag"] == '"3"'


def test_status_action_refuses_a_version_that_is_not_a_number(client_as, member, owner_org):
    demand = TechDemandFactory(owner=owner_org)
    client = client_as(member)
    url = f"/api/demands/{demand.pk}/confirm"
    assert client.post(url, {"version": "x"}, content_type="application/json").status_code == 422
    assert client.post(url, "{not json", content_type="application/json").status_code == 422
    assert client.post(url, HTTP_IF_MATCH="yesterday").status_code == 400


def test_a_token_client_follows_the_etag_it_was_given(client, member, owner_org):
    demand = TechDemandFactory(owner=owner_org, status=ListingStatus.DRAFT, published_at=None)
    _, token = PersonalAccessToken.issue(user=member, name="sync")
    auth = {"Authorization": f"Bearer {token}"}
    etag = client.get(f"/api/demands/{demand.pk}", headers=auth)["ETag"]
    response = client.patch(
        f"/api/demands/{demand.pk}",
        {"title_zh": "令牌改的"},
        content_type="application/json",
        headers={**auth, "If-Match": etag},
    )
    assert response.status_code == 200
    published = client.post(
        f"/api/demands/{demand.pk}/publish", headers={**auth, "If-Match": response["ETag"]}
    )
    assert published.status_code == 200 and published.json()["status"] == "published"
    stale = client.post(f"/api/demands/{demand.pk}/archive", headers={**auth, "If-Match": etag})
    assert stale.status_code == 409
