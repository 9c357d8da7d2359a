"""The language switch changes every visible string: with the language cookie set to English, no page
shows a Chinese character (except the switch's own "中文" label and the language names, which are
written in their own language on purpose), and the API's problem JSON is in English too. The reverse
check: the same pages in zh-hans show their Chinese headings.

The data is written in English only (language="en", no *_zh fields), so every Chinese character on
an English page must come from the UI itself: a string outside {% translate %}, a missing or fuzzy
translation, or a Python string without gettext."""

import copy
import json
import re
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from alleyhub.accounts.models import Membership, Role
from alleyhub.accounts.tests.factories import UserFactory
from alleyhub.brokerage.tests.factories import CaseFactory
from alleyhub.catalogue.models import ServiceCategory
from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.directory.models import OrganizationKind, Person
from alleyhub.directory.tests.factories import (
    AffiliationFactory,
    IndustryFactory,
    OrganizationFactory,
    PersonFactory,
)
from alleyhub.listings.tests.factories import InvestorProfileFactory, TechDemandFactory, TechOutcomeFactory
from alleyhub.matching.index import reset_process_cache
from alleyhub.notifications.tests.factories import NotificationFactory
from alleyhub.requests.models import Category
from alleyhub.requests.routing import task_force_unit
from alleyhub.requests.tests.factories import RoutingRuleFactory, submit
from alleyhub.spaces.models import RenewalSite, SpaceKind
from alleyhub.spaces.tests.factories import BuildingFactory, RenewalSiteFactory, SpaceUnitFactory

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")
# Full-width punctuation glued to translated labels ("评分：", "（必须）") is Chinese text too.
CHINESE_PUNCTUATION = re.compile(r"[，。：；（）、！？【】《》「」]")
# Language names are shown in their own language on purpose: the switch button ("中文", marked
# lang="zh-hans") and the preferred-language choice ("简体中文").
OWN_LANGUAGE_NAMES = {"中文", "简体中文"}
VISIBLE_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}


class _VisibleText(HTMLParser):
    """Text a reader sees or hears: text nodes outside <script>/<style>, a few attributes, and the
    labels of submit buttons. Elements marked lang="zh…" are Chinese on purpose and skipped."""

    SKIP = {"script", "style", "template"}
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipping = bool(self._skip_stack)
        chinese_on_purpose = tag != "html" and (attrs.get("lang") or "").startswith("zh")
        if tag not in self.VOID and (self._skip_stack or tag in self.SKIP or chinese_on_purpose):
            self._skip_stack.append(tag)
        if skipping or chinese_on_purpose:
            return
        for name in VISIBLE_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if (
            tag == "input"
            and (attrs.get("type") or "").lower() in {"submit", "button", "reset"}
            and attrs.get("value")
        ):
            self.parts.append(attrs["value"])

    def handle_startendtag(self, tag, attrs):
        if tag not in self.VOID:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self._skip_stack and self._skip_stack[-1] == tag:
            self._skip_stack.pop()

    def handle_data(self, data):
        if not self._skip_stack and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.parts


def chinese_leftovers(html: str) -> list[str]:
    return sorted(
        {
            p
            for p in visible_text(html)
            if (HAN.search(p) or CHINESE_PUNCTUATION.search(p)) and p not in OWN_LANGUAGE_NAMES
        }
    )


