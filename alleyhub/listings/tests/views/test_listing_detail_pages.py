"""Detail pages: confidential parts, drafts, 404s, stale badge, matches loader."""

from datetime import timedelta

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from alleyhub.core.models import ListingStatus
from alleyhub.listings.models import TechOutcome

from ..factories import InvestorProfileFactory, TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


SECRET = "工艺窗口：生长温度 1050℃，保密。"


def test_outcome_detail_hides_confidential_from_anonymous_and_other_org(
    client, client_as, owner_org, other_member
):
    outcome = TechOutcomeFactory(owner=owner_org)
    url = reverse("listings:outcome_detail", kwargs={"pk": outcome.pk})
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert outcome.title_zh in anonymous.content.decode()
    assert SECRET not in anonymous.content.decode()
    assert SECRET not in client_as(other_member).get(url).content.decode()


@pytest.mark.parametrize("who", ["member", "operator"])
def test_outcome_detail_shows_marked_confidential_block_to_member_and_operator(
    client_as, owner_org, who, request
):
    outcome = TechOutcomeFactory(owner=owner_org)
    html = (
        client_as(request.getfixturevalue(who))
        .get(reverse("listings:outcome_detail", kwargs={"pk": outcome.pk}))
        .content.decode()
    )
    assert SECRET in html
    assert 'class="confidential"' in html


def test_demand_detail_hides_confidential_from_anonymous(client, client_as, owner_org, member):
    demand = TechDemandFactory(owner=owner_org)
    url = reverse("listings:demand_detail", kwargs={"pk": demand.pk})
    assert "某头部手机厂商" not in client.get(url).content.decode()
    assert "某头部手机厂商" in client_as(member).get(url).content.decode()


def test_draft_detail_is_404_for_anonymous_and_200_for_member(client, client_as, owner_org, member):
    draft = TechOutcomeFactory(owner=owner_org, status=ListingStatus.DRAFT)
    url = reverse("listings:outcome_detail", kwargs={"pk": draft.pk})
    assert client.get(url).status_code == 404
    response = client_as(member).get(url)
    assert response.status_code == 200
    assert "草稿" in response.content.decode()


def test_unknown_detail_gives_styled_404(client):
    response = client.get(reverse("listings:outcome_detail", kwargs={"pk": 999999}))
    assert response.status_code == 404
    assert b"<html" in response.content


def test_stale_badge_on_detail_of_listing_not_confirmed_for_half_a_year(client):
    fresh = TechOutcomeFactory()
    long_ago = timezone.now() - timedelta(days=200)
    old = TechOutcomeFactory(last_confirmed_at=long_ago)
    TechOutcome.objects.filter(pk=old.pk).update(updated_at=long_ago)  # nor saved since
    assert (
        "信息可能过时"
        not in client.get(reverse("listings:outcome_detail", kwargs={"pk": fresh.pk})).content.decode()
    )
    assert (
        "信息可能过时"
        in client.get(reverse("listings:outcome_detail", kwargs={"pk": old.pk})).content.decode()
    )


def test_a_draft_saved_a_moment_ago_is_not_possibly_outdated(client_as, owner_org, member):
    """Regression: a new draft has no confirmation yet, which once showed "信息可能过时" on a
    listing saved seconds before. Saved within 180 days = fresh."""
    draft = TechOutcomeFactory(owner=owner_org, status=ListingStatus.DRAFT, last_confirmed_at=None)
    html = client_as(member).get(reverse("listings:outcome_detail", kwargs={"pk": draft.pk})).content.decode()
    assert "草稿" in html and "信息可能过时" not in html


def test_an_expired_listing_shows_expired_not_outdated(client):
    expired = TechOutcomeFactory(expires_on=timezone.localdate() - timedelta(days=1))
    html = client.get(reverse("listings:outcome_detail", kwargs={"pk": expired.pk})).content.decode()
    assert "已过期" in html and "信息可能过时" not in html


def test_investor_detail_page(client):
    investor = InvestorProfileFactory(title_zh="硬科技早期基金", ticket_min=1_000_000, ticket_max=10_000_000)
    html = client.get(reverse("listings:investor_detail", kwargs={"pk": investor.pk})).content.decode()
    assert "硬科技早期基金" in html
    assert "100 万 – 1,000 万元" in html
    assert "种子期" in html


def test_english_page_shows_english_title(client):
    outcome = TechOutcomeFactory(title_zh="氮化镓", title_en="Gallium nitride epitaxy")
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("listings:outcome_detail", kwargs={"pk": outcome.pk}), headers={"Accept-Language": "en"}
    ).content.decode()
    assert "Gallium nitride epitaxy" in html


def test_detail_page_includes_matches_loader_when_matching_exists(client):
    outcome = TechOutcomeFactory()
    html = client.get(reverse("listings:outcome_detail", kwargs={"pk": outcome.pk})).content.decode()
    try:
        matches_url = reverse("matching:for_object", kwargs={"kind": "outcome", "pk": outcome.pk})
    except NoReverseMatch:
        assert 'hx-trigger="load"' not in html
    else:
        assert f'hx-get="{matches_url}"' in html
