"""The URL × role authorisation matrix (issue #8): every route of the project — pages and the API's
operations, as Django's resolver lists them — requested by each role of the demo district, with
the status each must get (docs/permissions.md says why).

The table `ROUTES` has one entry per route name; a route added without an entry fails
`test_every_route_has_an_entry`, so a new URL cannot ship without someone deciding who may use it.
An entry gives the method, the URL's arguments (objects of the scene below) and the expected status:
a default for every role plus the roles that differ. Reads are GETs; actions are POSTs with an empty
body (they stop at the permission check or at validation, so they show who is refused).

Roles are the demo district's personas (`accounts.demo.DEMO_ACCOUNTS`) plus anonymous and a
superuser. The scene adds to the demo district the objects the rules are about: an institute's
published outcome with a confidential part and its draft, an enterprise's demand, a request routed
to the demo unit, a case a broker opened on the outcome (which the institute has not agreed to),
a match, a notification and a token.
"""

from __future__ import annotations

import copy
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from alleyhub.accounts.models import PersonalAccessToken, User
from alleyhub.brokerage.models import Case, CaseActivity
from alleyhub.brokerage.services import case_activity_add, case_create, pipeline_rules_ensure
from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.models import ListingStatus
from alleyhub.demo.loader import load_district
from alleyhub.directory.models import Organization, Person
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.matching.index import reset_process_cache
from alleyhub.matching.models import Match
from alleyhub.matching.services.matches import matches_ensure_for
from alleyhub.notifications.models import Notification
from alleyhub.requests.models import Category, EnterpriseRequest
from alleyhub.requests.services import attachment_add, request_submit
from alleyhub.spaces.models import Building, RenewalSite, SpaceUnit

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "enterprise",
    "researcher",
    "investor",
    "broker",
    "unit_staff",
    "task_force",
    "operator",
    "superuser",
)
PERSONAS = {
    "enterprise": "demo-enterprise",
    "researcher": "demo-researcher",
    "investor": "demo-investor",
    "broker": "demo-broker",
    "unit_staff": "demo-unit",
    "task_force": "demo-taskforce",
    "operator": "demo-operator",
}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
SECRET = "机密：矩阵测试的工艺参数"


@dataclass
class Scene:
    ids: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        if name == "ids" or name.startswith("__"):
            raise AttributeError(name)
        try:
            return self.ids[name]
        except KeyError:
            raise AttributeError(name) from None


def _build_scene() -> Scene:
    load_district(seed=2026, stdout=io.StringIO(), run_hooks=True, schedule_embedding=False)
    pipeline_rules_ensure()
    users = {role: User.objects.get(username=name) for role, name in PERSONAS.items()}
    users["superuser"] = User.objects.create_superuser("matrix-root", "root@example.org", "x")
    institute = Organization.objects.get(slug="simit")
    enterprise = Organization.objects.get(slug="showcase-enterprise")
    outcome = TechOutcome.objects.filter(owner=institute, status=ListingStatus.PUBLISHED).first()
    TechOutcome.objects.filter(pk=outcome.pk).update(confidential_details=SECRET)
    draft = TechOutcome.objects.create(
        owner=institute,
        title_zh="矩阵测试的成果草稿",
        summary_zh="草稿",
        trl=3,
        status=ListingStatus.DRAFT,
        confidential_details=SECRET,
    )
    demand = TechDemand.objects.filter(owner=enterprise, status=ListingStatus.PUBLISHED).first()
    draft_demand = TechDemand.objects.create(
        owner=enterprise, title_zh="矩阵测试的需求草稿", description_zh="草稿", status=ListingStatus.DRAFT
    )
    request = request_submit(
        organization=enterprise,
        actor=users["enterprise"],
        category=Category.SPACE,
        title="矩阵测试：求租研发场地",
        description="华阳路附近 200 平研发场地",
        files=[SimpleUploadedFile("场地需求.pdf", PDF)],
    )
    case = case_create(demand_org=enterprise, outcome=outcome, broker=users["broker"], actor=users["broker"])
    case_file = case_activity_add(
        case=case, actor=users["broker"], kind="file", upload=SimpleUploadedFile("方案.pdf", PDF)
    )
    matches_ensure_for(kind="demand", source=demand)
    match = Match.objects.filter(source_kind="demand", source_id=demand.pk).order_by("pk").first()
    if match is None:
        match = Match.objects.create(
            source_kind="demand", source_id=demand.pk, target_kind="outcome", target_id=outcome.pk
        )
    notification = Notification.objects.create(
        recipient=users["enterprise"], code="general.message", title="矩阵测试通知", dedup_key="matrix:1"
    )
    token, _plain = PersonalAccessToken.issue(user=users["enterprise"], name="matrix")
    return Scene(
        {
            "users": users,
            "institute": institute,
            "enterprise": enterprise,
            "outcome": outcome.pk,
            "draft": draft.pk,
            "demand": demand.pk,
            "draft_demand": draft_demand.pk,
            "investor": InvestorProfile.objects.filter(status=ListingStatus.PUBLISHED).first().pk,
            "service": ServiceOffering.objects.filter(status=ListingStatus.PUBLISHED).first().pk,
            "unit": SpaceUnit.objects.filter(status=ListingStatus.PUBLISHED).first().pk,
            "building": Building.objects.first().slug,
            "site": RenewalSite.objects.first().slug,
            "person": Person.objects.first().pk,
            "request": request.pk,
            "attachment": request.attachments.first().pk,
            "case": case.pk,
            "case_file": case_file.pk,
            "match": match.pk,
            "notification": notification.pk,
            "token": token.pk,
        }
    )