class EnglishDistrict:
    """A small district written only in English, with a user in each role the pages need."""

    def __init__(self):
        en = {"language": "en", "name_zh": ""}
        self.industry = IndustryFactory(code="semiconductors", name_zh="集成电路", name_en="Semiconductors")
        self.enterprise = OrganizationFactory(
            **en,
            name_en="Lumen Sensors Ltd",
            slug="lumen",
            kind=OrganizationKind.ENTERPRISE,
            description_zh="",
            description_en="MEMS microphones for hearing aids.",
            address="1258 Yuyuan Road, Changning",
            subdistrict="Huayang Road Subdistrict",
            contact_name="Ms Wang",
            industries=[self.industry],
        )
        self.institute = OrganizationFactory(
            **en,
            name_en="Institute of Microsystems",
            slug="microsystems",
            kind=OrganizationKind.INSTITUTE,
            description_zh="",
            description_en="Research on MEMS and wide-bandgap devices.",
            address="865 Changning Road",
            subdistrict="Jiangsu Road Subdistrict",
            contact_name="Dr Chen",
        )
        self.investor_org = OrganizationFactory(
            **en,
            name_en="Deep Tech Capital",
            slug="deeptech",
            kind=OrganizationKind.INVESTOR,
            description_zh="",
            description_en="Early-stage hard-tech fund.",
            address="",
            subdistrict="",
            contact_name="Mr Zhao",
        )
        self.provider = OrganizationFactory(
            **en,
            name_en="Alley Legal",
            slug="alley-legal",
            kind=OrganizationKind.SERVICE_PROVIDER,
            description_zh="",
            description_en="Company law and IP.",
            address="",
            subdistrict="",
            contact_name="Ms Li",
        )
        self.operator_org = OrganizationFactory(
            **en,
            name_en="Silicon Alley Spaces",
            slug="alley-spaces",
            kind=OrganizationKind.INCUBATOR,
            description_zh="",
            description_en="Runs offices and labs.",
            address="",
            subdistrict="",
            contact_name="Mr Sun",
        )
        self.unit = OrganizationFactory(
            **en,
            name_en="District Science Commission",
            slug="science-commission",
            kind=OrganizationKind.GOVERNMENT_UNIT,
            description_zh="",
            description_en="",
            address="",
            subdistrict="",
            contact_name="",
        )

        def user(username, role, org=None):
            u = UserFactory(
                username=username, role=role, display_name=username.title(), preferred_language="en"
            )
            if org:
                Membership.objects.create(user=u, organization=org, role=Membership.MemberRole.ADMIN)
            return u

        self.member = user("member", Role.MEMBER, self.enterprise)
        self.researcher = user("researcher", Role.MEMBER, self.institute)
        self.broker = user("broker", Role.BROKER)
        self.operator = user("operator", Role.OPERATOR)
        self.unit_staff = user("unitstaff", Role.UNIT_STAFF, self.unit)
        task_force = task_force_unit()
        self.task_force_lead = user("tflead", Role.TASK_FORCE, task_force)

        self.person = PersonFactory(
            **en,
            kind=Person.Kind.EXPERT,
            name_en="Chen Wei",
            title_zh="",
            title_en="Research Professor",
            bio_zh="",
            bio_en="Works on MEMS sensors.",
            expertise="MEMS, acoustics",
        )
        AffiliationFactory(person=self.person, organization=self.institute, position="Research Professor")

        listing = {"language": "en", "title_zh": ""}
        self.outcome = TechOutcomeFactory(
            **listing,
            owner=self.institute,
            title_en="Low-noise MEMS microphone die",
            summary_zh="",
            summary_en="A MEMS microphone with 20 dBA self-noise.",
            applications_en="Hearing aids, earbuds.",
            confidential_details="Membrane stress window.",
            patent_numbers="CN123456789A",
            industries=[self.industry],
        )
        self.demand = TechDemandFactory(
            **listing,
            owner=self.enterprise,
            title_en="Microphone for hearing aids",
            description_zh="",
            description_en="We need a low-noise microphone for hearing aids.",
            confidential_details="Customer: a hearing-aid maker.",
            industries=[self.industry],
        )
        self.investor = InvestorProfileFactory(
            **listing,
            owner=self.investor_org,
            title_en="Hard-tech seed fund",
            thesis_zh="",
            thesis_en="Semiconductors and new materials, seed to Series A.",
            portfolio="Lumen Sensors",
            sectors=[self.industry],
        )
        self.service = ServiceOfferingFactory(
            **listing,
            owner=self.provider,
            category=ServiceCategory.IP,
            title_en="Patent filing",
            description_zh="",
            description_en="Patent searches and filings for start-ups.",
            eligibility_zh="",
            eligibility_en="Enterprises registered in the district.",
            how_to_apply_zh="",
            how_to_apply_en="Email the contact person.",
            fee_zh="",
            fee_en="By quote",
            contact_name="Ms Li",
        )
        self.building = BuildingFactory(
            language="en",
            name_zh="",
            name_en="Silicon Alley No.1",
            slug="alley-no1",
            address="1 Yuyuan Road",
            subdistrict="Huayang Road Subdistrict",
            operator=self.operator_org,
            description_en="A renovated mill building.",
            facilities=["Meeting rooms", "Roadshow hall"],
        )
        self.unit_space = SpaceUnitFactory(
            **listing,
            owner=self.operator_org,
            building=self.building,
            kind=SpaceKind.LAB,
            title_en="Wet lab 301",
            description_en="A 120 m² wet lab.",
            facilities=["Fume hood"],
            area_sqm=Decimal("120.00"),
            rent_per_sqm_day=Decimal("4.50"),
            available_from=timezone.localdate() + timedelta(days=10),
        )
        self.site = RenewalSiteFactory(
            language="en",
            name_zh="",
            name_en="People's Electric Works",
            slug="electric-works",
            address="Wuyi Road",
            stage=RenewalSite.Stage.PLANNING,
            planned_use_en="Offices and labs",
        )

        rule = RoutingRuleFactory(category=Category.FINANCE, responsible_unit=self.unit)
        del rule
        self.request = submit(
            org=self.enterprise,
            user=self.member,
            category=Category.FINANCE,
            title="Bank loan for a pilot line",
            description="We would like to meet banks that lend to tech start-ups.",
        )
        self.case = CaseFactory(
            title="Microphones for Lumen",
            demand=self.demand,
            demand_org=self.enterprise,
            outcome=self.outcome,
            supply_org=self.institute,
            broker=self.broker,
        )
        NotificationFactory(
            recipient=self.member, title="Welcome to Alley Hub", body="Your account is ready."
        )


