import os
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alleyhub.accounts.models import Membership, User
from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.core.pages import form_error_text, form_errors
from alleyhub.core.uploads import StoredFile, file_response
from alleyhub.directory import selectors, services
from alleyhub.directory.filters import OrganizationFilter
from alleyhub.directory.forms import (
    DecisionForm,
    InvitationForm,
    JoinRequestForm,
    MemberRoleForm,
    OrganizationProfileForm,
    OrganizationRegisterForm,
)
from alleyhub.directory.models import (
    Affiliation,
    JoinRequestStatus,
    LifecycleStage,
    Organization,
    OrganizationKind,
    Person,
)

PAGE_SIZE = 20


def organization_list(request):
    """The directory. HTMX requests (filter changes) get only the results partial."""
    filterset = OrganizationFilter(request.GET or None, queryset=Organization.objects.none())
    page = Paginator(filterset.results_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "kind_choices": OrganizationKind.choices,
        "stage_choices": LifecycleStage.choices,
        "industry_options": [
            (industry.code, ("\u3000" * depth + "└ " if depth else "") + industry.localized_name)
            for industry, depth in selectors.industry_choices()
        ],
        "subdistrict_options": selectors.subdistrict_choices(),
        "current": {
            name: request.GET.get(name, "") for name in ("q", "kind", "industry", "stage", "subdistrict")
        },
    }
    template = "directory/organization_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def organization_detail(request, slug: str):
    org = selectors.organization_get_for_user(user=request.user, slug=slug)
    context = {
        "org": org,
        "can_manage": services.can_manage_organization(user=request.user, organization=org),
        "people": selectors.organization_people(organization=org, user=request.user),
        "listings": selectors.organization_listings(organization=org),
        "show_contact": selectors.organization_contact_visible(user=request.user),
    }
    return render(request, "directory/organization_detail.html", context)


def person_detail(request, pk: int):
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    context = {
        "person": person,
        "show_contact": selectors.person_contact_visible(person=person, user=request.user),
    }
    return render(request, "directory/person_detail.html", context)


def person_list(request):
    """Experts, researchers, brokers, entrepreneurs and investors, with kind and text filters."""
    kind = request.GET.get("kind", "")
    if kind not in Person.Kind.values:
        kind = ""
    q = request.GET.get("q", "")[: selectors.SEARCH_MAX_LENGTH]
    people = selectors.person_list(user=request.user, kind=kind, q=q).prefetch_related(
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.filter(is_primary=True, end_date__isnull=True).select_related(
                "organization"
            ),
            to_attr="primary_affiliations",
        )
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "kind_choices": Person.Kind.choices, "current": {"kind": kind, "q": q}}
    template = "directory/person_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


# --- organisations running themselves -------------------------------------------------------------


def _actor(request: HttpRequest) -> User:
    """The signed-in user of a page that requires one (login_required let nobody else in)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _signup_url(next_url: str) -> str:
    """The sign-up page (accounts:signup, when that app has it) that returns to `next_url`."""
    try:
        base = reverse("accounts:signup")
    except NoReverseMatch:
        base = settings.ALLEYHUB_SIGNUP_PATH
    return f"{base}?{urlencode({'next': next_url})}"


@login_required
def join(request: HttpRequest) -> HttpResponse:
    """Where a signed-in user without an organisation goes: find one and ask to join it, or
    register a new one. Also shows the user's own requests."""
    q = request.GET.get("q", "")[: selectors.SEARCH_MAX_LENGTH]
    user = _actor(request)
    member_of = set(user_organization_ids(user))
    pending = set(
        selectors.join_requests_for_user(user=user)
        .filter(status=JoinRequestStatus.PENDING)
        .values_list("organization_id", flat=True)
    )
    context = {
        "q": q,
        "candidates": selectors.organization_join_candidates(q=q) if q else [],
        "member_of": member_of,
        "pending": pending,
        "form": JoinRequestForm(),
        "my_requests": selectors.join_requests_for_user(user=user)[:20],
        "memberships": Membership.objects.filter(user=user).select_related("organization"),
    }
    return render(request, "directory/join.html", context)


@login_required
@require_POST
def join_request_create(request: HttpRequest, slug: str) -> HttpResponse:
    organization = selectors.organization_get_for_user(user=request.user, slug=slug)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect("directory:join")
    services.join_request_create(
        organization=organization, actor=_actor(request), message=form.cleaned_data["message"]
    )
    messages.success(
        request, _("已向「%(name)s」提交加入申请，管理员批准后您会收到通知。") % {"name": organization.name}
    )
    return redirect("directory:join")


