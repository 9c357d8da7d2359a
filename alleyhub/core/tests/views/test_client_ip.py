"""The client address recorded (confidentiality acceptance, audit) comes from the connection unless a
trusted proxy is configured: forwarded-for headers a client writes itself are ignored by default."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from alleyhub.brokerage.models import ConfidentialityAcceptance
from alleyhub.brokerage.tests.factories import CaseFactory, party_of
from alleyhub.core.http import client_ip
from alleyhub.core.models import AuditEntry

SPOOFED = {"X-Forwarded-For": "198.51.100.66", "X-Real-IP": "198.51.100.77"}


def _recorded_ip(case, party) -> tuple[str | None, str | None]:
    acceptance = ConfidentialityAcceptance.objects.get(case=case, user=party)
    audit = AuditEntry.objects.get(code="brokerage.case.confidentiality_accepted", target_id=str(case.pk))
    return acceptance.ip_address, audit.ip_address


@pytest.mark.django_db
def test_spoofed_headers_are_ignored_on_the_confidentiality_page(client_as):
    case = CaseFactory()
    party = party_of(case.demand_org)
    response = client_as(party).post(
        reverse("brokerage:confidentiality_accept", args=[case.pk]),
        {"accept": "yes"},
        REMOTE_ADDR="203.0.113.7",
        headers=SPOOFED,
    )
    assert response.status_code == 302
    assert _recorded_ip(case, party) == ("203.0.113.7", "203.0.113.7")


@pytest.mark.django_db
def test_spoofed_headers_are_ignored_on_the_api(client_as):
    case = CaseFactory()
    party = party_of(case.demand_org)
    response = client_as(party).post(
        f"/api/cases/{case.pk}/confidentiality", REMOTE_ADDR="203.0.113.8", headers=SPOOFED
    )
    assert response.status_code == 200, response.content
    assert response.json()["ip_address"] == "203.0.113.8"
    assert _recorded_ip(case, party) == ("203.0.113.8", "203.0.113.8")


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_proxys_forwarded_address_is_recorded(client_as, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    case = CaseFactory()
    party = party_of(case.demand_org)
    # The client wrote the first address itself; the proxy appended the one it saw.
    response = client_as(party).post(
        reverse("brokerage:confidentiality_accept", args=[case.pk]),
        {"accept": "yes"},
        REMOTE_ADDR="10.0.0.2",
        headers={"X-Forwarded-For": "198.51.100.66, 203.0.113.9"},
    )
    assert response.status_code == 302
    assert _recorded_ip(case, party) == ("203.0.113.9", "203.0.113.9")


def _ip(settings, *, proxies=0, header="X-Forwarded-For", remote="10.0.0.2", **headers):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXY_HEADER = header
    request = RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)
    return client_ip(request)


def test_client_ip_by_setting(settings):
    xff = {"X-Forwarded-For": "198.51.100.66, 203.0.113.9, 10.0.0.1"}
    assert _ip(settings, **xff) == "10.0.0.2"
    assert _ip(settings, proxies=1, **xff) == "10.0.0.1"
    assert _ip(settings, proxies=2, **xff) == "203.0.113.9"
    assert _ip(settings, proxies=5, **xff) == "10.0.0.2"  # fewer hops than proxies: the connection
    assert _ip(settings, proxies=1) == "10.0.0.2"  # no header at all
    assert _ip(settings, proxies=1, **{"X-Forwarded-For": "not-an-ip"}) == "10.0.0.2"
    assert _ip(settings, proxies=1, **{"X-Forwarded-For": "203.0.113.9:51234"}) == "203.0.113.9"
    assert _ip(settings, proxies=1, **{"X-Forwarded-For": "[2001:db8::1]:443"}) == "2001:db8::1"
    assert _ip(settings, **{"X-Real-IP": "198.51.100.77"}) == "10.0.0.2"
    assert _ip(settings, proxies=1, header="X-Real-IP", **{"X-Real-IP": "198.51.100.77"}) == "198.51.100.77"
    assert _ip(settings, remote="") is None
