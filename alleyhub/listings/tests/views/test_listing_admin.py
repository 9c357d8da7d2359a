"""The admin: changelists, filters, add forms rejecting bad values."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alleyhub.listings.models import TechDemand, TechOutcome

from ..factories import (
    InvestorProfileFactory,
    OperatorFactory,
    OrganizationFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(OperatorFactory(is_staff=True, is_superuser=True))
    return client


def _admin_outcome_data(owner, **overrides):
    data = {
        "owner": owner.pk,
        "language": "zh",
        "status": "draft",
        "title_zh": "管理后台成果",
        "trl": "5",
        "ip_status": "none",
        "cooperation_modes": "[]",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "url",
    [
        "/admin/listings/techoutcome/",
        "/admin/listings/techoutcome/?status__exact=published&stale=yes",
        "/admin/listings/techoutcome/?trl=5&q=GaN",
        "/admin/listings/techdemand/?stale=no",
        "/admin/listings/investorprofile/?q=基金",
        "/admin/listings/techoutcome/add/",
        "/admin/listings/techdemand/add/",
    ],
)
def test_admin_pages_render(admin_client, url):
    TechOutcomeFactory(title_en="GaN epitaxy")
    TechDemandFactory()
    InvestorProfileFactory()
    assert admin_client.get(url).status_code == 200


def test_admin_change_page_renders(admin_client):
    outcome = TechOutcomeFactory()
    assert admin_client.get(f"/admin/listings/techoutcome/{outcome.pk}/change/").status_code == 200


@pytest.mark.parametrize(
    "overrides",
    [
        {"trl": "12"},
        {"trl": "0"},
        {"price_min": "-1"},
        {"price_min": "9", "price_max": "3"},
        {"cooperation_modes": '["steal"]'},
        {"title_zh": ""},
    ],
)
def test_admin_add_form_rejects_bad_values(admin_client, overrides):
    owner = OrganizationFactory()
    response = admin_client.post("/admin/listings/techoutcome/add/", _admin_outcome_data(owner, **overrides))
    assert response.status_code == 200  # the form again, with errors
    assert response.context["adminform"].form.errors
    assert not TechOutcome.objects.exists()


def test_admin_add_form_accepts_good_values(admin_client):
    owner = OrganizationFactory()
    response = admin_client.post("/admin/listings/techoutcome/add/", _admin_outcome_data(owner))
    assert response.status_code == 302
    assert TechOutcome.objects.get().created_by is not None


def test_admin_demand_add_rejects_past_deadline_and_negative_budget(admin_client):
    owner = OrganizationFactory()
    data = {
        "owner": owner.pk,
        "language": "zh",
        "status": "draft",
        "title_zh": "需求",
        "wanted_modes": "[]",
        "deadline": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "budget_min": "-100",
    }
    response = admin_client.post("/admin/listings/techdemand/add/", data)
    errors = response.context["adminform"].form.errors
    assert "deadline" in errors and "budget_min" in errors
    assert not TechDemand.objects.exists()