MATRIX_MATCHING = {**settings.MATCHING, "EMBEDDINGS": False}


@pytest.fixture(scope="module")
def _scene(module_transaction, tmp_path_factory):
    """Made once for the module; each test runs in a savepoint, so its writes vanish."""
    media = tmp_path_factory.mktemp("matrix-media")
    reset_process_cache()
    with module_transaction(), override_settings(MATCHING=MATRIX_MATCHING, MEDIA_ROOT=media):
        with TestCase.captureOnCommitCallbacks(execute=True):
            scene = _build_scene()
    yield scene, media
    reset_process_cache()


@pytest.fixture
def scene(_scene, settings):
    scene, media = _scene
    settings.MATCHING, settings.MEDIA_ROOT = MATRIX_MATCHING, media
    reset_process_cache()
    yield copy.copy(scene)
    reset_process_cache()


# --- the table -----------------------------------------------------------------------------------

Kwargs = Callable[[Scene], dict[str, Any]]


@dataclass(frozen=True)
class R:
    """One route: `method`, URL kwargs from the scene, the expected status of every role unless
    `but` names it."""

    default: int
    kw: Kwargs = lambda s: {}
    method: str = "GET"
    but: dict[str, int] = field(default_factory=dict)
    body: dict | None = None
    own_client: bool = False  # e.g. logging out: not on the client the other routes use

    def expected(self, role: str) -> int:
        return self.but.get(role, self.default)


X = -1  # placeholder while the table is written

