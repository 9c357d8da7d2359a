"""The kinds of event a user chooses e-mail delivery for: every message code belongs to one
category by the app that sends it (its prefix). In-app notifications always arrive; the category
decides only the e-mail (at once, in the daily digest, or never)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CATEGORIES = [
    ("matches", _("匹配推荐")),
    ("requests", _("企业诉求")),
    ("cases", _("对接项目")),
    ("organisation", _("机构与成员")),
    ("enquiries", _("服务申请与空间咨询")),
    ("listings", _("我发布的信息（成果、需求、服务、空间）")),
    ("general", _("平台通知")),
]
CATEGORY_KEYS = [key for key, _label in CATEGORIES]

# Message code prefix → category; a code whose app is not listed is "general".
_PREFIXES = {
    "matching.": "matches",
    "requests.": "requests",
    "brokerage.": "cases",
    "directory.": "organisation",
    "accounts.": "organisation",
    "enquiries.": "enquiries",
    "freshness.": "listings",
    "listings.": "listings",
    "catalogue.": "listings",
    "spaces.": "listings",
}


def category_of(code: str) -> str:
    for prefix, category in _PREFIXES.items():
        if code.startswith(prefix):
            return category
    return "general"
