"""The pipeline's allowed moves are one core.transitions table, built from the StageTransition
rows operators edit in the admin."""

import pytest

from alleyhub.brokerage import selectors
from alleyhub.brokerage.models import StageTransition
from alleyhub.brokerage.tests.factories import CaseFactory
from alleyhub.brokerage.transitions import DEFAULT_TRANSITIONS, Stage
from alleyhub.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_the_table_holds_exactly_the_rows_with_stage_labels():
    table = selectors.case_transitions()
    assert table.field == "stage"
    pairs = {(source, t.target) for t in table for source in t.sources}
    assert pairs == {(str(s), str(t)) for s, targets in DEFAULT_TRANSITIONS.items() for t in targets}
    assert table.get("negotiation").display() == "谈判"


def test_moves_are_offered_in_pipeline_order_whatever_the_rows_order():
    StageTransition.objects.all().delete()
    for target in (Stage.CLOSED, Stage.NEGOTIATION, Stage.CONTACTED, Stage.POC_PILOT):
        StageTransition.objects.create(from_stage=Stage.LEAD, to_stage=target)
    assert selectors.allowed_next_stages(stage=Stage.LEAD) == [
        "contacted",
        "poc_pilot",
        "negotiation",
        "closed",
    ]


def test_a_row_removed_in_the_admin_closes_that_move():
    case = CaseFactory(stage=Stage.LEAD)
    StageTransition.objects.filter(from_stage=Stage.LEAD, to_stage=Stage.CLOSED).delete()
    table = selectors.case_transitions()
    assert [t.target for t in table.allowed(Stage.LEAD)] == ["contacted"]
    with pytest.raises(ApplicationError) as exc:
        table.check(case, "closed")
    assert (exc.value.status, exc.value.extra["code"]) == (409, "forbidden_transition")