ENGLISH_MATCHING = {**settings.MATCHING, "EMBEDDINGS": False, "REFRESH_SECONDS": 0}


@pytest.fixture(scope="module")
def _english_district(module_transaction):
    """Made once for the module (every test here only reads it); see `module_transaction`."""
    reset_process_cache()
    with module_transaction(), override_settings(MATCHING=ENGLISH_MATCHING):
        with TestCase.captureOnCommitCallbacks(execute=True):
            world = EnglishDistrict()
    yield world
    reset_process_cache()


@pytest.fixture
def district(settings, _english_district):
    settings.MATCHING = ENGLISH_MATCHING
    reset_process_cache()
    yield copy.deepcopy(_english_district)
    reset_process_cache()


# (name, user attribute or None, url builder, expected status, a Chinese string the zh-hans page shows)
PAGES = [
    ("home", None, lambda d: reverse("core:home"), 200, "上海硅巷科创街区"),
    ("directory", None, lambda d: reverse("directory:list"), 200, "机构名录"),
    (
        "directory-filtered",
        None,
        lambda d: reverse("directory:list") + "?kind=enterprise&stage=startup",
        200,
        "筛选",
    ),
    (
        "organisation",
        "member",
        lambda d: reverse("directory:detail", args=[d.institute.slug]),
        200,
        "联系方式",
    ),
    (
        "organisation-anonymous",
        None,
        lambda d: reverse("directory:detail", args=[d.enterprise.slug]),
        200,
        "联系方式",
    ),
    ("people", None, lambda d: reverse("directory:people"), 200, "人才与专家"),
    ("person", None, lambda d: reverse("directory:person_detail", args=[d.person.pk]), 200, "专长"),
    ("outcomes", None, lambda d: reverse("listings:outcome_list"), 200, "科技成果"),
    (
        "outcome-as-owner",
        "researcher",
        lambda d: reverse("listings:outcome_detail", args=[d.outcome.pk]),
        200,
        "技术成熟度",
    ),
    ("outcome-new", "researcher", lambda d: reverse("listings:outcome_create"), 200, "发布科技成果"),
    ("demands", None, lambda d: reverse("listings:demand_list"), 200, "技术需求"),
    (
        "demand-as-owner",
        "member",
        lambda d: reverse("listings:demand_detail", args=[d.demand.pk]),
        200,
        "预算",
    ),
    ("demand-edit", "member", lambda d: reverse("listings:demand_edit", args=[d.demand.pk]), 200, "保存"),
    ("investors", None, lambda d: reverse("listings:investor_list"), 200, "投资机构"),
    ("investor", None, lambda d: reverse("listings:investor_detail", args=[d.investor.pk]), 200, "投资方向"),
    ("services-by-category", None, lambda d: reverse("catalogue:list"), 200, "服务清单"),
    ("services-by-stage", None, lambda d: reverse("catalogue:list") + "?group=stage", 200, "服务清单"),
    ("service", None, lambda d: reverse("catalogue:detail", args=[d.service.pk]), 200, "申请条件"),
    ("spaces", None, lambda d: reverse("spaces:list"), 200, "载体空间"),
    ("building", None, lambda d: reverse("spaces:building_detail", args=[d.building.slug]), 200, "载体空间"),
    ("space-unit", None, lambda d: reverse("spaces:unit_detail", args=[d.unit_space.pk]), 200, "租金"),
    ("renewal-sites", None, lambda d: reverse("spaces:renewal_list"), 200, "城市更新地块"),
    ("search", None, lambda d: reverse("search:index") + "?q=microphone", 200, "搜索"),
    ("login", None, lambda d: reverse("accounts:login"), 200, "登录"),
    ("not-found", None, lambda d: "/no-such-page/", 404, "页面未找到"),
    ("forbidden", "member", lambda d: reverse("requests:board"), 403, "无权访问"),
    ("my-account", "member", lambda d: reverse("accounts:me"), 200, "我的账号"),
    ("my-matches", "member", lambda d: reverse("matching:mine"), 200, "我的匹配"),
    (
        "matches-for-outcome",
        "researcher",
        lambda d: reverse("matching:for_object", args=["outcome", d.outcome.pk]),
        200,
        "匹配结果",
    ),
    ("matching-status", "operator", lambda d: reverse("matching:status"), 200, "匹配索引状态"),
    ("my-requests", "member", lambda d: reverse("requests:mine"), 200, "我的诉求"),
    ("submit-request", "member", lambda d: reverse("requests:submit"), 200, "提交诉求"),
    (
        "request-as-enterprise",
        "member",
        lambda d: reverse("requests:detail", args=[d.request.pk]),
        200,
        "责任单位",
    ),
    (
        "request-as-unit",
        "unit_staff",
        lambda d: reverse("requests:detail", args=[d.request.pk]),
        200,
        "责任单位",
    ),
    ("request-inbox", "unit_staff", lambda d: reverse("requests:inbox"), 200, "诉求办理"),
    ("task-force-board", "task_force_lead", lambda d: reverse("requests:board"), 200, "工作专班看板"),
    ("case-board", "broker", lambda d: reverse("brokerage:board"), 200, "对接项目看板"),
    ("case", "broker", lambda d: reverse("brokerage:case_detail", args=[d.case.pk]), 200, "阶段记录"),
    ("new-case", "broker", lambda d: reverse("brokerage:case_create"), 200, "新建对接项目"),
    ("my-cases", "member", lambda d: reverse("brokerage:case_list"), 200, "我的对接项目"),
    ("broker-ranking", "broker", lambda d: reverse("brokerage:ranking"), 200, "科技经纪人排行"),
    (
        "broker-figures",
        "broker",
        lambda d: reverse("brokerage:broker_figures", args=[d.broker.pk]),
        200,
        "的业绩",
    ),
    ("notifications", "member", lambda d: reverse("notifications:list"), 200, "通知"),
]


