"""The notification codes freshness sends (registered from FreshnessConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from alleyhub.notifications.messages import register


def register_messages() -> None:
    register(
        "freshness.listing.expires_soon",
        title=_("%(kind)s「%(listing)s」将于 %(date)s 到期"),
        body=_(
            "%(kind)s「%(listing)s」还有 %(days)s 天到期，到期后将不再公开显示。"
            "如仍有效，请点击链接确认；如需延长，请修改有效期。"
        ),
    )
    register(
        "freshness.listing.unconfirmed",
        title=_("请确认%(kind)s「%(listing)s」是否仍然有效"),
        body=_("%(kind)s「%(listing)s」自 %(date)s 起未确认或更新。如仍有效，点击链接即可确认。"),
    )
