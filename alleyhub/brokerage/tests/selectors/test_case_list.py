"""One selector (selectors.case_list) filters and sorts the cases for the board, the "my cases"
page and the API, so the same parameters give the same rows everywhere."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from alleyhub.brokerage import selectors
from alleyhub.brokerage.selectors import STAGE_ORDER, CaseListParams
from alleyhub.brokerage.tests.factories import (
    BrokerFactory,
    CaseFactory,
    OperatorUserFactory,
    OrganizationFactory,
    PersonFactory,
    party_of,
)
from alleyhub.brokerage.transitions import Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    """Cases of two brokers in several stages; one of them idle, one found only by its demand side."""
    now = timezone.now()
    broker, other = BrokerFactory(), BrokerFactory()
    acme = OrganizationFactory(name_zh="晶芯科技", name_en="Crystal Core Tech")
    made = {
        "sic": CaseFactory(broker=broker, title="碳化硅功率器件", stage=Stage.MEETING),
        "mems": CaseFactory(broker=broker, title="MEMS 麦克风", stage=Stage.LEAD, demand_org=acme),
        "idle": CaseFactory(
            broker=broker, title="久未跟进的碳化硅项目", last_activity_at=now - timedelta(days=30)
        ),
        "expert": CaseFactory(
            broker=other,
            title="专家咨询：碳化硅外延",
            stage=Stage.CONTACTED,
            supply_kind="expert",
            outcome=None,
            expert=PersonFactory(),
        ),
        "other": CaseFactory(broker=other, title="别人的项目", stage=Stage.NEGOTIATION),
    }
    made["other"].co_brokers.add(broker)
    return made


def _titles(qs):
    return [c.title for c in qs]


def test_words_match_the_title_or_the_demand_sides_name_in_either_language(cases):
    operator = OperatorUserFactory()
    by_title = selectors.case_list(user=operator, params=CaseListParams(q="碳化硅"))
    assert set(_titles(by_title)) == {"碳化硅功率器件", "久未跟进的碳化硅项目", "专家咨询：碳化硅外延"}
    for q in ("晶芯", "crystal core"):
        assert _titles(selectors.case_list(user=operator, params=CaseListParams(q=q))) == ["MEMS 麦克风"]


def test_stage_supply_kind_broker_and_stale_narrow_the_list(cases):
    operator = OperatorUserFactory()
    broker = cases["sic"].broker

    def titles(**params):
        return set(_titles(selectors.case_list(user=operator, params=CaseListParams(**params))))

    assert titles(stage="meeting") == {"碳化硅功率器件"}
    assert titles(supply_kind="expert") == {"专家咨询：碳化硅外延"}
    # Responsible broker or co-broker.
    assert titles(broker_id=broker.pk) == {
        "碳化硅功率器件",
        "MEMS 麦克风",
        "久未跟进的碳化硅项目",
        "别人的项目",
    }
    assert titles(stale=True) == {"久未跟进的碳化硅项目"}
    assert titles(q="碳化硅", supply_kind="outcome", stale=False) == {
        "碳化硅功率器件",
        "久未跟进的碳化硅项目",
    }


def test_stale_in_the_database_agrees_with_the_card_badge(cases):
    operator = OperatorUserFactory()
    rules = selectors.stage_rules()
    stale = set(selectors.case_list(user=operator, params=CaseListParams(stale=True)))
    every = selectors.case_list(user=operator, params=CaseListParams())
    assert stale == {c for c in every if selectors.case_is_stale(case=c, rules=rules)}


def test_sorting_by_title_or_activity_and_unknown_sorts_fall_back_to_recent_activity(cases):
    operator = OperatorUserFactory()
    by_title = _titles(selectors.case_list(user=operator, params=CaseListParams(sort="title")))
    assert by_title == sorted(by_title)
    recent = list(selectors.case_list(user=operator, params=CaseListParams()))
    assert [c.last_activity_at for c in recent] == sorted((c.last_activity_at for c in recent), reverse=True)
    assert recent[-1] == cases["idle"]
    oldest = list(selectors.case_list(user=operator, params=CaseListParams(sort="last_activity_at")))
    assert oldest == recent[::-1]
    assert list(selectors.case_list(user=operator, params=CaseListParams(sort="; drop table"))) == recent


def test_brokered_keeps_a_brokers_own_cases_and_parties_see_only_theirs(cases):
    broker = cases["sic"].broker
    party = party_of(cases["mems"].demand_org)
    cases["sic"].demand_org.memberships.create(user=broker)  # the broker is also a party here
    party_case = CaseFactory(demand_org=cases["sic"].demand_org, title="我只是参与方")
    visible = set(_titles(selectors.case_list(user=broker, params=CaseListParams())))
    brokered = set(_titles(selectors.case_list(user=broker, params=CaseListParams(brokered=True))))
    assert party_case.title in visible and party_case.title not in brokered
    assert brokered == {"碳化硅功率器件", "MEMS 麦克风", "久未跟进的碳化硅项目", "别人的项目"}
    assert _titles(selectors.case_list(user=party, params=CaseListParams())) == ["MEMS 麦克风"]


# --- the page and the API of the same list give the same rows -----------------------------------


def _api_ids(client, params):
    response = client.get("/api/cases", {**params, "page_size": 100})
    assert response.status_code == 200, response.content
    return [(c["id"], c["stage"]) for c in response.json()["items"]]


def _board_ids(client, params):
    response = client.get(reverse("brokerage:board"), params)
    assert response.status_code == 200
    return [
        (card.case.pk, column.stage.value) for column in response.context["columns"] for card in column.cards
    ]


def _by_column(rows):
    """API rows in board order: grouped by stage column, in the API's order within each."""
    return [row for stage in STAGE_ORDER for row in rows if row[1] == stage]


