"""Notification codes of the plan (registered from PlansConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from alleyhub.notifications.messages import register

register(
    "plans.update.posted",
    title=_("新的进展报送：%(item)s"),
    body=_("%(unit)s 报送了「%(item)s」的进展（%(progress)s%%），请审核。"),
)
register(
    "plans.update.accepted",
    title=_("进展报送已采纳：%(item)s"),
    body=_("您报送的「%(item)s」进展（%(progress)s%%）已被工作专班采纳。"),
)
register(
    "plans.update.returned",
    title=_("进展报送被退回：%(item)s"),
    body=_("您报送的「%(item)s」进展被退回：%(note)s"),
)
register(
    "plans.item.late",
    title=_("事项已逾期：%(item)s"),
    body=_("「%(item)s」的完成时限 %(due)s 已过，尚未完成，请尽快推进并报送进展。"),
)
register(
    "plans.item.stale",
    title=_("事项长期未报送进展：%(item)s"),
    body=_("「%(item)s」已超过 %(days)s 天没有报送进展，请及时报送。"),
)
register(
    "plans.kpi.entered",
    title=_("新的指标填报：%(kpi)s"),
    body=_("%(unit)s 填报了「%(kpi)s」%(period)s 的数值 %(value)s，请审核。"),
)
register(
    "plans.kpi.reviewed",
    title=_("指标填报已处理：%(kpi)s"),
    body=_("您填报的「%(kpi)s」%(period)s 数值：%(outcome)s。%(note)s"),
)
