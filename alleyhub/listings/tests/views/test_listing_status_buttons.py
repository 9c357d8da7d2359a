"""The publish, archive and confirm buttons on detail pages."""

import pytest
from django.urls import reverse

from alleyhub.core.models import AuditEntry, ListingStatus

from ..factories import TechOutcomeFactory

pytestmark = pytest.mark.django_db


def test_publish_archive_confirm_actions_change_status_and_audit(client_as, member, owner_org):
    draft = TechOutcomeFactory(
        owner=owner_org, status=ListingStatus.DRAFT, published_at=None, last_confirmed_at=None
    )
    client = client_as(member)

    def act(action):
        return client.post(
            reverse("listings:action", kwargs={"kind": "outcome", "pk": draft.pk, "action": action})
        )

    assert act("publish").status_code == 302
    draft.refresh_from_db()
    assert draft.status == ListingStatus.PUBLISHED and draft.published_at and draft.last_confirmed_at
    assert act("archive").status_code == 302
    draft.refresh_from_db()
    assert draft.status == ListingStatus.ARCHIVED
    codes = list(AuditEntry.objects.order_by("at", "id").values_list("code", flat=True))
    assert codes == ["listings.techoutcome.publish", "listings.techoutcome.archive"]


def test_action_by_outsider_is_refused(client_as, other_member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org)
    response = client_as(other_member).post(
        reverse("listings:action", kwargs={"kind": "outcome", "pk": outcome.pk, "action": "archive"})
    )
    assert response.status_code == 403
    outcome.refresh_from_db()
    assert outcome.status == ListingStatus.PUBLISHED


def test_action_is_post_only_and_unknown_actions_are_404(client_as, member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org)
    client = client_as(member)
    url = reverse("listings:action", kwargs={"kind": "outcome", "pk": outcome.pk, "action": "publish"})
    assert client.get(url).status_code == 405
    bad = reverse("listings:action", kwargs={"kind": "outcome", "pk": outcome.pk, "action": "explode"})
    assert client.post(bad).status_code == 404