@pytest.mark.parametrize(
    ("board_params", "api_params"),
    [
        ({}, {}),
        ({"q": "碳化硅"}, {"q": "碳化硅"}),
        ({"q": "Crystal"}, {"q": "Crystal"}),
        ({"supply_kind": "outcome", "q": "碳化硅"}, {"supply_kind": "outcome", "q": "碳化硅"}),
        ({"stale": "on"}, {"stale": "true"}),
        ({"sort": "title"}, {"sort": "title"}),
        ({"q": "碳化硅", "sort": "last_activity_at"}, {"q": "碳化硅", "sort": "last_activity_at"}),
    ],
)
def test_a_brokers_board_and_the_api_show_the_same_cases(client_as, cases, board_params, api_params):
    client = client_as(cases["sic"].broker)
    board = _board_ids(client, board_params)
    api = _api_ids(client, {**api_params, "brokered": "true"})
    assert board == _by_column(api)
    assert board  # every case of the parameters above is on this broker's board


@pytest.mark.parametrize("params", [{}, {"q": "碳化硅"}, {"sort": "title"}, {"supply_kind": "expert"}])
def test_an_operators_board_filtered_by_broker_and_the_api_show_the_same_cases(client_as, cases, params):
    client = client_as(OperatorUserFactory())
    broker = cases["expert"].broker
    board = _board_ids(client, {**params, "broker": broker.pk})
    api = _api_ids(client, {**params, "broker_id": broker.pk})
    assert board == _by_column(api) and len(board) == len({row[0] for row in board}) > 0


@pytest.mark.parametrize("params", [{}, {"q": "碳化硅"}, {"supply_kind": "outcome", "sort": "title"}])
def test_my_cases_page_and_the_api_show_the_same_cases_in_the_same_order(client_as, cases, params):
    broker = cases["sic"].broker
    cases["sic"].demand_org.memberships.create(user=broker)
    CaseFactory(demand_org=cases["sic"].demand_org, title="碳化硅：我只是参与方")
    client = client_as(broker)
    page = client.get(reverse("brokerage:case_list"), params)
    assert page.status_code == 200
    assert [(c.pk, c.stage) for c in page.context["cases"]] == _api_ids(client, params)


def test_anonymous_users_get_no_cases(cases):
    for params in (CaseListParams(), CaseListParams(brokered=True, q="碳化硅")):
        assert not selectors.case_list(user=AnonymousUser(), params=params).exists()
