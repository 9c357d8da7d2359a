"""Automated decisions (PIPL Art. 24): a user opts out of automated matching on a page that explains
it and links to the matches (with their reasons) of what they entered; their listings and person
record then are neither matched nor suggested, and opting back in restores both."""

import pytest

from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.core.models import AuditEntry
from alleyhub.matching.models import Match
from alleyhub.matching.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    TechDemandFactory,
    TechOutcomeFactory,
)
from alleyhub.privacy.models import Consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def mics(commit):
    """An enterprise's demand for a microphone; a MEMS microphone outcome and a MEMS expert, both
    entered by `author` (the expert is the author's own person record)."""
    author = UserFactory()
    with commit():
        institute = OrganizationFactory(kind="institute", name_zh="微系统所")
        MembershipFactory(user=author, organization=institute)
        outcome = TechOutcomeFactory(
            owner=institute,
            created_by=author,
            title_zh="低噪声MEMS麦克风芯片",
            summary_zh="微机电麦克风，信噪比70dB，尺寸小，适合耳机与可穿戴设备拾音。",
            price_min=300_000,
            price_max=600_000,
            cooperation_modes=["licence"],
        )
        expert = PersonFactory(
            user=author, name_zh="张教授", expertise="MEMS 麦克风 声学传感器", bio_zh="研究微机电声学传感器。"
        )
        demand = TechDemandFactory(
            owner=OrganizationFactory(name_zh="声悦科技"),
            title_zh="无线耳机用低噪声拾音元件",
            description_zh="我们做无线耳机，想找体积小、底噪低的MEMS麦克风拾音元件，预算50万。",
            budget_max=500_000,
            wanted_modes=["licence"],
        )
    return {"author": author, "outcome": outcome, "expert": expert, "demand": demand}


def _targets(demand) -> set[tuple[str, int]]:
    return set(
        Match.objects.filter(source_kind="demand", source_id=demand.pk, is_current=True).values_list(
            "target_kind", "target_id"
        )
    )


def test_opting_out_removes_the_users_objects_from_matching_and_opting_in_restores_them(client, mics, commit):
    author, outcome, expert, demand = mics["author"], mics["outcome"], mics["expert"], mics["demand"]
    assert {("outcome", outcome.pk), ("expert", expert.pk)} <= _targets(demand)
    assert Match.objects.filter(source_kind="outcome", source_id=outcome.pk).exists()

    client.force_login(author)
    with commit():
        response = client.post(
            "/privacy/automated-decisions/", {"action": "opt_out"}, REMOTE_ADDR="192.0.2.9"
        )
    assert response.status_code == 302
    assert ("outcome", outcome.pk) not in _targets(demand)
    assert ("expert", expert.pk) not in _targets(demand)
    assert not Match.objects.filter(source_kind="outcome", source_id=outcome.pk).exists()
    consent = Consent.objects.get(user=author, kind="matching_opt_out")
    assert consent.withdrawn_at is None and consent.ip_address == "192.0.2.9"
    assert AuditEntry.objects.filter(code="privacy.consent.given", actor=author).exists()

    with commit():
        client.post("/privacy/automated-decisions/", {"action": "opt_in"})
    assert {("outcome", outcome.pk), ("expert", expert.pk)} <= _targets(demand)
    assert Match.objects.filter(source_kind="outcome", source_id=outcome.pk).exists()
    assert AuditEntry.objects.filter(code="privacy.consent.withdrawn", actor=author).exists()


def test_the_page_explains_and_links_to_the_matches_and_their_reasons(client, mics):
    client.force_login(mics["author"])
    page = client.get("/privacy/automated-decisions/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "第二十四条" in text and 'data-testid="opt-out-button"' in text
    assert f"/matching/for/outcome/{mics['outcome'].pk}/" in text
    assert f"/directory/people/{mics['expert'].pk}/" in text
    # The link leads to the outcome's matches, each with why it was suggested.
    matches = client.get(f"/matching/for/outcome/{mics['outcome'].pk}/")
    assert matches.status_code == 200


def test_other_users_objects_are_not_affected(client, mics, commit):
    other = UserFactory()
    client.force_login(other)
    with commit():
        client.post("/privacy/automated-decisions/", {"action": "opt_out"})
    assert ("outcome", mics["outcome"].pk) in _targets(mics["demand"])


def test_the_account_page_links_to_the_opt_out(client):
    client.force_login(UserFactory())
    assert "/privacy/automated-decisions/" in client.get("/accounts/me/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/privacy/automated-decisions/").status_code == 302
