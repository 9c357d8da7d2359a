"""NUL characters (which PostgreSQL refuses in text) are bad input: 422 problem JSON on the API and a
400 page elsewhere (alleyhub.core.middleware), never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/outcomes?q=%00", 422),
        ("/api/outcomes?industry=a%00", 422),
        ("/api/demands?q=a%00b", 422),
        ("/api/investors?sector=%00", 422),
        ("/api/services?q=x%00", 422),
        ("/api/spaces?subdistrict=%00", 422),
        ("/api/spaces?building=%00", 422),
        ("/api/spaces/buildings/a%00b", 422),
        ("/api/spaces/renewal-sites/a%00b", 422),
        ("/listings/outcomes/?q=%00", 400),
        ("/listings/demands/?q=%00", 400),
        ("/services/?q=%00", 400),
        ("/spaces/?q=%00&subdistrict=%00", 400),
        ("/spaces/buildings/a%00b/", 400),
    ],
)
def test_nul_characters_in_input_never_cause_a_server_error(client, url, status):
    assert client.get(url).status_code == status


def test_api_write_refuses_nul_in_text(client_as, member, owner_org):
    response = client_as(member).post(
        "/api/outcomes",
        {"owner_id": owner_org.pk, "title_zh": "a\x00b", "trl": 3},
        content_type="application/json",
    )
    assert response.status_code == 422
