"""The service list page and `/api/services` list the same services in the same order for the same
parameters: both call `selectors.service_list_for_user`; the page only groups what it gets."""

import pytest

from alleyhub.catalogue.models import ServiceCategory
from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.core.models import ListingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(member, owner_org):
    for i in range(30):
        ServiceOfferingFactory(
            title_zh=f"服务{i:02d}",
            category=[ServiceCategory.FINANCE, ServiceCategory.IP][i % 2],
            stages=[["startup"], ["growth", "mature"]][i % 3 == 0],
            is_free=i % 4 == 0,
            status=ListingStatus.DRAFT if i == 3 else ListingStatus.PUBLISHED,
            **({"owner": owner_org} if i == 3 else {}),
        )
    return member


def api_ids(client, params, page_size=20):
    response = client.get("/api/services", {**params, "page_size": page_size})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


FLAT = [
    {"category": "finance"},
    {"category": "finance", "free": "on"},
    {"category": "finance", "stage": "growth"},
    {"category": "ip", "page": 1, "q": "服务"},
    {"group": "stage", "stage": "mature"},
]


@pytest.mark.parametrize("params", FLAT, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
@pytest.mark.parametrize("signed_in", [False, True])
def test_one_group_pages_list_what_the_api_lists(client, services, params, signed_in):
    if signed_in:
        client.force_login(services)  # a member of the owner: sees its draft too
    response = client.get("/services/", params)
    assert response.status_code == 200
    ids = [s.pk for s in response.context["page_obj"].object_list]
    assert ids
    api_params = {k: ("true" if v == "on" else v) for k, v in params.items() if k not in ("group", "page")}
    assert ids == api_ids(client, api_params)


def test_the_grouped_page_holds_exactly_the_api_rows(client, services):
    response = client.get("/services/", {"free": "on"})
    grouped = {s.pk for group in response.context["groups"] for s in group.items}
    assert grouped == set(api_ids(client, {"free": "true"}, page_size=100))
