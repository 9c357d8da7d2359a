"""The in-app notifications events sends to signed-in registrants (the e-mails with the ticket
go out separately, see emails.py, so these are in-app only)."""

from django.utils.translation import gettext_lazy as _

from alleyhub.notifications.messages import register

IN_APP = {
    "confirmed": (_("报名成功：%(event)s"), _("您的报名已确认，电子票已发送到您的邮箱。")),
    "pending": (_("报名待审核：%(event)s"), _("主办方审核后会通知您。")),
    "waitlisted": (_("已进入候补名单：%(event)s"), _("有名额空出时，我们会依次通知候补者。")),
    "offered": (
        _("候补名额已为您保留：%(event)s"),
        _("请在 %(until)s 前在电子票页面确认参加，逾期名额将顺延。"),
    ),
    "rejected": (_("报名未通过：%(event)s"), _("很遗憾，您的报名未通过主办方审核。")),
    "event_cancelled": (_("活动已取消：%(event)s"), _("很抱歉，该活动已取消。")),
}


def register_all() -> None:
    for kind, (title, body) in IN_APP.items():
        register(f"events.registration.{kind}", title=title, body=body)
