"""API for the brokers' pipeline (mounted at /api/cases). Same services, selectors and checks as
the pages: the list is selectors.case_list, moves are services.case_move with the version the
client saw (`version` in the body or an `If-Match` header; a stale one is a 409 problem)."""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from alleyhub.accounts.models import Role, User
from alleyhub.core.api_auth import api_auth_required
from alleyhub.core.api_inputs import optional_body, optional_body_openapi
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.http import client_ip
from alleyhub.core.pagination import BoundedPageNumberPagination
from alleyhub.core.transitions import etag_for, expected_version_from
from alleyhub.directory.models import Organization, Person
from alleyhub.directory.ownership import can_see_listing
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.matching.selectors import match_get_for_user

from . import selectors, services
from .schemas import (
    AcceptanceOut,
    ActivityIn,
    ActivityOut,
    BrokerFiguresOut,
    CaseCreateIn,
    CaseFilters,
    CaseFromMatchIn,
    CaseMoveIn,
    CaseOut,
    CaseRatingOut,
    RatingIn,
)

router = Router(tags=["cases"], auth=api_auth_required)
M = TypeVar("M", bound=Model)


def _user_or_422(pk: int, label: str) -> User:
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise ApplicationError(_("找不到用户：%(field)s") % {"field": label}, status=422)
    return user


def _obj_or_422(model: type[M], pk: int, label: str) -> M:
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise ApplicationError(_("找不到对象：%(field)s") % {"field": label}, status=422)
    return obj


def _optional_obj_or_422(model: type[M], pk: int | None, label: str) -> M | None:
    return None if pk is None else _obj_or_422(model, pk, label)


def _listing_or_422(model: type[M], pk: int | None, label: str, user) -> M | None:
    """A listing named in the body, answered exactly like a missing id when the user may not see
    it (someone else's draft): GET of that draft is a 404, so a 403 here would tell that it exists."""
    listing = _optional_obj_or_422(model, pk, label)
    if listing is not None and not can_see_listing(user=user, listing=listing):  # type: ignore[arg-type]
        raise ApplicationError(_("找不到对象：%(field)s") % {"field": label}, status=422)
    return listing


@router.get("", response=list[CaseOut], summary="Cases I may see")
@paginate(BoundedPageNumberPagination)
def case_list(request, filters: Query[CaseFilters]):
    return selectors.case_list(user=request.user, params=filters.params()).prefetch_related("co_brokers")


@router.post("", response={201: CaseOut}, summary="Open a case by hand")
def case_create(request, payload: CaseCreateIn):
    broker: User | None
    if payload.broker_id is not None:
        broker = _user_or_422(payload.broker_id, "broker_id")
    else:
        broker = request.user if request.user.is_broker else None
    case = services.case_create(
        demand_org=_obj_or_422(Organization, payload.demand_org_id, "demand_org_id"),
        demand=_listing_or_422(TechDemand, payload.demand_id, "demand_id", request.user),
        outcome=_listing_or_422(TechOutcome, payload.outcome_id, "outcome_id", request.user),
        expert=_optional_obj_or_422(Person, payload.expert_id, "expert_id"),
        investor=_listing_or_422(InvestorProfile, payload.investor_id, "investor_id", request.user),
        broker=broker,
        co_brokers=[_user_or_422(pk, "co_broker_ids") for pk in payload.co_broker_ids],
        title=payload.title,
        note=payload.note,
        actor=request.user,
    )
    return Status(201, case)


@router.post(
    "/from-match/{match_id}",
    response={201: CaseOut},
    summary="Start a case from a match",
    openapi_extra=optional_body_openapi(CaseFromMatchIn),
)
def case_from_match(request, match_id: int):
    match = match_get_for_user(match_id=match_id, user=request.user)
    broker_id = optional_body(request, CaseFromMatchIn).broker_id
    broker = _user_or_422(broker_id, "broker_id") if broker_id is not None else None
    return Status(201, services.case_start_from_match(match=match, actor=request.user, broker=broker))


@router.get("/{case_id}", response=CaseOut, summary="One case (with an ETag of its version)")
def case_detail(request, case_id: int, response: HttpResponse):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    response["ETag"] = etag_for(case)
    return case


@router.post(
    "/{case_id}/move",
    response=CaseOut,
    summary="Move a case to another stage (send the version you saw; 409 if it changed)",
)
def case_move(request, case_id: int, payload: CaseMoveIn, response: HttpResponse):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    expected_version = expected_version_from(request, payload.version)
    if expected_version is None:
        # A move decided on an old picture of the pipeline must not go through unnoticed.
        raise ApplicationError(
            _("请提供您看到的版本：请求正文中的 version 或 If-Match 头。"),
            {"code": "version_required"},
            status=422,
        )
    moved = services.case_move(
        case=case,
        to_stage=payload.to_stage.value,
        expected_version=expected_version,
        actor=request.user,
        note=payload.note,
        close_reason=payload.close_reason.value if payload.close_reason else "",
        contract_type=payload.contract_type.value if payload.contract_type else "",
        contract_amount=payload.contract_amount,
        contract_date=payload.contract_date,
    )
    response["ETag"] = etag_for(moved)
    return moved


@router.get("/{case_id}/activities", response=list[ActivityOut], summary="A case's activities")
@paginate(BoundedPageNumberPagination)
def activity_list(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    return selectors.case_activities_for_user(case=case, user=request.user)


@router.post("/{case_id}/activities", response={201: ActivityOut}, summary="Record a note, call or meeting")
def activity_add(request, case_id: int, payload: ActivityIn):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    activity = services.case_activity_add(
        case=case, actor=request.user, kind=payload.kind.value, text=payload.text
    )
    return Status(201, activity)


@router.post(
    "/{case_id}/files",
    response={201: ActivityOut},
    summary="Attach a file (≤ 10 MB; pdf, docx, xlsx, pptx, png, jpg, txt)",
)
def file_add(request, case_id: int, file: File[UploadedFile], text: Form[str] = ""):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user, for_write=True)
    activity = services.case_activity_add(case=case, actor=request.user, kind="file", text=text, upload=file)
    return Status(201, selectors.case_activities_for_user(case=case, user=request.user).get(pk=activity.pk))


@router.post(
    "/{case_id}/confidentiality", response=AcceptanceOut, summary="Accept the case's confidentiality terms"
)
def confidentiality_accept(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    return services.case_confidentiality_accept(case=case, actor=request.user, ip_address=client_ip(request))


@router.post(
    "/{case_id}/agree",
    response=CaseOut,
    summary="Agree to the case for my organisation (a member of the supply or demand side)",
)
def case_side_accept(request, case_id: int):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    return services.case_side_accept(case=case, actor=request.user)


@router.post("/{case_id}/rating", response=CaseRatingOut, summary="Rate the broker's work on a finished case")
def case_rate(request, case_id: int, payload: RatingIn):
    case = selectors.case_get_for_user(case_id=case_id, user=request.user)
    return services.case_rate(case=case, actor=request.user, score=payload.score, comment=payload.comment)


@router.get("/brokers/ranking", response=list[BrokerFiguresOut], summary="District-wide broker ranking")
def broker_ranking(request):
    return selectors.broker_ranking()


@router.get("/brokers/{user_id}", response=BrokerFiguresOut, summary="One broker's figures")
def broker_figures(request, user_id: int):
    broker = get_object_or_404(User, pk=user_id, role=Role.BROKER)
    if not (request.user.is_operator or request.user.pk == broker.pk):
        raise PermissionDenied
    return selectors.broker_figures(broker=broker)