def _get(client, district, *, user, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user:
        client.force_login(getattr(district, user))
    return client.get(url(district), HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(("name", "user", "url", "status", "zh_heading"), PAGES, ids=[p[0] for p in PAGES])
def test_every_visible_string_is_english_after_switching_and_chinese_before(
    client, district, name, user, url, status, zh_heading
):
    response = _get(client, district, user=user, url=url, language="en")
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert chinese_leftovers(html) == [], f"{name}: Chinese text left on the English page"
    with translation.override("en"):
        english_heading = translation.gettext(zh_heading) if zh_heading != "的业绩" else "Figures of"
    assert english_heading in html

    # The reverse check: the same page in the default language shows its Chinese heading.
    response = _get(client, district, user=user, url=url, language="zh-hans")
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert zh_heading in " ".join(visible_text(html))


# Fragments that HTMX swaps into a page are in the page's language too.
PARTIALS = [
    ("notification-badge", "member", lambda d: reverse("notifications:badge"), "unread"),
    (
        "matches-for-outcome",
        "researcher",
        lambda d: reverse("matching:for_object", args=["outcome", d.outcome.pk]),
        "Why this match",
    ),
    ("directory-results", None, lambda d: reverse("directory:list") + "?kind=institute", "organisation"),
    ("outcome-results", None, lambda d: reverse("listings:outcome_list") + "?q=microphone", "result"),
    ("search-results", None, lambda d: reverse("search:index") + "?q=microphone", "result"),
    ("case-board-filtered", "broker", lambda d: reverse("brokerage:board") + "?supply_kind=outcome", "Lead"),
]


@pytest.mark.parametrize(("name", "user", "url", "expected"), PARTIALS, ids=[p[0] for p in PARTIALS])
def test_htmx_fragments_are_english_after_switching(client, district, name, user, url, expected):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user:
        client.force_login(getattr(district, user))
    response = client.get(url(district), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert chinese_leftovers(html) == [], f"{name}: Chinese text left in the English fragment"
    assert expected in html


# Bad input: the error messages come back in the reader's language too.
FORM_ERRORS = [
    (
        "login-wrong-password",
        None,
        lambda d: reverse("accounts:login"),
        {"username": "member", "password": "wrong"},
    ),
    (
        "outcome-bad-trl",
        "researcher",
        lambda d: reverse("listings:outcome_create"),
        lambda d: {
            "owner": d.institute.pk,
            "language": "en",
            "title_en": "X",
            "trl": "12",
            "ip_status": "none",
            "price_min": "-5",
        },
    ),
    (
        "demand-past-deadline",
        "member",
        lambda d: reverse("listings:demand_create"),
        lambda d: {
            "owner": d.enterprise.pk,
            "language": "en",
            "title_en": "Y",
            "deadline": "2001-01-01",
            "budget_min": "-1",
        },
    ),
    ("request-empty", "member", lambda d: reverse("requests:submit"), {"title": "", "description": ""}),
    ("token-empty", "member", lambda d: reverse("accounts:token_create"), {"name": ""}),
]


@pytest.mark.parametrize(("name", "user", "url", "data"), FORM_ERRORS, ids=[f[0] for f in FORM_ERRORS])
def test_form_errors_are_english_after_switching(client, district, name, user, url, data):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user:
        client.force_login(getattr(district, user))
    response = client.post(url(district), data(district) if callable(data) else data)
    assert response.status_code in (200, 400, 422), response.status_code
    html = response.content.decode()
    assert chinese_leftovers(html) == [], f"{name}: Chinese text left on the English page"
    assert re.search(r"error|invalid|required|must|cannot|correct", html, re.IGNORECASE)


def test_the_switch_names_each_language_in_its_own_language(client, district):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_page = client.get(reverse("core:home")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese_page = client.get(reverse("core:home")).content.decode()
    assert 'lang="zh-hans" data-testid="lang-zh">中文</button>' in english_page
    assert 'lang="en" data-testid="lang-en">English</button>' in chinese_page
    for code in ("en", "zh-hans"):
        with translation.override(code):
            assert [str(name) for _code, name in settings.LANGUAGES] == ["简体中文", "English"]


def test_posting_the_switch_turns_the_next_page_english(client, district):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": reverse("directory:list")}
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in html and chinese_leftovers(html) == []


API_PROBLEMS = [
    ("not-found", None, "get", lambda d: "/api/organizations/no-such-org", 404),
    ("invalid-path", None, "get", lambda d: "/api/outcomes/not-a-number", 422),
    ("unauthenticated", None, "get", lambda d: "/api/requests/", 401),
    ("unknown-industry", None, "get", lambda d: "/api/organizations?industry=no-such-industry", 422),
    ("forbidden", "unit_staff", "get", lambda d: f"/api/cases/{d.case.pk}", 403),
    ("not-an-enterprise", "researcher", "post", lambda d: "/api/requests/", 422),
    ("trl-range-reversed", None, "get", lambda d: "/api/outcomes?trl_min=7&trl_max=3", 422),
    ("area-range-reversed", None, "get", lambda d: "/api/spaces?area_min=100&area_max=10", 422),
    ("number-too-large", None, "get", lambda d: "/api/organizations?page=99999999999999999999999", 422),
]


def _problem(client, district, *, user, method, url, language):
    if user:
        client.force_login(getattr(district, user))
    if method == "post":
        payload = {"category": "finance", "title": "Loan", "description": "A loan"}
        return client.post(
            url(district), payload, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
        )
    return client.get(url(district), HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(
    ("name", "user", "method", "url", "status"), API_PROBLEMS, ids=[p[0] for p in API_PROBLEMS]
)
def test_api_problem_json_follows_accept_language(client, district, name, user, method, url, status):
    response = _problem(client, district, user=user, method=method, url=url, language="en")
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"]
    text = json.dumps(body, ensure_ascii=False)
    assert not (HAN.search(text) or CHINESE_PUNCTUATION.search(text)), f"{name}: {text}"

    chinese = _problem(client, district, user=user, method=method, url=url, language="zh-hans")
    assert chinese.status_code == status
    assert HAN.search(chinese.json()["title"])
