"""What may happen to plan items, progress updates and entered KPI values: the tables
`core.transitions` checks. Capacities: OWNER (operators and the task force, who own the plan),
UNIT (staff of the item's lead or cooperating unit)."""

from django.utils.translation import gettext_lazy as _

from alleyhub.core.transitions import Transition, TransitionTable

from .models import ItemStatus, UpdateStatus

OWNER = "owner"
UNIT = "unit"

S = ItemStatus
_WORKING = frozenset({S.NOT_STARTED, S.ON_TRACK, S.AT_RISK, S.LATE})

ITEM_MOVES = TransitionTable(
    (
        Transition(
            "start", frozenset({S.NOT_STARTED}), S.ON_TRACK, frozenset({OWNER, UNIT}), label=_("启动")
        ),
        Transition(
            "on_track",
            frozenset({S.AT_RISK, S.LATE}),
            S.ON_TRACK,
            frozenset({OWNER, UNIT}),
            label=_("恢复正常"),
        ),
        Transition(
            "at_risk",
            frozenset({S.NOT_STARTED, S.ON_TRACK, S.LATE}),
            S.AT_RISK,
            frozenset({OWNER, UNIT}),
            note_required=True,
            label=_("标记风险"),
        ),
        Transition(
            "late",
            frozenset({S.NOT_STARTED, S.ON_TRACK, S.AT_RISK}),
            S.LATE,
            frozenset({OWNER}),
            label=_("标记滞后"),
        ),
        Transition("done", _WORKING, S.DONE, frozenset({OWNER}), label=_("确认完成")),
        Transition("drop", _WORKING, S.DROPPED, frozenset({OWNER}), note_required=True, label=_("取消事项")),
        Transition(
            "reopen",
            frozenset({S.DONE, S.DROPPED}),
            S.ON_TRACK,
            frozenset({OWNER}),
            note_required=True,
            label=_("重新打开"),
        ),
    )
)

REVIEW_MOVES = TransitionTable(
    (
        Transition(
            "accept",
            frozenset({UpdateStatus.SUBMITTED}),
            UpdateStatus.ACCEPTED,
            frozenset({OWNER}),
            label=_("采纳"),
        ),
        Transition(
            "return",
            frozenset({UpdateStatus.SUBMITTED}),
            UpdateStatus.RETURNED,
            frozenset({OWNER}),
            note_required=True,
            label=_("退回"),
        ),
    )
)
