from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alleyhub.brokerage.models import Case
from alleyhub.brokerage.services import case_move
from alleyhub.brokerage.tests.factories import (
    BrokerFactory,
    CaseFactory,
    DemandFactory,
    OperatorUserFactory,
    OutcomeFactory,
)
from alleyhub.brokerage.transitions import Stage

pytestmark = pytest.mark.django_db


def test_the_board_shows_my_cases_in_their_stage_columns(client_as):
    mine = CaseFactory(stage=Stage.MEETING, title="我的项目")
    co = CaseFactory(stage=Stage.LEAD, title="协作项目")
    co.co_brokers.add(mine.broker)
    CaseFactory(title="别人的项目")

    page = client_as(mine.broker).get(reverse("brokerage:board")).content.decode()

    assert "我的项目" in page and "协作项目" in page and "别人的项目" not in page
    meeting_column = page.split('data-testid="column-meeting"')[1].split('data-testid="column-poc_pilot"')[0]
    assert "我的项目" in meeting_column


def test_operators_see_every_case_and_filter_by_broker(client_as):
    a, b = CaseFactory(title="甲项目"), CaseFactory(title="乙项目")
    client = client_as(OperatorUserFactory())
    page = client.get(reverse("brokerage:board")).content.decode()
    assert "甲项目" in page and "乙项目" in page
    page = client.get(reverse("brokerage:board"), {"broker": a.broker.pk}).content.decode()
    assert "甲项目" in page and "乙项目" not in page
    assert b


def test_filters_by_text_and_stale(client_as):
    broker = BrokerFactory()
    CaseFactory(broker=broker, title="碳化硅功率器件")
    CaseFactory(broker=broker, title="久未跟进的项目", last_activity_at=timezone.now() - timedelta(days=30))
    client = client_as(broker)
    page = client.get(
        reverse("brokerage:board"), {"q": "碳化硅"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="board"
    ).content.decode()
    assert "碳化硅功率器件" in page and "久未跟进" not in page and "<html" not in page
    page = client.get(reverse("brokerage:board"), {"stale": "on"}).content.decode()
    assert "久未跟进的项目" in page and "碳化硅功率器件" not in page


def test_an_htmx_move_returns_the_board_with_the_card_in_its_new_column(client_as):
    case = CaseFactory(stage=Stage.LEAD, title="推进中的项目")
    response = client_as(case.broker).post(
        reverse("brokerage:case_move", args=[case.pk]),
        {"to_stage": "contacted", "version": 1, "view": "board"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board"')
    contacted = html.split('data-testid="column-contacted"')[1].split('data-testid="column-meeting"')[0]
    assert "推进中的项目" in contacted
    assert Case.objects.get(pk=case.pk).stage == Stage.CONTACTED


def test_a_second_broker_moving_the_same_card_gets_a_conflict_message(client_as):
    case = CaseFactory(stage=Stage.LEAD)
    other = BrokerFactory(display_name="李经纪")
    case.co_brokers.add(other)
    case_move(case=case, to_stage=Stage.CONTACTED, expected_version=1, actor=other)

    response = client_as(case.broker).post(
        reverse("brokerage:case_move", args=[case.pk]),
        {"to_stage": "closed", "version": 1, "view": "board"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert 'data-testid="board-error"' in html and "李经纪" in html
    case.refresh_from_db()
    assert (case.stage, case.version) == (Stage.CONTACTED, 2)


def test_a_forbidden_move_from_the_board_is_refused_with_a_message(client_as):
    case = CaseFactory(stage=Stage.LEAD)
    html = (
        client_as(case.broker)
        .post(
            reverse("brokerage:case_move", args=[case.pk]),
            {"to_stage": "negotiation", "version": 1, "view": "board"},
            HTTP_HX_REQUEST="true",
        )
        .content.decode()
    )
    assert "不能执行" in html
    assert Case.objects.get(pk=case.pk).stage == Stage.LEAD


def test_signing_from_the_case_page_with_contract_details(client_as):
    case = CaseFactory(stage=Stage.NEGOTIATION)
    client = client_as(case.broker)
    assert 'value="signed"' in client.get(case.get_absolute_url() + "?to=signed").content.decode()
    response = client.post(
        reverse("brokerage:case_move", args=[case.pk]),
        {
            "to_stage": "signed",
            "version": 1,
            "contract_type": "licence",
            "contract_amount": "880000",
            "contract_date": "2026-11-20",
            "note": "许可合同签署",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.SIGNED and case.contract_amount == 880000
    assert "880000" in client.get(case.get_absolute_url()).content.decode()


def test_creating_a_case_by_hand_from_the_form(client_as):
    broker = BrokerFactory()
    demand, outcome = DemandFactory(), OutcomeFactory()
    client = client_as(broker)
    assert client.get(reverse("brokerage:case_create")).status_code == 200
    response = client.post(
        reverse("brokerage:case_create"),
        {
            "demand_org": demand.owner.pk,
            "demand": demand.pk,
            "supply_kind": "outcome",
            "outcome": outcome.pk,
            "broker": broker.pk,
        },
    )
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert (case.outcome, case.broker) == (outcome, broker)


def test_editing_title_and_co_brokers_with_the_version_seen(client_as):
    case = CaseFactory()
    co = BrokerFactory()
    client = client_as(case.broker)
    client.post(
        reverse("brokerage:case_edit", args=[case.pk]),
        {"title": "新名称", "co_brokers": [co.pk], "version": 1},
    )
    case.refresh_from_db()
    assert (case.title, list(case.co_brokers.all()), case.version) == ("新名称", [co], 2)
    client.post(reverse("brokerage:case_edit", args=[case.pk]), {"title": "过时的修改", "version": 1})
    case.refresh_from_db()
    assert case.title == "新名称"


def test_the_ranking_can_be_limited_to_a_year(client_as):
    old = CaseFactory(title="旧项目", stage=Stage.MEETING)
    Case.objects.filter(pk=old.pk).update(created_at=timezone.make_aware(datetime(2025, 5, 1)))
    new = CaseFactory(stage=Stage.MEETING)
    client = client_as(OperatorUserFactory())

    def open_cases_by_broker(params):
        rows = client.get(reverse("brokerage:ranking"), params).context["rows"]
        return {r.broker.pk: r.open_cases for r in rows}

    assert open_cases_by_broker({"year": "2025"}) == {old.broker.pk: 1, new.broker.pk: 0}
    assert open_cases_by_broker({}) == {old.broker.pk: 1, new.broker.pk: 1}
    assert open_cases_by_broker({"year": "abc"}) == {old.broker.pk: 1, new.broker.pk: 1}
