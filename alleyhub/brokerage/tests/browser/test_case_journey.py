"""A real Chromium walks a case from a match to a signed deal, as the broker and as a party."""

import pytest
from playwright.sync_api import expect

from alleyhub.brokerage.models import Case, CaseRating, ConfidentialityAcceptance
from alleyhub.brokerage.tests.factories import (
    BrokerFactory,
    DemandFactory,
    OutcomeFactory,
    make_match,
    party_of,
)
from alleyhub.notifications.models import Notification

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def as_user(browser, live_server, session_cookie, settings):
    """A browser page signed in as `user` (a real session cookie)."""
    settings.MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}
    contexts = []

    def open_as(user):
        cookie = session_cookie(user, live_server.url)
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        context.add_cookies([cookie])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_as
    for c in contexts:
        c.close()


def _card(page, case_id):
    return page.get_by_test_id(f"case-{case_id}")


def test_a_case_from_match_to_signed_deal(as_user, live_server):
    broker = BrokerFactory(display_name="沈嘉")
    demand, outcome = DemandFactory(), OutcomeFactory()
    party = party_of(demand.owner, user__display_name="林悦")
    match = make_match(source=demand, target=outcome, status="suggested")

    # The enterprise accepts the match (its decision, not the broker's) ...
    party_page = as_user(party)
    party_page.goto(f"{live_server.url}/matching/for/demand/{demand.pk}/")
    party_page.get_by_test_id("match-accept").click()
    expect(party_page.get_by_test_id("match-accept")).to_have_count(0)

    # ... and the broker starts a case from its row with one click.
    page = as_user(broker)
    page.goto(f"{live_server.url}/matching/for/demand/{demand.pk}/")
    expect(page.get_by_test_id("match-dismiss")).to_have_count(0)
    page.get_by_test_id("match-start-case").click()
    expect(page.get_by_test_id("case-stage")).to_have_text("线索")
    case = Case.objects.get(source_match_id=match.pk)

    # On the board: one move by button (HTMX), one by dragging the card to the next column.
    page.goto(f"{live_server.url}/cases/")
    page.get_by_test_id(f"move-{case.pk}-contacted").click()
    expect(page.get_by_test_id("column-contacted").get_by_test_id(f"case-{case.pk}")).to_be_visible()
    _card(page, case.pk).drag_to(page.get_by_test_id("column-meeting"))
    expect(page.get_by_test_id("column-meeting").get_by_test_id(f"case-{case.pk}")).to_be_visible()
    page.get_by_test_id(f"move-{case.pk}-poc_pilot").click()
    expect(page.get_by_test_id("column-poc_pilot").get_by_test_id(f"case-{case.pk}")).to_be_visible()
    page.get_by_test_id(f"move-{case.pk}-negotiation").click()
    expect(page.get_by_test_id("column-negotiation").get_by_test_id(f"case-{case.pk}")).to_be_visible()

    # A file on the case.
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.select_option("select[name=kind]", "file")
    page.set_input_files(
        "input[name=file]", files=[{"name": "方案.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_test_id("activity-submit").click()
    expect(page.get_by_test_id("file-link")).to_have_text("方案.pdf")

    # The party sees the file only after accepting the confidentiality terms.
    party_page.goto(f"{live_server.url}{case.get_absolute_url()}")
    expect(party_page.get_by_test_id("file-link")).to_have_count(0)
    party_page.check("input[name=accept]")
    party_page.get_by_test_id("accept-terms").click()
    expect(party_page.get_by_test_id("file-link")).to_be_visible()
    assert ConfidentialityAcceptance.objects.get(case=case, user=party).ip_address == "127.0.0.1"

    # Signing needs the contract: the board's "sign…" link opens the form on the case page.
    page.goto(f"{live_server.url}/cases/")
    page.get_by_test_id(f"move-{case.pk}-signed").click()
    expect(page.locator("select[name=to_stage]")).to_have_value("signed")
    page.select_option("select[name=contract_type]", "licence")
    page.fill("input[name=contract_amount]", "1200000")
    page.fill("input[name=contract_date]", "2026-11-20")
    page.fill("textarea[name=note]", "许可合同签署")
    page.get_by_test_id("move-submit").click()
    expect(page.get_by_test_id("case-stage")).to_have_text("签约")
    expect(page.get_by_test_id("contract")).to_contain_text("1200000")

    # The party heard about every step, and rates the broker.
    party_page.goto(f"{live_server.url}/notifications/")
    expect(party_page.get_by_test_id("unread-count")).to_be_visible()
    expect(party_page.get_by_test_id("notification").first).to_contain_text("签约")
    party_page.goto(f"{live_server.url}{case.get_absolute_url()}")
    party_page.select_option("select[name=score]", "5")
    party_page.get_by_test_id("rating-form").get_by_role("button").click()
    expect(party_page.locator("#ratings")).to_contain_text("5/5")

    # The broker's figures and the ranking count the deal.
    page.goto(f"{live_server.url}/cases/brokers/")
    expect(page.get_by_test_id("ranking-row").first).to_contain_text("沈嘉")
    case.refresh_from_db()
    assert (case.stage, case.version, case.contract_amount) == ("signed", 6, 1200000)
    assert CaseRating.objects.get(case=case).score == 5
    assert Notification.objects.filter(recipient=party, code="brokerage.case.stage_changed").count() == 5
