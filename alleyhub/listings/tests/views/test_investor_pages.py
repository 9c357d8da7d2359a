"""Investor profile create / edit pages and API writes."""

import pytest
from django.urls import reverse

from alleyhub.core.models import ListingStatus
from alleyhub.listings.models import InvestorProfile

from ..factories import IndustryFactory, InvestorProfileFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def investor_org(db):
    return OrganizationFactory(name_zh="浦东科创母基金", kind="investor")


@pytest.fixture
def investor_member(investor_org):
    return MembershipFactory(organization=investor_org).user


def test_investor_creates_edits_and_publishes_on_pages(client_as, investor_org, investor_member):
    sector = IndustryFactory()
    client = client_as(investor_member)
    assert (
        reverse("listings:investor_create") in client.get(reverse("listings:investor_list")).content.decode()
    )
    response = client.post(
        reverse("listings:investor_create"),
        {"owner": investor_org.pk, "language": "zh", "title_zh": "人工智能早期", "sectors": [sector.pk]},
    )
    profile = InvestorProfile.objects.get()
    assert response["Location"] == reverse("listings:investor_detail", args=[profile.pk])
    detail = client.get(response["Location"]).content.decode()
    assert reverse("listings:investor_edit", args=[profile.pk]) in detail
    response = client.post(
        reverse("listings:investor_edit", args=[profile.pk]),
        {"language": "zh", "title_zh": "人工智能与具身智能", "sectors": [sector.pk], "version": 1},
    )
    assert response.status_code == 302
    client.post(reverse("listings:action", args=["investor", profile.pk, "publish"]), {"version": 2})
    profile.refresh_from_db()
    assert profile.title_zh == "人工智能与具身智能" and profile.status == ListingStatus.PUBLISHED


def test_others_cannot_create_or_edit(client_as, member, other_member, investor_org):
    profile = InvestorProfileFactory(owner=investor_org)
    assert client_as(member).get(reverse("listings:investor_create")).status_code == 403
    assert (
        client_as(other_member).get(reverse("listings:investor_edit", args=[profile.pk])).status_code == 403
    )
    detail = (
        client_as(other_member).get(reverse("listings:investor_detail", args=[profile.pk])).content.decode()
    )
    assert reverse("listings:investor_edit", args=[profile.pk]) not in detail


def test_investor_api_writes(client_as, investor_org, investor_member, other_member):
    sector = IndustryFactory()
    client = client_as(investor_member)
    response = client.post(
        "/api/investors",
        {"owner_id": investor_org.pk, "title_zh": "接口画像", "sectors": [sector.code], "stages": ["seed"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    bad = client.patch(
        f"/api/investors/{pk}", {"ticket_min": 9, "ticket_max": 1}, content_type="application/json"
    )
    assert bad.status_code == 422 and bad["Content-Type"] == "application/problem+json"
    unknown = client.patch(f"/api/investors/{pk}", {"sectors": ["no-such"]}, content_type="application/json")
    assert unknown.status_code == 422
    ok = client.patch(
        f"/api/investors/{pk}", {"ticket_max": 10, "version": 1}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert (
        client.patch(
            f"/api/investors/{pk}", {"ticket_max": 11, "version": 1}, content_type="application/json"
        ).status_code
        == 409
    )
    assert (
        client_as(other_member)
        .patch(f"/api/investors/{pk}", {"title_zh": "x"}, content_type="application/json")
        .status_code
        == 404
    )  # a draft: others do not learn it exists


def test_confidential_attachment_follows_the_confidential_access_hook(
    client_as, settings, tmp_path, other_member
):
    """A party admitted by `listings.hooks.confidential_access` (brokerage's case parties) may
    download an outcome's confidential file; without the grant, a 404."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from alleyhub.directory.listing_services import attachment_add
    from alleyhub.listings.hooks import confidential_access

    from ..factories import OperatorFactory, TechOutcomeFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    outcome = TechOutcomeFactory()
    secret = attachment_add(
        listing=outcome,
        actor=OperatorFactory(),
        uploaded=SimpleUploadedFile("工艺.pdf", b"%PDF-1.4 x"),
        confidential=True,
    )
    url = reverse("directory:attachment", args=[secret.pk])
    client = client_as(other_member)
    with confidential_access.replaced(lambda *, user, listing: False):
        assert client.get(url).status_code == 404
    with confidential_access.replaced(lambda *, user, listing: user == other_member and listing == outcome):
        response = client.get(url)
        assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
        assert response.status_code == 200
