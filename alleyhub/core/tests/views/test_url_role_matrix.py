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
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from alleyhub.accounts.models import Membership, PersonalAccessToken, User
from alleyhub.brokerage.services import case_activity_add, case_create, pipeline_rules_ensure
from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.models import ListingStatus
from alleyhub.demo.loader import load_district
from alleyhub.directory.listing_services import attachment_add
from alleyhub.directory.models import JoinRequest, Organization, Person
from alleyhub.directory.services import invitation_create, invitation_token
from alleyhub.enquiries.models import Enquiry
from alleyhub.events.models import CalendarFeed, Event, Registration, RegistrationQuestion
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.matching.index import reset_process_cache
from alleyhub.matching.models import Match
from alleyhub.matching.services.matches import matches_ensure_for
from alleyhub.notifications.models import Notification
from alleyhub.plans.models import KpiValue, PlanItem, ProgressUpdate
from alleyhub.requests.models import Category
from alleyhub.requests.services import request_submit
from alleyhub.spaces.models import Building, RenewalSite, SpaceUnit
from config import urls as project_urls

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "enterprise",
    "researcher",
    "investor",
    "provider",
    "space",
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
    "provider": "demo-provider",
    "space": "demo-space",
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
        category=Category.FINANCE,  # routed to the demo unit (changning-stc)
        title="矩阵测试：科技贷对接",
        description="希望对接银行科技贷，金额 500 万",
        files=[SimpleUploadedFile("场地需求.pdf", PDF)],
    )
    assert request.responsible_unit.memberships.filter(user=users["unit_staff"]).exists()
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
    # Organisations running themselves: the demo's pending join request and registration, the
    # enterprise's only admin (demo-enterprise) and an invitation it sent.
    invitation = invitation_create(
        organization=enterprise, email="matrix@example.org", actor=users["enterprise"]
    )
    # selfserve: a published service's public and confidential files, a draft outcome's file.
    service = ServiceOffering.objects.filter(status=ListingStatus.PUBLISHED).first()
    service_file = attachment_add(
        listing=service, actor=users["operator"], uploaded=SimpleUploadedFile("指南.pdf", PDF)
    )
    secret_file = attachment_add(
        listing=service,
        actor=users["operator"],
        uploaded=SimpleUploadedFile("报价.pdf", PDF),
        confidential=True,
    )
    draft_file = attachment_add(
        listing=draft, actor=users["operator"], uploaded=SimpleUploadedFile("草稿.pdf", PDF)
    )
    return Scene(
        {
            "users": users,
            "institute": institute,
            "enterprise": enterprise,
            "outcome": outcome.pk,
            "draft": draft.pk,
            "demand": demand.pk,
            "draft_demand": draft_demand.pk,
            "investor": InvestorProfile.objects.filter(
                owner__slug="showcase-investor", status=ListingStatus.PUBLISHED
            )
            .first()
            .pk,
            "service": service.pk,
            "service_file": service_file.pk,
            "secret_file": secret_file.pk,
            "draft_file": draft_file.pk,
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
            "join_request": JoinRequest.objects.get(organization=enterprise, status="pending").pk,
            "pending_org": Organization.objects.get(status="pending").slug,
            "enterprise_admin": Membership.objects.get(user=users["enterprise"], organization=enterprise).pk,
            "invitation": invitation.pk,
            "invitation_token": invitation_token(invitation),
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


def _demo_enquiry() -> int:
    """The demo enterprise's first application (the demo loader makes it)."""
    return (
        Enquiry.objects.filter(applicant__username="demo-enterprise", kind="service")
        .order_by("pk")
        .first()
        .pk
    )


# --- events: objects of the demo's events, looked up by title ---
_EVENTS_STAFF_200 = {"anonymous": 302, "operator": 200, "superuser": 200}


def _events_event(title: str) -> int:
    return Event.objects.get(title_zh=title).pk


def _events_ticket(scene: Scene) -> Registration:
    return Registration.objects.get(
        event__title_zh="上海硅巷早餐会 · 第 25 期", user=scene.users["enterprise"]
    )


def _events_feed(scene: Scene) -> str:
    return CalendarFeed.objects.get_or_create(user=scene.users["enterprise"])[0].token


def _events_question(scene: Scene) -> dict[str, int]:
    question = RegistrationQuestion.objects.filter(event__kind="vc_salon").first()
    return {"pk": question.event_id, "question_id": question.pk}


def _events_pending(scene: Scene) -> dict[str, Any]:
    pending = Registration.objects.filter(event__kind="vc_salon", status="pending").first()
    return {"pk": pending.event_id, "registration_id": pending.pk, "action": "approve"}


# --- plans: who reads and the objects the entries use ---
_PLAN_READ = {"anonymous": 302, "unit_staff": 200, "task_force": 200, "operator": 200, "superuser": 200}
_PLAN_OWN = {"anonymous": 302, "task_force": 200, "operator": 200, "superuser": 200}
_PLAN_API_READ = {"anonymous": 401, "unit_staff": 200, "task_force": 200, "operator": 200, "superuser": 200}


def _plan_item(scene: Scene) -> dict[str, Any]:
    return {"pk": PlanItem.objects.get(code="要点3").pk}


def _plan_update() -> int:
    return ProgressUpdate.objects.filter(status="accepted").order_by("pk").first().pk


def _kpi_value() -> int:
    return KpiValue.objects.filter(status="accepted").order_by("pk").first().pk


# fmt: off
ROUTES: dict[str, R] = {
    # --- API: documentation and the public directory ---
    "api:api-root": R(404),
    "api:openapi-json": R(200),
    "api:openapi-view": R(200),
    "api:organization_list": R(200),
    "api:organization_detail": R(200, lambda s: {"ident": s.institute.slug}),
    "api:person_list": R(200),
    "api:person_detail": R(200, lambda s: {"person_id": s.person}),
    "api:me": R(200, but={"anonymous": 401}),
    "api:token_list": R(200, but={"anonymous": 401}),
    "api:token_create": R(422, method="POST", but={"anonymous": 401}),
    "api:token_revoke": R(404, lambda s: {"token_id": s.token}, method="DELETE", but={"anonymous": 401, "enterprise": 204}),
    # --- API: listings ---
    "api:outcome_list": R(200),
    "api:outcome_create": R(422, method="POST", but={"anonymous": 401}),
    "api:outcome_detail": R(200, lambda s: {"outcome_id": s.outcome}),
    "api:outcome_detail#draft": R(404, lambda s: {"outcome_id": s.draft}, but={"researcher": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    # Finding 7: the task force, unit staff and brokers read other organisations' listings, never write them.
    "api:outcome_update": R(403, lambda s: {"outcome_id": s.outcome}, method="PATCH", but={"anonymous": 401, "researcher": 200, "operator": 200, "superuser": 200}),
    "api:outcome_action": R(404, lambda s: {"outcome_id": s.draft, "action": "publish"}, method="POST", but={"anonymous": 401, "researcher": 200, "task_force": 403, "operator": 200, "superuser": 200}),
    "api:demand_list": R(200),
    "api:demand_create": R(422, method="POST", but={"anonymous": 401}),
    "api:demand_detail": R(200, lambda s: {"demand_id": s.demand}),
    "api:demand_detail#draft": R(404, lambda s: {"demand_id": s.draft_demand}, but={"enterprise": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:demand_update": R(403, lambda s: {"demand_id": s.demand}, method="PATCH", but={"anonymous": 401, "enterprise": 200, "operator": 200, "superuser": 200}),
    "api:demand_action": R(404, lambda s: {"demand_id": s.draft_demand, "action": "publish"}, method="POST", but={"anonymous": 401, "enterprise": 200, "task_force": 403, "operator": 200, "superuser": 200}),
    "api:investor_list": R(200),
    "api:investor_detail": R(200, lambda s: {"investor_id": s.investor}),
    "api:investor_action": R(403, lambda s: {"investor_id": s.investor, "action": "publish"}, method="POST", but={"anonymous": 401, "investor": 409, "operator": 409, "superuser": 409}),
    "api:service_list": R(200),
    "api:service_detail": R(200, lambda s: {"service_id": s.service}),
    "api:unit_list": R(200),
    "api:unit_detail": R(200, lambda s: {"unit_id": s.unit}),
    "api:building_list": R(200),
    "api:building_detail": R(200, lambda s: {"slug": s.building}),
    "api:renewal_site_list": R(200),
    "api:renewal_site_detail": R(200, lambda s: {"slug": s.site}),
    # --- API: matching ---
    "api:search": R(200),
    "api:matches_for": R(200, lambda s: {"kind": "demand", "object_id": s.demand}, but={"provider": 403, "space": 403, "anonymous": 403, "researcher": 403, "investor": 403, "unit_staff": 403}),
    # Finding 2: brokers see public sources' matches only, and decide none.
    "api:matches_for#draft": R(403, lambda s: {"kind": "outcome", "object_id": s.draft}, but={"researcher": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:matches_for#request": R(403, lambda s: {"kind": "request", "object_id": s.request}, but={"enterprise": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:matches_mine": R(200, but={"anonymous": 401}),
    "api:match_accept": R(403, lambda s: {"match_id": s.match}, method="POST", but={"anonymous": 401, "enterprise": 200, "operator": 200, "superuser": 200}),
    "api:match_dismiss": R(403, lambda s: {"match_id": s.match}, method="POST", but={"anonymous": 401, "enterprise": 200, "operator": 200, "superuser": 200}),
    # --- API: requests ---
    "api:request_list": R(200, but={"anonymous": 401}),
    "api:request_submit": R(422, method="POST", but={"anonymous": 401}),
    "api:request_detail": R(200, lambda s: {"request_id": s.request}, but={"provider": 403, "space": 403, "anonymous": 401, "researcher": 403, "investor": 403, "broker": 403}),
    "api:attachment_add": R(422, lambda s: {"request_id": s.request}, method="POST", but={"anonymous": 401}),
    "api:request_accept": R(403, lambda s: {"request_id": s.request}, method="POST", but={"anonymous": 401, "unit_staff": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:request_start": R(403, lambda s: {"request_id": s.request}, method="POST", but={"anonymous": 401, "unit_staff": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:request_answer": R(403, lambda s: {"request_id": s.request}, method="POST", but={"anonymous": 401, "unit_staff": 400, "task_force": 400, "operator": 400, "superuser": 400}),
    "api:request_return": R(403, lambda s: {"request_id": s.request}, method="POST", but={"anonymous": 401, "unit_staff": 400}),
    "api:request_reroute": R(403, lambda s: {"request_id": s.request}, method="POST", but={"anonymous": 401, "task_force": 409, "operator": 409, "superuser": 409}),
    "api:request_close": R(403, lambda s: {"request_id": s.request}, method="POST", but={"anonymous": 401, "enterprise": 409}),
    "api:request_reopen": R(403, lambda s: {"request_id": s.request}, method="POST", but={"anonymous": 401, "enterprise": 409}),
    # --- API: cases ---
    "api:case_list": R(200, but={"anonymous": 401}),
    "api:case_create": R(422, method="POST", but={"anonymous": 401}),
    "api:case_from_match": R(403, lambda s: {"match_id": s.match}, method="POST", but={"anonymous": 401, "broker": 201, "operator": 400, "superuser": 400}),
    "api:case_detail": R(200, lambda s: {"case_id": s.case}, but={"provider": 403, "space": 403, "anonymous": 401, "investor": 403, "unit_staff": 403}),
    "api:case_move": R(422, lambda s: {"case_id": s.case}, method="POST", but={"anonymous": 401}),
    "api:activity_list": R(200, lambda s: {"case_id": s.case}, but={"provider": 403, "space": 403, "anonymous": 401, "investor": 403, "unit_staff": 403}),
    "api:activity_add": R(422, lambda s: {"case_id": s.case}, method="POST", but={"anonymous": 401}),
    "api:file_add": R(422, lambda s: {"case_id": s.case}, method="POST", but={"anonymous": 401}),
    "api:confidentiality_accept": R(200, lambda s: {"case_id": s.case}, method="POST", but={"provider": 403, "space": 403, "anonymous": 401, "investor": 403, "unit_staff": 403}),
    # Finding 1: only the sides' members agree to a case (operators cannot agree for them).
    "api:case_side_accept": R(403, lambda s: {"case_id": s.case}, method="POST", but={"anonymous": 401, "enterprise": 200, "researcher": 200}),
    "api:case_rate": R(422, lambda s: {"case_id": s.case}, method="POST", but={"anonymous": 401}),
    "api:broker_ranking": R(200, but={"anonymous": 401}),
    "api:broker_figures": R(403, lambda s: {"user_id": s.users["broker"].pk}, but={"anonymous": 401, "broker": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    # --- API: notifications ---
    "api:notification_list": R(200, but={"anonymous": 401}),
    "api:unread_count": R(200, but={"anonymous": 401}),
    "api:mark_all_read": R(200, method="POST", but={"anonymous": 401}),
    "api:mark_read": R(404, lambda s: {"notification_id": s.notification}, method="POST", but={"anonymous": 401, "enterprise": 200}),
    "api:preference_get": R(200, but={"anonymous": 401}),
    "api:preference_set": R(422, method="PUT", but={"anonymous": 401}),
    # --- pages: site, accounts, directory ---
    "set_language": R(302, method="POST"),
    "core:home": R(200),
    "core:healthz": R(200),
    "accounts:login": R(302, but={"anonymous": 200}),
    "accounts:logout": R(302, method="POST", own_client=True),
    "accounts:me": R(200, but={"anonymous": 302}),
    "accounts:set_language": R(302, method="POST"),
    "accounts:token_create": R(422, method="POST", but={"anonymous": 302}),
    "accounts:token_revoke": R(404, lambda s: {"pk": s.token}, method="POST", but={"anonymous": 302, "enterprise": 409}),
    "directory:list": R(200),
    "directory:people": R(200),
    "directory:person_detail": R(200, lambda s: {"pk": s.person}),
    "directory:detail": R(200, lambda s: {"slug": s.institute.slug}),
    # --- pages: listings, services, spaces ---
    "listings:outcome_list": R(200),
    "listings:outcome_create": R(200, but={"anonymous": 302}),
    "listings:outcome_detail": R(200, lambda s: {"pk": s.outcome}),
    "listings:outcome_detail#draft": R(404, lambda s: {"pk": s.draft}, but={"researcher": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "listings:outcome_edit": R(403, lambda s: {"pk": s.outcome}, but={"anonymous": 302, "researcher": 200, "operator": 200, "superuser": 200}),
    "listings:outcome_edit#draft": R(404, lambda s: {"pk": s.draft}, but={"anonymous": 302, "researcher": 200, "task_force": 403, "operator": 200, "superuser": 200}),
    "listings:demand_list": R(200),
    "listings:demand_create": R(200, but={"anonymous": 302}),
    "listings:demand_detail": R(200, lambda s: {"pk": s.demand}),
    "listings:demand_detail#draft": R(404, lambda s: {"pk": s.draft_demand}, but={"enterprise": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "listings:demand_edit": R(403, lambda s: {"pk": s.demand}, but={"anonymous": 302, "enterprise": 200, "operator": 200, "superuser": 200}),
    "listings:investor_list": R(200),
    "listings:investor_detail": R(200, lambda s: {"pk": s.investor}),
    "listings:action": R(404, lambda s: {"kind": "outcome", "pk": s.draft, "action": "publish"}, method="POST", but={"anonymous": 302, "researcher": 409, "task_force": 403, "operator": 409, "superuser": 409}),
    "catalogue:list": R(200),
    "catalogue:detail": R(200, lambda s: {"pk": s.service}),
    "spaces:list": R(200),
    "spaces:unit_detail": R(200, lambda s: {"pk": s.unit}),
    "spaces:building_detail": R(200, lambda s: {"slug": s.building}),
    "spaces:renewal_list": R(200),
    # --- pages: requests ---
    "requests:index": R(302),
    "requests:submit": R(403, but={"anonymous": 302, "enterprise": 200}),
    "requests:mine": R(200, but={"anonymous": 302}),
    "requests:inbox": R(200, but={"anonymous": 302}),
    "requests:board": R(403, but={"anonymous": 302, "task_force": 200, "operator": 200, "superuser": 200}),
    "requests:detail": R(200, lambda s: {"pk": s.request}, but={"provider": 403, "space": 403, "anonymous": 302, "researcher": 403, "investor": 403, "broker": 403}),
    "requests:act": R(302, lambda s: {"pk": s.request, "action": "accept"}, method="POST", but={"provider": 403, "space": 403, "enterprise": 403, "researcher": 403, "investor": 403, "broker": 403}),
    "requests:attachment_upload": R(302, lambda s: {"pk": s.request}, method="POST", but={"provider": 403, "space": 403, "researcher": 403, "investor": 403, "broker": 403}),
    "requests:attachment": R(200, lambda s: {"pk": s.attachment}, but={"provider": 403, "space": 403, "anonymous": 302, "researcher": 403, "investor": 403, "broker": 403}),
    # --- pages: matching and search ---
    "matching:mine": R(200, but={"anonymous": 302}),
    "matching:for_object": R(200, lambda s: {"kind": "demand", "pk": s.demand}, but={"provider": 403, "space": 403, "anonymous": 403, "researcher": 403, "investor": 403, "unit_staff": 403}),
    "matching:for_object#draft": R(403, lambda s: {"kind": "outcome", "pk": s.draft}, but={"researcher": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "matching:for_object#request": R(403, lambda s: {"kind": "request", "pk": s.request}, but={"enterprise": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "matching:accept": R(403, lambda s: {"pk": s.match}, method="POST", but={"enterprise": 302, "operator": 302, "superuser": 302}),
    "matching:dismiss": R(403, lambda s: {"pk": s.match}, method="POST", but={"enterprise": 302, "operator": 302, "superuser": 302}),
    "matching:status": R(403, but={"anonymous": 302, "task_force": 200, "operator": 200, "superuser": 200}),
    "matching:search": R(200),
    "search:index": R(200),
    # --- pages: cases ---
    "brokerage:board": R(403, but={"anonymous": 302, "broker": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "brokerage:case_list": R(200, but={"anonymous": 302}),
    "brokerage:case_create": R(403, but={"anonymous": 302, "broker": 200, "operator": 200, "superuser": 200}),
    "brokerage:case_detail": R(200, lambda s: {"case_id": s.case}, but={"provider": 403, "space": 403, "anonymous": 302, "investor": 403, "unit_staff": 403}),
    "brokerage:case_move": R(403, lambda s: {"case_id": s.case}, method="POST", but={"anonymous": 302, "broker": 200, "operator": 200, "superuser": 200}),
    "brokerage:case_edit": R(403, lambda s: {"case_id": s.case}, method="POST", but={"anonymous": 302, "broker": 200, "operator": 200, "superuser": 200}),
    "brokerage:activity_add": R(403, lambda s: {"case_id": s.case}, method="POST", but={"anonymous": 302, "broker": 302, "operator": 302, "superuser": 302}),
    "brokerage:confidentiality_accept": R(302, lambda s: {"case_id": s.case}, method="POST", but={"provider": 403, "space": 403, "investor": 403, "unit_staff": 403}),
    "brokerage:case_side_accept": R(403, lambda s: {"case_id": s.case}, method="POST", but={"anonymous": 302, "enterprise": 302, "researcher": 302}),
    "brokerage:case_rate": R(302, lambda s: {"case_id": s.case}, method="POST", but={"provider": 403, "space": 403, "investor": 403, "unit_staff": 403}),
    "brokerage:file_download": R(403, lambda s: {"pk": s.case_file}, but={"anonymous": 302, "broker": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "brokerage:case_start_from_match": R(403, lambda s: {"match_id": s.match}, but={"anonymous": 302, "broker": 200, "operator": 200, "superuser": 200}),
    "brokerage:ranking": R(200, but={"anonymous": 302}),
    "brokerage:broker_figures": R(403, lambda s: {"user_id": s.users["broker"].pk}, but={"anonymous": 302, "broker": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    # --- pages: notifications ---
    "notifications:list": R(200, but={"anonymous": 302}),
    "notifications:badge": R(200, but={"anonymous": 302}),
    "notifications:mark_all_read": R(302, method="POST"),
    "notifications:preferences": R(302, method="POST"),
    "notifications:open": R(404, lambda s: {"notification_id": s.notification}, but={"anonymous": 302, "enterprise": 302}),
    "notifications:mark_read": R(404, lambda s: {"notification_id": s.notification}, method="POST", but={"anonymous": 302, "enterprise": 302}),
    # --- the admin (Django's own staff check; one entry for its many routes) ---
    "admin:*": R(302, but={"operator": 200, "superuser": 200}),
    # --- sign-in: two-factor (docs/sign-in.md) ---
    "accounts:two_factor_setup": R(200, but={"anonymous": 302}),
    "accounts:two_factor_verify": R(302),  # nobody here has a device to verify: back to set-up / sign-in
    "accounts:two_factor_backup_codes": R(200, but={"anonymous": 302}),  # the password is asked again on the page
    "accounts:two_factor_disable": R(200, but={"anonymous": 302}),
    # --- privacy (docs/privacy.md): the audit trail for operators and the task force; a user's own rights ---
    "api:audit_list": R(403, but={"anonymous": 401, "task_force": 200, "operator": 200, "superuser": 200}),
    "privacy:audit": R(403, but={"anonymous": 302, "task_force": 200, "operator": 200, "superuser": 200}),
    "privacy:automated_decisions": R(200, but={"anonymous": 302}),
    "privacy:consent": R(200, but={"anonymous": 302}),
    "privacy:contact_sharing": R(302, method="POST"),  # saved (or to sign-in), back to the account page
    "privacy:deletion": R(200, but={"anonymous": 302}),
    "privacy:deletion_cancel": R(302, method="POST"),  # nothing to cancel: back to the account page
    "privacy:export_start": R(302, method="POST"),  # the export starts (or to sign-in): to its progress page
    "privacy:export_detail": R(404, lambda s: {"pk": 999_999}, but={"anonymous": 302}),
    "privacy:export_download": R(404, lambda s: {"pk": 999_999}, but={"anonymous": 302}),
    "privacy:notice": R(200),
    "privacy:terms": R(200),
    # --- accounts: sign-up, passwords, profile (docs/sign-in.md) ---
    "accounts:signup": R(302, but={"anonymous": 200}),  # signed in: nothing to sign up for, home
    "accounts:signup_sent": R(200),
    "accounts:signup_resend": R(200),
    "accounts:signup_verify": R(400, lambda s: {"uidb64": "MQ", "token": "x-y"}),  # a bad link for everyone
    "accounts:welcome": R(200, but={"anonymous": 302}),
    "accounts:password_reset": R(200),
    "accounts:password_reset_done": R(200),
    "accounts:password_reset_confirm": R(200, lambda s: {"uidb64": "MQ", "token": "x-y"}),  # says the link is invalid
    "accounts:password_reset_complete": R(200),
    "accounts:password_change": R(200, but={"anonymous": 302}),
    "accounts:photo": R(404, lambda s: {"pk": 999_999}, but={"anonymous": 302}),
    # --- directory: organisations running themselves (docs/organisations.md) ---
    # Managing an organisation: its admins (demo-enterprise for the showcase enterprise), operators
    # and superusers; never the task force, which reads but does not write.
    "directory:detail#pending": R(404, lambda s: {"slug": s.pending_org}, but={"task_force": 200, "operator": 200, "superuser": 200}),
    "directory:join": R(200, but={"anonymous": 302}),
    "directory:join_request": R(302, lambda s: {"slug": s.institute.slug}, method="POST", but={"researcher": 400}),  # a member already: refused
    "directory:join_request_action": R(404, lambda s: {"pk": s.join_request, "action": "approve"}, method="POST", but={"anonymous": 302, "enterprise": 302, "operator": 302, "superuser": 302}),
    "directory:register": R(200, but={"anonymous": 302}),
    "directory:review": R(403, but={"anonymous": 302, "operator": 200, "superuser": 200}),
    "directory:review_action": R(403, lambda s: {"slug": s.pending_org, "action": "approve"}, method="POST", but={"anonymous": 302, "operator": 302, "superuser": 302}),
    "directory:invitation": R(200, lambda s: {"token": s.invitation_token}),
    "directory:edit": R(403, lambda s: {"slug": s.enterprise.slug}, but={"anonymous": 302, "enterprise": 200, "operator": 200, "superuser": 200}),
    "directory:logo": R(404, lambda s: {"slug": s.enterprise.slug}),  # no logo uploaded
    "directory:members": R(403, lambda s: {"slug": s.enterprise.slug}, but={"anonymous": 302, "enterprise": 200, "operator": 200, "superuser": 200}),
    "directory:member_role": R(403, lambda s: {"slug": s.enterprise.slug, "pk": s.enterprise_admin}, method="POST", but={"anonymous": 302, "enterprise": 302, "operator": 302, "superuser": 302}),
    "directory:member_remove": R(403, lambda s: {"slug": s.enterprise.slug, "pk": s.enterprise_admin}, method="POST", but={"anonymous": 302, "enterprise": 409, "operator": 409, "superuser": 409}),  # the last admin: refused
    "directory:invitation_revoke": R(403, lambda s: {"slug": s.enterprise.slug, "pk": s.invitation}, method="POST", but={"anonymous": 302, "enterprise": 302, "operator": 302, "superuser": 302}),
    "api:organization_detail#pending": R(404, lambda s: {"ident": s.pending_org}, but={"task_force": 200, "operator": 200, "superuser": 200}),
    "api:organization_register": R(422, method="POST", but={"anonymous": 401}),
    "api:organization_update": R(403, lambda s: {"ident": s.enterprise.slug}, method="PATCH", but={"anonymous": 401, "enterprise": 200, "operator": 200, "superuser": 200}),
    "api:organization_review": R(404, lambda s: {"ident": s.pending_org}, method="POST", body={"action": "approve"}, but={"anonymous": 401, "task_force": 403, "operator": 409, "superuser": 409}),  # the page approved it first
    "api:member_list": R(403, lambda s: {"ident": s.enterprise.slug}, but={"anonymous": 401, "enterprise": 200, "operator": 200, "superuser": 200}),
    "api:member_role": R(403, lambda s: {"ident": s.enterprise.slug, "membership_id": s.enterprise_admin}, method="PATCH", body={"role": "admin"}, but={"anonymous": 401, "enterprise": 200, "operator": 200, "superuser": 200}),
    "api:member_remove": R(403, lambda s: {"ident": s.enterprise.slug, "membership_id": s.enterprise_admin}, method="DELETE", but={"anonymous": 401, "enterprise": 409, "operator": 409, "superuser": 409}),
    "api:invitation_list": R(403, lambda s: {"ident": s.enterprise.slug}, but={"anonymous": 401, "enterprise": 200, "operator": 200, "superuser": 200}),
    "api:invitation_create": R(403, lambda s: {"ident": s.enterprise.slug}, method="POST", body={"email": "matrix2@example.org"}, but={"anonymous": 401, "enterprise": 201, "operator": 201, "superuser": 201}),
    # The page's revoke and approve ran first (pages' actions precede the API's): 409, no longer pending.
    "api:invitation_revoke": R(403, lambda s: {"ident": s.enterprise.slug, "invitation_id": s.invitation}, method="DELETE", but={"anonymous": 401, "enterprise": 409, "operator": 409, "superuser": 409}),
    "api:invitation_accept": R(422, method="POST", but={"anonymous": 401}),
    "api:join_request_list": R(200, but={"anonymous": 401}),
    "api:join_request_create": R(422, method="POST", but={"anonymous": 401}),
    "api:join_request_action": R(404, lambda s: {"join_request_id": s.join_request, "action": "approve"}, method="POST", but={"anonymous": 401, "enterprise": 409, "operator": 409, "superuser": 409}),
    # --- selfserve (issue #9.4): member-facing writes of services, investor profiles, spaces; attachments ---
    "api:service_create": R(422, method="POST", but={"anonymous": 401}),
    "api:service_update": R(403, lambda s: {"service_id": s.service}, method="PATCH", but={"provider": 200, "anonymous": 401, "operator": 200, "superuser": 200}),
    "api:service_action": R(403, lambda s: {"service_id": s.service, "action": "confirm"}, method="POST", but={"provider": 200, "anonymous": 401, "operator": 200, "superuser": 200}),
    "api:investor_create": R(422, method="POST", but={"anonymous": 401}),
    "api:investor_update": R(403, lambda s: {"investor_id": s.investor}, method="PATCH", but={"anonymous": 401, "investor": 200, "operator": 200, "superuser": 200}),
    "api:unit_create": R(422, method="POST", but={"anonymous": 401}),
    "api:unit_update": R(403, lambda s: {"unit_id": s.unit}, method="PATCH", but={"anonymous": 401, "operator": 200, "superuser": 200}),
    "api:unit_action": R(403, lambda s: {"unit_id": s.unit, "action": "confirm"}, method="POST", but={"anonymous": 401, "operator": 200, "superuser": 200}),
    "api:building_create": R(422, method="POST", but={"anonymous": 401}),
    "api:building_update": R(403, lambda s: {"slug": s.building}, method="PATCH", but={"anonymous": 401, "operator": 200, "superuser": 200}),
    "api:renewal_site_create": R(422, method="POST", but={"anonymous": 401}),
    "api:renewal_site_update": R(403, lambda s: {"slug": s.site}, method="PATCH", but={"anonymous": 401, "operator": 200, "superuser": 200}),
    "catalogue:create": R(403, but={"provider": 200, "anonymous": 302, "operator": 200, "superuser": 200}),
    "catalogue:edit": R(403, lambda s: {"pk": s.service}, but={"provider": 200, "anonymous": 302, "operator": 200, "superuser": 200}),
    "catalogue:action": R(403, lambda s: {"pk": s.service, "action": "confirm"}, method="POST", but={"provider": 302, "anonymous": 302, "operator": 302, "superuser": 302}),
    "listings:investor_create": R(403, but={"anonymous": 302, "investor": 200, "operator": 200, "superuser": 200}),
    "listings:investor_edit": R(403, lambda s: {"pk": s.investor}, but={"anonymous": 302, "investor": 200, "operator": 200, "superuser": 200}),
    "spaces:unit_create": R(403, but={"space": 200, "anonymous": 302, "broker": 200, "operator": 200, "superuser": 200}),  # the broker's xinwei-group operates a building
    "spaces:unit_edit": R(403, lambda s: {"pk": s.unit}, but={"anonymous": 302, "operator": 200, "superuser": 200}),
    "spaces:unit_action": R(403, lambda s: {"pk": s.unit, "action": "confirm"}, method="POST", but={"anonymous": 302, "operator": 302, "superuser": 302}),
    "spaces:building_create": R(403, but={"anonymous": 302, "operator": 200, "superuser": 200}),
    "spaces:building_edit": R(403, lambda s: {"slug": s.building}, but={"anonymous": 302, "operator": 200, "superuser": 200}),
    "spaces:renewal_create": R(403, but={"anonymous": 302, "operator": 200, "superuser": 200}),
    "spaces:renewal_edit": R(403, lambda s: {"slug": s.site}, but={"anonymous": 302, "operator": 200, "superuser": 200}),
    "directory:attachment": R(200, lambda s: {"pk": s.service_file}),  # a published listing's public file: anyone
    "directory:attachment#draft": R(404, lambda s: {"pk": s.draft_file}, but={"researcher": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "directory:attachment#confidential": R(404, lambda s: {"pk": s.secret_file}, but={"provider": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "directory:attachment_add": R(403, lambda s: {"kind": "outcome", "pk": s.outcome}, method="POST", but={"anonymous": 302, "researcher": 302, "operator": 302, "superuser": 302}),
    "directory:attachment_remove": R(404, lambda s: {"pk": s.draft_file}, method="POST", but={"anonymous": 302, "researcher": 302, "task_force": 403, "operator": 302, "superuser": 302}),
    # --- enquiries ---
    # The scene's enquiry: the demo enterprise's application for a service of the 长三角科创金融联盟
    # (answered by the operator; the alliance's admin demo-provider and the operators act for the provider).
    "enquiries:index": R(302),
    "enquiries:mine": R(200, but={"anonymous": 302}),
    "enquiries:inbox": R(200, but={"anonymous": 302}),
    "enquiries:new_service": R(200, lambda s: {"pk": s.service}, but={"anonymous": 302}),
    "enquiries:new_space": R(200, lambda s: {"pk": s.unit}, but={"anonymous": 302}),
    "enquiries:service_form": R(403, lambda s: {"pk": s.service}, but={"provider": 200, "anonymous": 302, "operator": 200, "superuser": 200}),
    "enquiries:detail": R(404, lambda s: {"pk": _demo_enquiry()}, but={"provider": 200, "anonymous": 302, "enterprise": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "enquiries:act": R(404, lambda s: {"pk": _demo_enquiry(), "action": "answer"}, method="POST", but={"provider": 302, "anonymous": 302, "enterprise": 403, "task_force": 403, "operator": 302, "superuser": 302}),
    "api:enquiry_list": R(200, but={"anonymous": 401}),
    "api:enquiry_detail": R(404, lambda s: {"enquiry_id": _demo_enquiry()}, but={"provider": 200, "anonymous": 401, "enterprise": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:enquiry_create_for_service": R(422, lambda s: {"service_id": s.service}, method="POST", but={"anonymous": 401}),
    "api:enquiry_create_for_space": R(422, lambda s: {"unit_id": s.unit}, method="POST", but={"anonymous": 401}),
    "api:enquiry_answer": R(404, lambda s: {"enquiry_id": _demo_enquiry()}, method="POST", but={"provider": 400, "anonymous": 401, "enterprise": 403, "task_force": 403, "operator": 400, "superuser": 400}),
    "api:enquiry_reply": R(404, lambda s: {"enquiry_id": _demo_enquiry()}, method="POST", but={"provider": 403, "anonymous": 401, "enterprise": 400, "task_force": 403, "operator": 403, "superuser": 403}),
    "api:enquiry_withdraw": R(404, lambda s: {"enquiry_id": _demo_enquiry()}, method="POST", but={"provider": 403, "anonymous": 401, "enterprise": 200, "task_force": 403, "operator": 403, "superuser": 403}),
    "api:enquiry_close": R(404, lambda s: {"enquiry_id": _demo_enquiry()}, method="POST", but={"provider": 200, "anonymous": 401, "enterprise": 403, "task_force": 403, "operator": 200, "superuser": 200}),
    "api:service_questions": R(200, lambda s: {"service_id": s.service}, but={"anonymous": 401}),
    "api:service_questions_set": R(422, lambda s: {"service_id": s.service}, method="PUT", but={"anonymous": 401}),
    # --- freshness ---
    "freshness:confirm": R(403, lambda s: {"token": "not-a-signed-token"}),  # the signed token is the only proof
    "freshness:stale_list": R(403, but={"anonymous": 302, "task_force": 200, "operator": 200, "superuser": 200}),
    # --- sheets ---
    # Operators import anything, organisation admins their listings; a job is its uploader's and
    # the operators' (no job exists in the scene: 404 for who may import, 403 for who may not).
    # The enterprise, investor and task-force personas are admins of their organisations.
    "sheets:index": R(200, but={"anonymous": 302, "researcher": 403, "broker": 403, "unit_staff": 403}),
    "sheets:template": R(200, but={"anonymous": 302, "researcher": 403, "broker": 403, "unit_staff": 403}),
    "sheets:job": R(404, lambda s: {"pk": 999999}, but={"anonymous": 302, "researcher": 403, "broker": 403, "unit_staff": 403}),
    "sheets:commit": R(404, lambda s: {"pk": 999999}, method="POST", but={"anonymous": 302, "researcher": 403, "broker": 403, "unit_staff": 403}),
    "sheets:file": R(404, lambda s: {"pk": 999999}, but={"anonymous": 302, "researcher": 403, "broker": 403, "unit_staff": 403}),
    # The list pages are public, and so are their exports (what each role may see, filtered alike).
    "sheets:export": R(200, lambda s: {"kind": "outcomes", "fmt": "csv"}),
    # --- events ---
    # The scene's events are the demo's: breakfast No. 24 (published, organised by the operator's
    # co-innovation platform), No. 25 (the demo enterprise holds a ticket), No. 26 (a draft), and
    # the VC salon (organiser approval, a registration question, pending registrations).
    "events:list": R(200),
    "events:create": R(200, but={"anonymous": 302}),
    "events:mine": R(200, but={"anonymous": 302}),
    "events:feed": R(200, lambda s: {"token": _events_feed(s)}),
    "events:ticket": R(200, lambda s: {"secret": _events_ticket(s).ticket_secret}),
    # The ticket is the key: anyone holding it may act; accepting an offer on a confirmed ticket is a 409.
    "events:ticket_action": R(409, lambda s: {"secret": _events_ticket(s).ticket_secret, "action": "accept_offer"}, method="POST"),
    "events:ticket_feedback": R(400, lambda s: {"secret": _events_ticket(s).ticket_secret}, method="POST"),  # empty form
    "events:detail": R(200, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}),
    "events:detail#draft": R(404, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 26 期")}, but={"task_force": 200, "operator": 200, "superuser": 200}),
    "events:edit": R(403, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}, but=_EVENTS_STAFF_200),
    "events:poster": R(404, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}),
    "events:ics": R(200, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}),
    "events:action": R(403, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期"), "action": "publish"}, method="POST", but={"anonymous": 302, "operator": 409, "superuser": 409}),
    "events:questions": R(403, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}, but=_EVENTS_STAFF_200),
    "events:question_delete": R(403, lambda s: _events_question(s), method="POST", but={"anonymous": 302, "operator": 302, "superuser": 302}),
    "events:register": R(302, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 25 期")}, method="POST", but={"anonymous": 400, "enterprise": 400}),
    "events:registrations": R(403, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}, but=_EVENTS_STAFF_200),
    "events:registrations_export": R(403, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}, but=_EVENTS_STAFF_200),
    "events:registration_action": R(404, lambda s: _events_pending(s), method="POST", but={"anonymous": 302, "operator": 302, "superuser": 302}),
    "events:check_in": R(403, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}, but=_EVENTS_STAFF_200),
    "events:check_in_scan": R(403, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}, method="POST", but={"anonymous": 302, "operator": 302, "superuser": 302}),
    "events:walk_in": R(403, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}, method="POST", but={"anonymous": 302, "operator": 400, "superuser": 400}),
    "events:check_in_count": R(403, lambda s: {"pk": _events_event("上海硅巷早餐会 · 第 24 期")}, but=_EVENTS_STAFF_200),
    "api:event_list": R(200),
    "api:event_detail": R(200, lambda s: {"event_id": _events_event("上海硅巷早餐会 · 第 24 期")}),
    "api:event_detail#draft": R(404, lambda s: {"event_id": _events_event("上海硅巷早餐会 · 第 26 期")}, but={"task_force": 200, "operator": 200, "superuser": 200}),
    "api:event_registrations_mine": R(200, but={"anonymous": 401}),
    # Breakfast No. 24 is full: a registration through the API goes onto its waiting list (201).
    "api:event_registration_create": R(201, lambda s: {"event_id": _events_event("上海硅巷早餐会 · 第 24 期")}, method="POST", but={"anonymous": 401}),
    # Only its registrant and the organiser staff see a registration (others: 404, nothing revealed).
    "api:event_registration_cancel": R(404, lambda s: {"registration_id": _events_ticket(s).pk}, method="POST", but={"anonymous": 401, "enterprise": 200, "operator": 200, "superuser": 200}),
    "api:event_check_in": R(403, lambda s: {"event_id": _events_event("上海硅巷早餐会 · 第 24 期")}, method="POST", body={"code": "forged"}, but={"anonymous": 401, "operator": 404, "superuser": 404}),
    # --- plans (docs/plan.md): read by platform staff (operators, task force, unit staff); the tree is edited by
    # operators and the task force; updates come from the item's units and are reviewed by the task force.
    # The objects: 要点3 (a demo work point led by 区科委, the demo unit), an accepted update, an approved KPI value.
    "plans:index": R(403, but=_PLAN_READ),
    "plans:mine": R(403, but=_PLAN_READ),
    "plans:reviews": R(403, but=_PLAN_OWN),
    "plans:export": R(403, but=_PLAN_READ),
    "plans:import": R(403, but=_PLAN_OWN),
    "plans:item_create": R(403, but=_PLAN_OWN),
    "plans:item": R(403, _plan_item, but=_PLAN_READ),
    "plans:item_edit": R(403, _plan_item, but=_PLAN_OWN),
    "plans:item_override": R(403, _plan_item, method="POST", but={"anonymous": 302, "task_force": 400, "operator": 400, "superuser": 400}),
    "plans:item_status": R(403, lambda s: {**_plan_item(s), "action": "start"}, method="POST", but={"anonymous": 302, "unit_staff": 400, "task_force": 400, "operator": 400, "superuser": 400}),
    "plans:update_create": R(403, _plan_item, method="POST", but={"anonymous": 302, "unit_staff": 400}),
    "plans:update_review": R(403, lambda s: {"pk": _plan_update(), "action": "accept"}, method="POST", but={"anonymous": 302, "task_force": 302, "operator": 302, "superuser": 302}),
    "plans:evidence": R(404, lambda s: {"pk": 999_999}, but={"provider": 403, "space": 403, "anonymous": 302, "enterprise": 403, "researcher": 403, "investor": 403, "broker": 403}),
    "plans:kpis": R(403, but=_PLAN_READ),
    "plans:kpi": R(403, lambda s: {"code": "incubated-firms"}, but=_PLAN_READ),
    "plans:kpi_value_create": R(403, lambda s: {"code": "incubated-firms"}, method="POST", but={"anonymous": 302, "unit_staff": 400, "task_force": 400, "operator": 400, "superuser": 400}),
    "plans:kpi_value_review": R(403, lambda s: {"pk": _kpi_value(), "action": "accept"}, method="POST", but={"anonymous": 302, "task_force": 302, "operator": 302, "superuser": 302}),
    "plans:kpi_evidence": R(404, lambda s: {"pk": 999_999}, but={"provider": 403, "space": 403, "anonymous": 302, "enterprise": 403, "researcher": 403, "investor": 403, "broker": 403}),
    "api:plan_item_list": R(403, but=_PLAN_API_READ),
    "api:plan_tree": R(403, but=_PLAN_API_READ),
    "api:plan_item_detail": R(403, lambda s: {"item_id": _plan_item(s)["pk"]}, but=_PLAN_API_READ),
    "api:plan_item_create": R(422, method="POST", but={"anonymous": 401}),
    "api:plan_item_update": R(403, lambda s: {"item_id": _plan_item(s)["pk"]}, method="PATCH", but={"anonymous": 401, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:plan_item_override": R(403, lambda s: {"item_id": _plan_item(s)["pk"]}, method="POST", but={"anonymous": 401, "task_force": 200, "operator": 200, "superuser": 200}),  # an empty body clears an override
    "api:plan_item_status": R(422, lambda s: {"item_id": _plan_item(s)["pk"]}, method="POST", but={"anonymous": 401}),
    "api:plan_update_list": R(403, lambda s: {"item_id": _plan_item(s)["pk"]}, but=_PLAN_API_READ),
    "api:plan_update_create": R(422, lambda s: {"item_id": _plan_item(s)["pk"]}, method="POST", but={"anonymous": 401}),
    "api:plan_update_review": R(422, lambda s: {"update_id": _plan_update()}, method="POST", but={"anonymous": 401}),
    "api:kpi_list": R(403, but=_PLAN_API_READ),
    "api:kpi_detail": R(403, lambda s: {"code": "incubated-firms"}, but=_PLAN_API_READ),
    "api:kpi_value_create": R(422, lambda s: {"code": "incubated-firms"}, method="POST", but={"anonymous": 401}),
    "api:kpi_value_review": R(422, lambda s: {"value_id": _kpi_value()}, method="POST", but={"anonymous": 401}),
    # --- attach (issue #9.4 follow-up): the attachments API, the pages' rules (the scene's service is the
    # finance alliance's, which demo-provider administers; the draft outcome is SIMIT's, the researcher's) ---
    "api:listing_attachment_list": R(200, lambda s: {"kind": "service", "listing_id": s.service}),
    "api:listing_attachment_list#draft": R(404, lambda s: {"kind": "outcome", "listing_id": s.draft}, but={"researcher": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:listing_attachment_list#unknown_kind": R(404, lambda s: {"kind": "building", "listing_id": s.service}),
    "api:listing_attachment_add": R(422, lambda s: {"kind": "service", "listing_id": s.service}, method="POST", but={"anonymous": 401}),  # no file: refused before anything else
    "api:listing_attachment_download": R(200, lambda s: {"attachment_id": s.service_file}),
    "api:listing_attachment_download#draft": R(404, lambda s: {"attachment_id": s.draft_file}, but={"researcher": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:listing_attachment_download#confidential": R(404, lambda s: {"attachment_id": s.secret_file}, but={"provider": 200, "task_force": 200, "operator": 200, "superuser": 200}),
    "api:listing_attachment_delete": R(404, lambda s: {"attachment_id": s.secret_file}, method="DELETE", but={"provider": 204, "anonymous": 401, "task_force": 403, "operator": 204, "superuser": 204}),
}
# fmt: on


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


# The project's routes plus one nobody decided about (for the test below).
urlpatterns = [*project_urls.urlpatterns, path("matrix-probe/", lambda request: None, name="matrix_probe")]


def test_a_route_without_an_entry_fails_the_matrix():
    with override_settings(ROOT_URLCONF=__name__):
        missing = _route_names() - {name.partition("#")[0] for name in ROUTES}
    assert missing == {"matrix_probe"}


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
    if getattr(response, "streaming", False):
        # Read to the end: the test client then closes the file without the request_finished
        # signal, which would close the database connection of the module's transaction.
        b"".join(response.streaming_content)
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


# Who receives the outcome's confidential part (docs/permissions.md): its owner's members, operators
# and the task force. The broker has a case on the outcome, which the institute has not agreed to.
SEES_THE_SECRET = {"researcher", "task_force", "operator", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_the_confidential_part_of_an_outcome_per_role(scene, role):
    client = _client_for(role, scene)
    api = client.get(reverse("api:outcome_detail", kwargs={"outcome_id": scene.outcome})).json()
    assert (api["confidential_details"] == SECRET) is (role in SEES_THE_SECRET)
    for name, kwargs in (
        ("listings:outcome_detail", {"pk": scene.outcome}),
        ("brokerage:case_detail", {"case_id": scene.case}),
    ):
        page = client.get(reverse(name, kwargs=kwargs)).content.decode()
        if role not in SEES_THE_SECRET:
            assert SECRET not in page, name
