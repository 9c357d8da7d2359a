"""The create and edit pages: validation in the user's language, permissions, audit entries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alleyhub.core.models import AuditEntry, ListingStatus
from alleyhub.listings.models import TechDemand, TechOutcome

from ..factories import IndustryFactory, OrganizationFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


def outcome_post(**overrides):
    data = {
        "owner": "",
        "language": "zh",
        "title_zh": "硅基光电子调制器",
        "title_en": "",
        "summary_zh": "高速调制器",
        "trl": "5",
        "ip_status": "patent_granted",
        "cooperation_modes": ["licence"],
        "price_min": "100000",
        "price_max": "200000",
        "keywords": "光电子",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_member_creates_outcome_as_draft_with_industries_and_audit(client_as, member, owner_org):
    industry = IndustryFactory(code="photonics")
    response = client_as(member).post(
        reverse("listings:outcome_create"), outcome_post(owner=owner_org.pk, industries=[industry.pk])
    )
    outcome = TechOutcome.objects.get(title_zh="硅基光电子调制器")
    assert response.status_code == 302
    assert response["Location"] == reverse("listings:outcome_detail", kwargs={"pk": outcome.pk})
    assert outcome.status == ListingStatus.DRAFT
    assert outcome.created_by == member
    assert list(outcome.industries.all()) == [industry]
    assert AuditEntry.objects.filter(code="listings.outcome.created", target_id=str(outcome.pk)).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"trl": "10"}, "trl", "技术成熟度须在 1 到 9 之间。"),
        ({"trl": "0"}, "trl", "技术成熟度须在 1 到 9 之间。"),
        ({"price_min": "-5"}, "price_min", "金额不能为负数。"),
        ({"price_min": "300000", "price_max": "100000"}, "price_max", "最高报价不能低于最低报价。"),
        ({"cooperation_modes": ["steal"]}, "cooperation_modes", "合作方式无效。"),
        ({"title_zh": ""}, "title_zh", "请至少填写中文或英文标题。"),
    ],
)
def test_outcome_form_rejects_bad_input_with_chinese_message_and_saves_nothing(
    client_as, member, owner_org, overrides, field, message
):
    response = client_as(member).post(
        reverse("listings:outcome_create"), outcome_post(owner=owner_org.pk, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not TechOutcome.objects.exists()
    assert not AuditEntry.objects.exists()


def test_outcome_form_messages_follow_the_user_language(client_as, member, owner_org):
    client = client_as(member)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("listings:outcome_create"), outcome_post(owner=owner_org.pk, trl="42"))
    assert response.status_code == 200
    assert "trl" in response.context["form"].errors
    # The translation catalogue is filled by the lead; Django's own strings are already English.
    assert response.context["LANGUAGE_CODE"] == "en"


def test_demand_form_refuses_deadline_in_the_past_and_negative_budget(client_as, member, owner_org):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_as(member).post(
        reverse("listings:demand_create"),
        {
            "owner": owner_org.pk,
            "language": "zh",
            "title_zh": "需求",
            "deadline": yesterday,
            "budget_min": "-1",
        },
    )
    html = response.content.decode()
    assert "截止日期不能早于今天。" in html
    assert "金额不能为负数。" in html
    assert not TechDemand.objects.exists()


def test_demand_form_refuses_budget_min_above_max(client_as, member, owner_org):
    response = client_as(member).post(
        reverse("listings:demand_create"),
        {
            "owner": owner_org.pk,
            "language": "zh",
            "title_zh": "需求",
            "budget_min": "500",
            "budget_max": "100",
        },
    )
    assert "预算上限不能低于预算下限。" in response.content.decode()
    assert not TechDemand.objects.exists()


def test_member_cannot_create_for_another_organisation(client_as, member):
    other = OrganizationFactory()
    response = client_as(member).post(reverse("listings:outcome_create"), outcome_post(owner=other.pk))
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    assert not TechOutcome.objects.exists()


def test_create_page_needs_login_and_membership(client, client_as, outsider):
    assert client.get(reverse("listings:outcome_create")).status_code == 302
    assert client_as(outsider).get(reverse("listings:outcome_create")).status_code == 403


def test_edit_updates_outcome_and_records_changed_fields(client_as, member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org, trl=4)
    response = client_as(member).post(
        reverse("listings:outcome_edit", kwargs={"pk": outcome.pk}),
        outcome_post(title_zh=outcome.title_zh, trl="6", owner=None),
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.trl == 6
    entry = AuditEntry.objects.get(code="listings.outcome.updated")
    assert "trl" in entry.data["fields"]


def test_edit_page_is_forbidden_for_other_org_member(client_as, other_member, owner_org):
    outcome = TechOutcomeFactory(owner=owner_org)
    assert (
        client_as(other_member).get(reverse("listings:outcome_edit", kwargs={"pk": outcome.pk})).status_code
        == 403
    )


def test_operator_without_membership_may_create_for_any_organisation(client_as, operator, owner_org):
    response = client_as(operator).post(
        reverse("listings:demand_create"),
        {
            "owner": owner_org.pk,
            "language": "en",
            "title_en": "Low-noise MEMS microphone wanted",
        },
    )
    assert response.status_code == 302
    demand = TechDemand.objects.get()
    assert demand.owner == owner_org and demand.title == "Low-noise MEMS microphone wanted"
