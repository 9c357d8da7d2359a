"""The service list page (grouped by category and by stage), service detail, API and admin."""

import pytest

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.listings.tests.factories import OperatorFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(OperatorFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_changelist_filters_and_search(admin_client):
    ServiceOfferingFactory(title_zh="专利导航")
    for url in (
        "/admin/catalogue/serviceoffering/",
        "/admin/catalogue/serviceoffering/?category__exact=finance&stale=yes",
        "/admin/catalogue/serviceoffering/?q=专利",
        "/admin/catalogue/serviceoffering/add/",
    ):
        assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("overrides", [{"title_zh": ""}, {"stages": '["ancient"]'}, {"category": "rockets"}])
def test_admin_add_form_rejects_bad_values(admin_client, overrides):
    owner = OrganizationFactory()
    data = {
        "owner": owner.pk,
        "language": "zh",
        "status": "draft",
        "category": "finance",
        "title_zh": "服务",
        "stages": '["seed"]',
    }
    data.update(overrides)
    response = admin_client.post("/admin/catalogue/serviceoffering/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not ServiceOffering.objects.exists()
