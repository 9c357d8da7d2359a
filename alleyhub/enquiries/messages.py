"""The notification codes enquiries send (registered from EnquiriesConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from alleyhub.notifications.messages import register


def register_messages() -> None:
    register(
        "enquiries.enquiry.created",
        title=_("新的%(kind)s：%(target)s"),
        body=_("%(applicant)s 向 %(provider)s 发送了%(kind)s「%(target)s」，请在收件箱中答复。"),
    )
    register(
        "enquiries.enquiry.sent",
        title=_("已发送%(kind)s：%(target)s"),
        body=_("您的%(kind)s「%(target)s」已发送给 %(provider)s，对方已收到您的联系方式。"),
    )
    register(
        "enquiries.enquiry.answered",
        title=_("%(provider)s 答复了「%(target)s」"),
        body=_("%(actor)s 答复了关于「%(target)s」的%(kind)s。"),
    )
    register(
        "enquiries.enquiry.replied",
        title=_("申请人补充了「%(target)s」"),
        body=_("%(applicant)s 对关于「%(target)s」的%(kind)s补充了说明。"),
    )
    register(
        "enquiries.enquiry.closed",
        title=_("「%(target)s」已关闭"),
        body=_("%(actor)s 关闭了关于「%(target)s」的%(kind)s。"),
    )
    register(
        "enquiries.enquiry.withdrawn",
        title=_("「%(target)s」已撤回"),
        body=_("%(applicant)s 撤回了关于「%(target)s」的%(kind)s。"),
    )
