import pytest
from django.urls import reverse

from alleyhub.brokerage.models import Case
from alleyhub.brokerage.tests.factories import (
    BrokerFactory,
    DemandFactory,
    OperatorUserFactory,
    OutcomeFactory,
    make_match,
    party_of,
)

pytestmark = pytest.mark.django_db


def test_get_shows_the_match_and_post_starts_the_case(client_as):
    match = make_match(source=DemandFactory(), target=OutcomeFactory())
    client = client_as(BrokerFactory())
    url = reverse("brokerage:case_start_from_match", kwargs={"match_id": match.pk})

    page = client.get(url)
    assert page.status_code == 200 and not Case.objects.exists()

    response = client.post(url)
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()


def test_an_htmx_click_from_the_match_row_redirects_to_the_new_case(client_as):
    match = make_match(source=DemandFactory(), target=OutcomeFactory(), status="viewed")
    response = client_as(BrokerFactory()).post(
        reverse("brokerage:case_start_from_match", kwargs={"match_id": match.pk}), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == Case.objects.get().get_absolute_url()


def test_an_operator_chooses_the_broker(client_as):
    match = make_match(source=DemandFactory(), target=OutcomeFactory())
    broker = BrokerFactory()
    client = client_as(OperatorUserFactory())
    url = reverse("brokerage:case_start_from_match", kwargs={"match_id": match.pk})
    assert "请指定" in client.post(url).content.decode()
    client.post(url, {"broker": broker.pk})
    assert Case.objects.get().broker == broker


def test_members_cannot_start_cases_and_unknown_matches_are_404(client_as):
    demand = DemandFactory()
    match = make_match(source=demand, target=OutcomeFactory())
    member = client_as(party_of(demand.owner))
    assert (
        member.post(reverse("brokerage:case_start_from_match", kwargs={"match_id": match.pk})).status_code
        == 403
    )
    broker = client_as(BrokerFactory())
    assert (
        broker.get(reverse("brokerage:case_start_from_match", kwargs={"match_id": 99999})).status_code == 404
    )


def test_an_htmx_click_on_a_match_that_cannot_start_a_case_shows_why(client_as):
    match = make_match(source=DemandFactory(), target=OutcomeFactory(), status="dismissed")
    client = client_as(BrokerFactory())
    url = reverse("brokerage:case_start_from_match", kwargs={"match_id": match.pk})
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert (response.status_code, response["HX-Redirect"]) == (204, url)
    assert "已被忽略" in client.get(url).content.decode()
    assert not Case.objects.exists()