ROUTES: dict[str, R] = {
    # --- API: documentation and the public directory ---
    "api:api-root": R(X),
    "api:openapi-json": R(X),
    "api:openapi-view": R(X),
    "api:organization_list": R(X),
    "api:organization_detail": R(X, lambda s: {"ident": s.institute.slug}),
    "api:person_list": R(X),
    "api:person_detail": R(X, lambda s: {"person_id": s.person}),
    "api:me": R(X),
    "api:token_list": R(X),
    "api:token_create": R(X, method="POST"),
    "api:token_revoke": R(X, lambda s: {"token_id": s.token}, method="DELETE"),
    # --- API: listings ---
    "api:outcome_list": R(X),
    "api:outcome_create": R(X, method="POST"),
    "api:outcome_detail": R(X, lambda s: {"outcome_id": s.outcome}),
    "api:outcome_detail#draft": R(X, lambda s: {"outcome_id": s.draft}),
    "api:outcome_update": R(X, lambda s: {"outcome_id": s.outcome}, method="PATCH"),
    "api:outcome_action": R(X, lambda s: {"outcome_id": s.draft, "action": "publish"}, method="POST"),
    "api:demand_list": R(X),
    "api:demand_create": R(X, method="POST"),
    "api:demand_detail": R(X, lambda s: {"demand_id": s.demand}),
    "api:demand_detail#draft": R(X, lambda s: {"demand_id": s.draft_demand}),
    "api:demand_update": R(X, lambda s: {"demand_id": s.demand}, method="PATCH"),
    "api:demand_action": R(X, lambda s: {"demand_id": s.draft_demand, "action": "publish"}, method="POST"),
    "api:investor_list": R(X),
    "api:investor_detail": R(X, lambda s: {"investor_id": s.investor}),
    "api:investor_action": R(X, lambda s: {"investor_id": s.investor, "action": "publish"}, method="POST"),
    "api:service_list": R(X),
    "api:service_detail": R(X, lambda s: {"service_id": s.service}),
    "api:unit_list": R(X),
    "api:unit_detail": R(X, lambda s: {"unit_id": s.unit}),
    "api:building_list": R(X),
    "api:building_detail": R(X, lambda s: {"slug": s.building}),
    "api:renewal_site_list": R(X),
    "api:renewal_site_detail": R(X, lambda s: {"slug": s.site}),
    # --- API: matching ---
    "api:search": R(X),
    "api:matches_for": R(X, lambda s: {"kind": "demand", "object_id": s.demand}),
    "api:matches_for#draft": R(X, lambda s: {"kind": "outcome", "object_id": s.draft}),
    "api:matches_for#request": R(X, lambda s: {"kind": "request", "object_id": s.request}),
    "api:matches_mine": R(X),
    "api:match_accept": R(X, lambda s: {"match_id": s.match}, method="POST"),
    "api:match_dismiss": R(X, lambda s: {"match_id": s.match}, method="POST"),
    # --- API: requests ---
    "api:request_list": R(X),
    "api:request_submit": R(X, method="POST"),
    "api:request_detail": R(X, lambda s: {"request_id": s.request}),
    "api:attachment_add": R(X, lambda s: {"request_id": s.request}, method="POST"),
    "api:request_accept": R(X, lambda s: {"request_id": s.request}, method="POST"),
    "api:request_start": R(X, lambda s: {"request_id": s.request}, method="POST"),
    "api:request_answer": R(X, lambda s: {"request_id": s.request}, method="POST"),
    "api:request_return": R(X, lambda s: {"request_id": s.request}, method="POST"),
    "api:request_reroute": R(X, lambda s: {"request_id": s.request}, method="POST"),
    "api:request_close": R(X, lambda s: {"request_id": s.request}, method="POST"),
    "api:request_reopen": R(X, lambda s: {"request_id": s.request}, method="POST"),
    # --- API: cases ---
    "api:case_list": R(X),
    "api:case_create": R(X, method="POST"),
    "api:case_from_match": R(X, lambda s: {"match_id": s.match}, method="POST"),
    "api:case_detail": R(X, lambda s: {"case_id": s.case}),
    "api:case_move": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "api:activity_list": R(X, lambda s: {"case_id": s.case}),
    "api:activity_add": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "api:file_add": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "api:confidentiality_accept": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "api:case_side_accept": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "api:case_rate": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "api:broker_ranking": R(X),
    "api:broker_figures": R(X, lambda s: {"user_id": s.users["broker"].pk}),
    # --- API: notifications ---
    "api:notification_list": R(X),
    "api:unread_count": R(X),
    "api:mark_all_read": R(X, method="POST"),
    "api:mark_read": R(X, lambda s: {"notification_id": s.notification}, method="POST"),
    "api:preference_get": R(X),
    "api:preference_set": R(X, method="PUT"),
    # --- pages: site, accounts, directory ---
    "set_language": R(X, method="POST"),
    "core:home": R(X),
    "core:healthz": R(X),
    "accounts:login": R(X),
    "accounts:logout": R(X, method="POST", own_client=True),
    "accounts:me": R(X),
    "accounts:set_language": R(X, method="POST"),
    "accounts:token_create": R(X, method="POST"),
    "accounts:token_revoke": R(X, lambda s: {"pk": s.token}, method="POST"),
    "directory:list": R(X),
    "directory:people": R(X),
    "directory:person_detail": R(X, lambda s: {"pk": s.person}),
    "directory:detail": R(X, lambda s: {"slug": s.institute.slug}),
    # --- pages: listings, services, spaces ---
    "listings:outcome_list": R(X),
    "listings:outcome_create": R(X),
    "listings:outcome_detail": R(X, lambda s: {"pk": s.outcome}),
    "listings:outcome_detail#draft": R(X, lambda s: {"pk": s.draft}),
    "listings:outcome_edit": R(X, lambda s: {"pk": s.outcome}),
    "listings:outcome_edit#draft": R(X, lambda s: {"pk": s.draft}),
    "listings:demand_list": R(X),
    "listings:demand_create": R(X),
    "listings:demand_detail": R(X, lambda s: {"pk": s.demand}),
    "listings:demand_detail#draft": R(X, lambda s: {"pk": s.draft_demand}),
    "listings:demand_edit": R(X, lambda s: {"pk": s.demand}),
    "listings:investor_list": R(X),
    "listings:investor_detail": R(X, lambda s: {"pk": s.investor}),
    "listings:action": R(X, lambda s: {"kind": "outcome", "pk": s.draft, "action": "publish"}, method="POST"),
    "catalogue:list": R(X),
    "catalogue:detail": R(X, lambda s: {"pk": s.service}),
    "spaces:list": R(X),
    "spaces:unit_detail": R(X, lambda s: {"pk": s.unit}),
    "spaces:building_detail": R(X, lambda s: {"slug": s.building}),
    "spaces:renewal_list": R(X),
    # --- pages: requests ---
    "requests:index": R(X),
    "requests:submit": R(X),
    "requests:mine": R(X),
    "requests:inbox": R(X),
    "requests:board": R(X),
    "requests:detail": R(X, lambda s: {"pk": s.request}),
    "requests:act": R(X, lambda s: {"pk": s.request, "action": "accept"}, method="POST"),
    "requests:attachment_upload": R(X, lambda s: {"pk": s.request}, method="POST"),
    "requests:attachment": R(X, lambda s: {"pk": s.attachment}),
    # --- pages: matching and search ---
    "matching:mine": R(X),
    "matching:for_object": R(X, lambda s: {"kind": "demand", "pk": s.demand}),
    "matching:for_object#draft": R(X, lambda s: {"kind": "outcome", "pk": s.draft}),
    "matching:for_object#request": R(X, lambda s: {"kind": "request", "pk": s.request}),
    "matching:accept": R(X, lambda s: {"pk": s.match}, method="POST"),
    "matching:dismiss": R(X, lambda s: {"pk": s.match}, method="POST"),
    "matching:status": R(X),
    "matching:search": R(X),
    "search:index": R(X),
    # --- pages: cases ---
    "brokerage:board": R(X),
    "brokerage:case_list": R(X),
    "brokerage:case_create": R(X),
    "brokerage:case_detail": R(X, lambda s: {"case_id": s.case}),
    "brokerage:case_move": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "brokerage:case_edit": R(X, lambda s: {"case_id": s.case}),
    "brokerage:activity_add": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "brokerage:confidentiality_accept": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "brokerage:case_side_accept": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "brokerage:case_rate": R(X, lambda s: {"case_id": s.case}, method="POST"),
    "brokerage:file_download": R(X, lambda s: {"pk": s.case_file}),
    "brokerage:case_start_from_match": R(X, lambda s: {"match_id": s.match}),
    "brokerage:ranking": R(X),
    "brokerage:broker_figures": R(X, lambda s: {"user_id": s.users["broker"].pk}),
    # --- pages: notifications ---
    "notifications:list": R(X),
    "notifications:badge": R(X),
    "notifications:mark_all_read": R(X, method="POST"),
    "notifications:preferences": R(X, method="POST"),
    "notifications:open": R(X, lambda s: {"notification_id": s.notification}),
    "notifications:mark_read": R(X, lambda s: {"notification_id": s.notification}, method="POST"),
    # --- the admin (Django's own staff check; one entry for its many routes) ---
    "admin:*": R(X),
}