@login_required
@require_POST
def join_request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    join_req = selectors.join_request_get_for_user(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.join_request_decide(join=join_req, action=action, actor=_actor(request), note=note)
    labels = {"approve": _("已批准。"), "reject": _("已拒绝。"), "withdraw": _("已撤回。")}
    messages.success(request, labels.get(action, _("已保存。")))
    return redirect(_next_or(request, "directory:join"))


def _next_or(request: HttpRequest, default: str) -> str:
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, require_https=request.is_secure()):
        return nxt
    return reverse(default)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    form = OrganizationRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            org = services.organization_register(actor=_actor(request), **form.cleaned_data)
            messages.success(
                request,
                _("「%(name)s」已提交，运营方审核通过后，机构信息和发布的内容将公开。") % {"name": org.name},
            )
            return redirect("directory:detail", slug=org.slug)
    existing = None
    if form.errors.get("credit_code"):
        existing = services.organization_by_credit_code(request.POST.get("credit_code", ""))
        if existing is not None and not existing.is_approved:
            existing = None
    return render(request, "directory/register.html", {"form": form, "existing": existing})


@login_required
def review(request: HttpRequest) -> HttpResponse:
    """The operators' queue: registered organisations waiting for approval, and join requests to
    organisations that have no admin."""
    queue = selectors.organization_review_queue(user=request.user)
    context = {
        "organizations": queue,
        "join_requests": selectors.join_requests_without_admin(),
        "form": DecisionForm(),
    }
    return render(request, "directory/review.html", context)


@login_required
@require_POST
def review_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    selectors.organization_review_queue(user=request.user)  # operators only
    org = Organization.objects.filter(slug=slug).first()
    if org is None:
        raise Http404
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.organization_review(organization=org, action=action, actor=_actor(request), note=note)
    messages.success(request, _("已通过。") if action == "approve" else _("已退回。"))
    return redirect("directory:review")


@login_required
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    org = selectors.organization_get_for_manage(user=request.user, slug=slug)
    # The form validates on its own copy, so the service compares with the stored values.
    form = OrganizationProfileForm(
        request.POST or None, request.FILES or None, instance=Organization.objects.get(pk=org.pk)
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.organization_update(
                organization=org,
                actor=_actor(request),
                expected_version=form.cleaned_data["version"],
                **form.service_data(),
            )
            messages.success(request, _("已保存。"))
            return redirect("directory:detail", slug=org.slug)
    return render(request, "directory/organization_edit.html", {"form": form, "org": org})


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's members with their roles, pending join requests and invitations; POST
    invites a colleague."""
    org = selectors.organization_get_for_manage(user=request.user, slug=slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.invitation_create(
                organization=org,
                actor=_actor(request),
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
            messages.success(request, _("邀请已发送至 %(email)s。") % {"email": form.cleaned_data["email"]})
            return redirect("directory:members", slug=org.slug)
    context = {
        "org": org,
        "members": selectors.organization_members(organization=org),
        "join_requests": selectors.join_requests_to_decide(user=request.user, organization=org),
        "invitations": selectors.organization_invitations(organization=org),
        "form": form,
        "role_choices": Membership.MemberRole.choices,
    }
    return render(request, "directory/members.html", context)


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = selectors.membership_get_for_manage(user=request.user, slug=slug, pk=pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
    else:
        services.membership_set_role(
            membership=membership, role=form.cleaned_data["role"], actor=_actor(request)
        )
        messages.success(request, _("角色已更新。"))
    return redirect("directory:members", slug=slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = selectors.membership_get_for_manage(user=request.user, slug=slug, pk=pk)
    services.membership_remove(membership=membership, actor=_actor(request))
    messages.success(request, _("已移除成员。"))
    return redirect("directory:members", slug=slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    invitation = selectors.invitation_get_for_manage(user=request.user, slug=slug, pk=pk)
    services.invitation_revoke(invitation=invitation, actor=_actor(request))
    messages.success(request, _("邀请已撤销。"))
    return redirect("directory:members", slug=slug)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation e-mail. Signed out: sign in or sign up (then back here);
    signed in: accept."""
    invite = services.invitation_from_token(token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.path})}")
        membership = services.invitation_accept(token=token, actor=_actor(request))
        messages.success(request, _("您已加入「%(name)s」。") % {"name": membership.organization.name})
        return redirect("directory:detail", slug=membership.organization.slug)
    context = {
        "invite": invite,
        "login_url": f"{reverse('accounts:login')}?{urlencode({'next': request.path})}",
        "signup_url": _signup_url(request.path),
    }
    return render(request, "directory/invitation.html", context)


def organization_logo(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The logo of an organisation the user may see (core.uploads' protective headers)."""
    org = selectors.organization_get_for_user(user=request.user, slug=slug)
    if not org.logo:
        raise Http404
    ext = os.path.splitext(org.logo.name or "")[1]
    return file_response(StoredFile(file=org.logo, filename=f"{org.slug}-logo{ext}"))
