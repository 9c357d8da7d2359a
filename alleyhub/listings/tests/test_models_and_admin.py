"""Model rules, database constraints, the admin (changelists, filters, add form rejecting bad values)
and the amount filter."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from alleyhub.core.templatetags.alleyhub_format import yuan, yuan_range
from alleyhub.listings.models import TechDemand, TechOutcome

from .factories import InvestorProfileFactory, OperatorFactory, TechDemandFactory, TechOutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(OperatorFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("trl", [0, 10])
def test_database_refuses_trl_outside_1_to_9(trl):
    outcome = TechOutcomeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TechOutcome.objects.filter(pk=outcome.pk).update(trl=trl)


def test_database_refuses_price_range_out_of_order():
    outcome = TechOutcomeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TechOutcome.objects.filter(pk=outcome.pk).update(price_min=10, price_max=5)


def test_database_refuses_budget_range_out_of_order_and_untitled_demand():
    demand = TechDemandFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TechDemand.objects.filter(pk=demand.pk).update(budget_min=10, budget_max=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        TechDemand.objects.filter(pk=demand.pk).update(title_zh="", title_en="")


def test_model_clean_refuses_new_past_deadline_but_keeps_old_records_valid():
    demand = TechDemandFactory.build(
        deadline=timezone.localdate() - timedelta(days=1), owner=TechDemandFactory().owner
    )
    with pytest.raises(ValidationError) as exc:
        demand.full_clean()
    assert "deadline" in exc.value.message_dict
    saved = TechDemandFactory()
    TechDemand.objects.filter(pk=saved.pk).update(deadline=timezone.localdate() - timedelta(days=30))
    saved.refresh_from_db()
    saved.full_clean()  # an old deadline that is not being changed stays valid


def test_stale_means_expired_or_unconfirmed_for_180_days():
    assert not TechOutcomeFactory().is_stale
    assert TechOutcomeFactory(expires_on=timezone.localdate() - timedelta(days=1)).is_stale
    assert TechOutcomeFactory(last_confirmed_at=timezone.now() - timedelta(days=181)).is_stale
    assert TechOutcomeFactory(last_confirmed_at=None).is_stale


def test_amounts_read_as_wan_yuan_in_chinese_and_k_in_english():
    with translation.override("zh-hans"):
        assert yuan(500_000) == "50 万元"
        assert yuan(120_000_000) == "1.2 亿元"
        assert yuan(5000) == "5,000元"
        assert yuan(None) == "—"
        assert yuan_range(None, None) == "面议"
        assert yuan_range(300_000, None) == "≥ 30 万元"
    with translation.override("en"):
        assert yuan(500_000) == "¥500k"
        assert yuan(2_500_000) == "¥2.5M"
        assert yuan_range(100_000, 200_000) == "¥100k – ¥200k"


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
    from .factories import OrganizationFactory

    owner = OrganizationFactory()
    response = admin_client.post("/admin/listings/techoutcome/add/", _admin_outcome_data(owner, **overrides))
    assert response.status_code == 200  # the form again, with errors
    assert response.context["adminform"].form.errors
    assert not TechOutcome.objects.exists()


def test_admin_add_form_accepts_good_values(admin_client):
    from .factories import OrganizationFactory

    owner = OrganizationFactory()
    response = admin_client.post("/admin/listings/techoutcome/add/", _admin_outcome_data(owner))
    assert response.status_code == 302
    assert TechOutcome.objects.get().created_by is not None


def test_admin_demand_add_rejects_past_deadline_and_negative_budget(admin_client):
    from .factories import OrganizationFactory

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
