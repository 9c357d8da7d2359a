"""Pages for enquiries: thin — parse, call a selector or a service, render. Refusals are
core.pages': `form_errors` on the forms; the action panel shows its own."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.lists import paginate, render_list
from alleyhub.core.models import current_language_code
from alleyhub.core.pages import form_error_text, form_errors
from alleyhub.directory.models import Organization

from . import selectors, services
from .forms import EnquiryActionForm, EnquiryFilterForm, EnquiryForm, ServiceFormForm
from .models import Action, Enquiry, EnquiryKind
from .questions import question_label
from .selectors import EnquiryListParams
from .transitions import ENQUIRY_MOVES


@login_required
def index(request) -> HttpResponse:
    return redirect("enquiries:inbox" if selectors.has_inbox(request.user) else "enquiries:mine")


def _list(request, *, scope: str, template: str, listings=None) -> HttpResponse:
    form = EnquiryFilterForm(request.GET or None, listings=listings)
    f = form.filters()
    params = EnquiryListParams(
        scope=scope, status=f.get("status", ""), kind=f.get("kind", ""), listing=f.get("listing", "")
    )
    page = paginate(request, selectors.enquiry_list(user=request.user, params=params))
    return render_list(
        request, template, {"form": form, "page_obj": page, "rows": page.object_list, "scope": scope}
    )


@login_required
def mine(request) -> HttpResponse:
    return _list(request, scope="mine", template="enquiries/mine.html")


@login_required
def inbox(request) -> HttpResponse:
    if not selectors.has_inbox(request.user):
        raise PermissionDenied(_("收件箱只对机构成员开放。"))
    listings = selectors.inbox_listing_choices(user=request.user)
    return _list(request, scope="inbox", template="enquiries/inbox.html", listings=listings)


def _new(request, *, kind: str, pk: int) -> HttpResponse:
    target = selectors.target_get_for_user(kind=kind, pk=pk, user=request.user)
    questions = selectors.service_questions(service=target) if isinstance(target, ServiceOffering) else []
    organizations = Organization.objects.filter(pk__in=user_organization_ids(request.user))
    form = EnquiryForm(request.POST or None, kind=kind, questions=questions, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            enquiry = services.enquiry_create(
                target=target,
                actor=request.user,
                consent=data["consent"],
                message=data["message"],
                answers=form.answers(),
                proposed_at=data.get("proposed_at"),
                party_size=data.get("party_size"),
                applicant_organization=data.get("applicant_organization"),
            )
            messages.success(request, _("已发送给 %(provider)s。") % {"provider": target.owner})
            return redirect(enquiry)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "enquiries/new.html", {"form": form, "target": target, "kind": kind}, status=status
    )


@login_required
def new_for_service(request, pk: int) -> HttpResponse:
    return _new(request, kind=EnquiryKind.SERVICE, pk=pk)


@login_required
def new_for_space(request, pk: int) -> HttpResponse:
    return _new(request, kind=EnquiryKind.SPACE, pk=pk)


def _detail_context(request, enquiry: Enquiry, *, form: EnquiryActionForm | None = None) -> dict:
    actions = selectors.enquiry_actions_for_user(enquiry=enquiry, user=request.user)
    lang = current_language_code()
    return {
        "enquiry": enquiry,
        "thread": selectors.enquiry_thread(enquiry=enquiry),
        "answers": [{"label": question_label(a, lang), "value": a.get("value", "")} for a in enquiry.answers],
        "actions": [(a, ENQUIRY_MOVES.get(a).display(), ENQUIRY_MOVES.get(a).note_required) for a in actions],
        "action_form": form or EnquiryActionForm(initial={"version": enquiry.version}),
        "error": form_error_text(form) if form is not None else "",
    }


@login_required
def detail(request, pk: int) -> HttpResponse:
    enquiry = selectors.enquiry_get_for_user(pk=pk, user=request.user)
    return render(request, "enquiries/detail.html", _detail_context(request, enquiry))


@login_required
@require_POST
def act(request, pk: int, action: str) -> HttpResponse:
    """One click per action; with htmx the panel is swapped in place (with the refusal, if any)."""
    if action not in ENQUIRY_MOVES:
        raise Http404
    form = EnquiryActionForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.enquiry_act(
                enquiry_id=pk,
                action=action,
                actor=request.user,
                body=form.cleaned_data["body"] or "",
                expected_version=form.cleaned_data["version"],
            )
    enquiry = selectors.enquiry_get_for_user(pk=pk, user=request.user)
    refused = bool(form.errors)
    if request.htmx:
        return render(
            request,
            "enquiries/detail.html#panel",
            _detail_context(request, enquiry, form=form if refused else None),
        )
    if refused:
        messages.error(request, form_error_text(form))
    else:
        messages.success(request, _("已完成：%(action)s") % {"action": Action(action).label})
    return redirect(enquiry)


@login_required
def service_form(request, pk: int) -> HttpResponse:
    """The provider's editor of a service's application form (a JSON list of questions)."""
    service = selectors.service_get_for_user(pk=pk, user=request.user)
    questions = selectors.service_questions(service=service)
    if request.method == "POST":
        form = ServiceFormForm(request.POST)
        if form.is_valid():
            with form_errors(form):
                services.service_form_set(
                    service=service, questions=form.cleaned_data["questions"], actor=request.user
                )
                messages.success(request, _("申请表已保存。"))
                return redirect("enquiries:service_form", pk=service.pk)
    else:
        if not selectors.can_edit_service_form(service=service, user=request.user):
            raise PermissionDenied(_("只有服务提供方的成员可以修改申请表。"))
        form = ServiceFormForm(initial={"questions": json.dumps(questions, ensure_ascii=False, indent=2)})
    status = 400 if request.method == "POST" else 200
    return render(request, "enquiries/service_form.html", {"form": form, "service": service}, status=status)