# --- the tests -----------------------------------------------------------------------------------


def _route_names() -> set[str]:
    """Every named route of the project; the admin's many routes are one entry ("admin:*")."""
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace) if x) or None
                if ns == "admin":
                    names.add("admin:*")
                    continue
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern):
                assert p.name, f"unnamed route {p.pattern}: give it a name and an entry in ROUTES"
                names.add(":".join(x for x in (namespace, p.name) if x))

    walk(get_resolver().url_patterns, None)
    return names


def test_every_route_has_an_entry():
    # "name#variant" entries check the same route on another object (a draft, a request).
    assert _route_names() == {name.partition("#")[0] for name in ROUTES}


def _url(name: str, route: R, scene: Scene) -> str:
    if name == "admin:*":
        return reverse("admin:index")
    return reverse(name.partition("#")[0], kwargs=route.kw(scene))


def _client_for(role: str, scene: Scene) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(scene.users[role])
    return client


def _status(client: Client, name: str, route: R, scene: Scene) -> int:
    url = _url(name, route, scene)
    if route.method == "GET":
        response = client.get(url)
    else:
        response = client.generic(
            route.method, url, json.dumps(route.body or {}), content_type="application/json"
        )
    if hasattr(response, "streaming_content"):
        response.close()
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_on_every_route(scene, role):
    client = _client_for(role, scene)
    # Reads first, then the actions (which may change what later reads see).
    order = sorted(ROUTES.items(), key=lambda item: item[1].method != "GET")
    got = {
        name: _status(_client_for(role, scene) if route.own_client else client, name, route, scene)
        for name, route in order
    }
    if os.environ.get("MATRIX_DUMP"):
        with open(os.environ["MATRIX_DUMP"], "a") as out:
            out.write(json.dumps({"role": role, "got": got}, ensure_ascii=False) + "\n")
    wrong = {
        name: f"got {got[name]}, expected {route.expected(role)}"
        for name, route in ROUTES.items()
        if got[name] != route.expected(role)
    }
    assert not wrong, f"{role}: {json.dumps(wrong, ensure_ascii=False, indent=1)}"
