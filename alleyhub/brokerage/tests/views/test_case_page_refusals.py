"""The case pages show refusals through core.pages: a stale hidden version says the case changed
meanwhile and keeps what the user typed; a model's ValidationError is a form error, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from alleyhub.brokerage import services
from alleyhub.brokerage.models import Case, CaseActivity
from alleyhub.brokerage.services import case_move, case_update
from alleyhub.brokerage.tests.factories import BrokerFactory, CaseFactory, DemandFactory, OutcomeFactory
from alleyhub.brokerage.transitions import Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_and_colleague():
    case = CaseFactory(stage=Stage.MEETING, title="原名称")
    colleague = BrokerFactory(display_name="赵经纪")
    case.co_brokers.add(colleague)
    return case, colleague


def test_saving_the_edit_form_over_a_colleagues_change_shows_it_and_keeps_my_input(
    client_as, case_and_colleague
):
    case, colleague = case_and_colleague
    client = client_as(case.broker)
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'name="version" value="1"' in page
    case_update(case=case, expected_version=1, actor=colleague, title="同事改的名称")

    response = client.post(
        reverse("brokerage:case_edit", args=[case.pk]), {"title": "我的名称", "version": 1}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "赵经纪" in html and "下面列出了与您填写不同的已保存内容" in html  # changed meanwhile, and by whom
    assert 'data-testid="edit-form"' in html and '<details id="edit" open>' in html
    assert 'value="我的名称"' in html  # my input is still in the form
    assert "同事改的名称" in html.split("conflict-changes")[1]  # next to what the colleague saved
    assert 'name="version" value="2"' in html  # a second submit overwrites knowingly
    case.refresh_from_db()
    assert (case.title, case.version) == ("同事改的名称", 2)

    client.post(reverse("brokerage:case_edit", args=[case.pk]), {"title": "我的名称", "version": 2})
    case.refresh_from_db()
    assert (case.title, case.version) == ("我的名称", 3)


def test_moving_from_the_case_page_after_a_colleague_moved_it_shows_the_new_stage(
    client_as, case_and_colleague
):
    case, colleague = case_and_colleague
    case_move(case=case, to_stage=Stage.NEGOTIATION, expected_version=1, actor=colleague, note="已报价")

    response = client_as(case.broker).post(
        reverse("brokerage:case_move", args=[case.pk]),
        {"to_stage": "poc_pilot", "version": 1, "note": "我想先做中试"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "赵经纪" in html and "谈判" in html and "您的操作没有保存" in html
    assert "我想先做中试" in html  # the note is kept
    assert 'data-testid="case-stage">谈判<' in html
    case.refresh_from_db()
    assert (case.stage, case.version) == (Stage.NEGOTIATION, 2)


def test_a_refused_move_on_the_case_page_stays_on_the_form_with_the_reason(client_as):
    case = CaseFactory(stage=Stage.NEGOTIATION)
    response = client_as(case.broker).post(
        reverse("brokerage:case_move", args=[case.pk]),
        {"to_stage": "signed", "version": 1, "contract_type": "licence", "contract_amount": "500"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "签约需要填写合同类型、金额和签约日期" in html and 'value="500"' in html
    assert Case.objects.get(pk=case.pk).stage == Stage.NEGOTIATION


def test_a_board_move_over_a_colleagues_change_without_htmx_goes_back_to_the_board(
    client_as, case_and_colleague
):
    case, colleague = case_and_colleague
    case_move(case=case, to_stage=Stage.NEGOTIATION, expected_version=1, actor=colleague)
    response = client_as(case.broker).post(
        reverse("brokerage:case_move", args=[case.pk]) + "?q=x",
        {"to_stage": "poc_pilot", "version": 1, "view": "board"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("brokerage:board") + "?q=x"
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "赵经纪" in message and "最新版本" in message


def test_a_validation_error_from_the_model_lands_on_the_create_form(client_as, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"title": "名称不合规。", "source_match_id": "来源匹配已被使用。"})

    monkeypatch.setattr(services, "case_create", refuse)
    broker = BrokerFactory()
    demand, outcome = DemandFactory(), OutcomeFactory()
    response = client_as(broker).post(
        reverse("brokerage:case_create"),
        {
            "demand_org": demand.owner.pk,
            "demand": demand.pk,
            "supply_kind": "outcome",
            "outcome": outcome.pk,
            "broker": broker.pk,
            "title": "某名称",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "名称不合规。" in html and "source_match_id: 来源匹配已被使用。" in html
    assert not Case.objects.exists()


def test_a_validation_error_when_adding_an_activity_is_a_message_not_a_500(client_as, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError("内容不合规。")

    monkeypatch.setattr(services, "case_activity_add", refuse)
    case = CaseFactory()
    response = client_as(case.broker).post(
        reverse("brokerage:activity_add", args=[case.pk]), {"kind": "note", "text": "记录"}
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["内容不合规。"]
    assert not CaseActivity.objects.exists()
