from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alleyhub.core.http import client_ip
from alleyhub.core.lists import paginate, render_list
from alleyhub.core.pages import form_errors

from . import selectors, services
from .conf import privacy_setting
from .forms import AuditFilterForm, DeletionConfirmForm, DocumentsAcceptForm
from .hooks import automated_decision_subjects
from .middleware import clear_pending_documents
from .models import ConsentKind, ExportStatus
from .selectors import AuditListParams

AUDIT_PAGE_SIZE = 50


# --- audit -----------------------------------------------------------------------------------------


@login_required
@require_GET
def audit_list(request) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    params = AuditListParams(**form.filters())
    rows = selectors.audit_list(user=request.user, params=params)
    return render_list(
        request,
        "privacy/audit_list.html",
        {"page_obj": paginate(request, rows, per_page=AUDIT_PAGE_SIZE), "form": form},
    )


# --- documents and consent -------------------------------------------------------------------------


def _documents_context() -> dict:
    return {
        "notice_version": services.current_version(ConsentKind.PRIVACY_NOTICE),
        "terms_version": services.current_version(ConsentKind.TERMS),
    }


@require_GET
def notice(request) -> HttpResponse:
    return render(request, "privacy/notice.html", _documents_context())


@require_GET
def terms(request) -> HttpResponse:
    return render(request, "privacy/terms.html", _documents_context())


@login_required
def consent(request) -> HttpResponse:
    """Accept the current privacy notice and terms (where sign-in sends a user who has not)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = DocumentsAcceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.documents_accept(user=request.user, actor=request.user, ip=client_ip(request))
        clear_pending_documents(request)
        messages.success(request, _("感谢您同意最新的隐私政策和用户协议。"))
        return redirect(next_url or "core:home")
    pending = selectors.documents_pending(user=request.user)
    context = {"form": form, "next": next_url, "pending": pending, **_documents_context()}
    return render(request, "privacy/consent.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def contact_sharing(request) -> HttpResponse:
    """Give (`action=give`) or withdraw (`action=withdraw`) consent to show one's contact details
    to matched parties."""
    ip = client_ip(request)
    if request.POST.get("action") == "withdraw":
        services.consent_withdraw(
            user=request.user, kind=ConsentKind.CONTACT_SHARING, actor=request.user, ip=ip
        )
        messages.success(request, _("已撤回：您的联系方式不再向匹配方展示。"))
    else:
        services.consent_give(user=request.user, kind=ConsentKind.CONTACT_SHARING, actor=request.user, ip=ip)
        messages.success(request, _("已同意：您的联系方式将向匹配方展示。"))
    return redirect("accounts:me")


@login_required
def automated_decisions(request) -> HttpResponse:
    """What automated matching does with the user's objects, why each match was suggested, and
    the opt-out (`action=opt_out`) or opt-in (`action=opt_in`) of it (PIPL Art. 24)."""
    user = request.user
    if request.method == "POST":
        ip = client_ip(request)
        if request.POST.get("action") == "opt_in":
            services.consent_withdraw(user=user, kind=ConsentKind.MATCHING_OPT_OUT, actor=user, ip=ip)
            messages.success(request, _("您的成果、需求和人员信息将重新参与自动化匹配。"))
        else:
            services.consent_give(user=user, kind=ConsentKind.MATCHING_OPT_OUT, actor=user, ip=ip)
            messages.success(request, _("您的成果、需求和人员信息不再参与自动化匹配。"))
        return redirect("privacy:automated_decisions")
    subjects = [s for provider in automated_decision_subjects.providers() for s in provider(user.pk)]
    context = {
        "opt_out": selectors.consent_active(user=user, kind=ConsentKind.MATCHING_OPT_OUT),
        "subjects": subjects,
    }
    return render(request, "privacy/automated_decisions.html", context)


# --- data export -----------------------------------------------------------------------------------


@login_required
@require_POST
def export_start(request) -> HttpResponse:
    export = services.export_request(user=request.user, actor=request.user)
    return redirect("privacy:export_detail", pk=export.pk)


@login_required
@require_GET
def export_detail(request, pk: int) -> HttpResponse:
    """The export's progress; the page polls its #export-status partial while it is being built."""
    export = selectors.export_get_for_user(pk=pk, user=request.user)
    htmx = getattr(request, "htmx", None)
    template = "privacy/export.html#export-status" if htmx else "privacy/export.html"
    return render(request, template, {"export": export, "building": export.status in BUILDING})


BUILDING = (ExportStatus.PENDING, ExportStatus.RUNNING)


# --- account deletion ------------------------------------------------------------------------------


@login_required
def deletion(request) -> HttpResponse:
    """Delete my account: what happens, then the confirmation (password and a tick). A confirmed
    request is carried out after the grace period; until then this page offers to cancel it."""
    scheduled = selectors.deletion_scheduled(user=request.user)
    form = DeletionConfirmForm(request.POST if request.method == "POST" and not scheduled else None)
    if form.is_bound and form.is_valid():
        with form_errors(form):
            services.deletion_request(
                user=request.user,
                password=form.cleaned_data["password"],
                actor=request.user,
                ip=client_ip(request),
            )
            messages.success(request, _("注销申请已确认。宽限期内您可以随时撤销。"))
            return redirect("privacy:deletion")
    context = {"form": form, "scheduled": scheduled, "grace_days": privacy_setting("DELETION_GRACE_DAYS")}
    return render(request, "privacy/deletion.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def deletion_cancel(request) -> HttpResponse:
    services.deletion_cancel(user=request.user, actor=request.user, ip=client_ip(request))
    messages.success(request, _("注销申请已撤销，您的账号将保留。"))
    return redirect("accounts:me")


def account_section(request: HttpRequest) -> dict:
    """What the privacy part of the account page shows (see `accounts.hooks.account_sections`)."""
    user = request.user
    return {
        "contact_sharing": selectors.consent_active(user=user, kind=ConsentKind.CONTACT_SHARING),
        "matching_opt_out": selectors.consent_active(user=user, kind=ConsentKind.MATCHING_OPT_OUT),
        "history": selectors.consent_history(user=user)[:20],
        "audit_visible": selectors.audit_visible(user=user),
        "export": selectors.export_latest(user=user),
        "deletion": selectors.deletion_scheduled(user=user),
    }
