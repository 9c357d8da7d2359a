"""Finding 7 of issue #8 (docs/permissions.md, "Listings"): of the staff roles only operators (and
superusers) write other organisations' listings; the task force, government-unit staff and brokers
read them and get 403 on every write, page and API alike."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory
from alleyhub.core.models import ListingStatus
from alleyhub.directory.models import OrganizationKind
from alleyhub.directory.tests.factories import OrganizationFactory
from alleyhub.listings.tests.factories import TechOutcomeFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def outcome():
    institute = OrganizationFactory(kind=OrganizationKind.INSTITUTE)
    return TechOutcomeFactory(owner=institute, title_zh="研究所成果")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.TASK_FORCE, 403),
        (Role.UNIT_STAFF, 403),
        (Role.BROKER, 403),
        (Role.PUBLIC, 403),
        (Role.OPERATOR, 200),
    ],
)
def test_the_edit_form_of_an_institutes_outcome_per_staff_role(outcome, role, status):
    client = _client(UserFactory(role=role))
    assert client.get(reverse("listings:outcome_edit", kwargs={"pk": outcome.pk})).status_code == status
    api = client.patch(
        f"/api/outcomes/{outcome.pk}", json.dumps({"title_zh": "改了"}), content_type="application/json"
    )
    assert api.status_code == status
    outcome.refresh_from_db()
    assert (outcome.title_zh == "改了") is (status == 200)


def test_the_task_force_lead_reads_drafts_but_neither_edits_nor_publishes_them(outcome):
    draft = TechOutcomeFactory(owner=outcome.owner, status=ListingStatus.DRAFT, published_at=None)
    client = _client(UserFactory(role=Role.TASK_FORCE))
    assert client.get(reverse("listings:outcome_detail", kwargs={"pk": draft.pk})).status_code == 200
    assert client.post(f"/api/outcomes/{draft.pk}/publish").status_code == 403
    create = client.post(
        "/api/outcomes",
        json.dumps({"owner_id": outcome.owner_id, "title_zh": "代建", "summary_zh": "x", "trl": 5}),
        content_type="application/json",
    )
    assert create.status_code == 403, create.content
    draft.refresh_from_db()
    assert draft.status == ListingStatus.DRAFT


def test_members_of_the_owner_still_edit(outcome):
    member = MembershipFactory(organization=outcome.owner).user
    assert _client(member).get(reverse("listings:outcome_edit", kwargs={"pk": outcome.pk})).status_code == 200
