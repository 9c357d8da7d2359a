"""The pages every listing kind shares (outcomes, demands, investor profiles, services, space units):
create, edit, the status buttons, and the attachments' upload / remove / download. Each app's
views call these with its form, its service and its URL names, so the same rules and messages
hold everywhere. Thin: parse, call a selector or a service, render. Refusals are never caught
here: forms show them through `core.pages.form_errors`, buttons through
`core.pages.PageErrorMiddleware`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alleyhub.accounts.selectors import user_organization_ids
from alleyhub.core.models import ListingStatus, PublishableListing
from alleyhub.core.pages import VersionField, form_error_text, form_errors
from alleyhub.core.uploads import protected_file_view

from . import listing_services
from .hooks import listing_kind, listing_kind_of
from .listing_forms import AttachmentForm, ListingEditForm
from .models import Organization
from .ownership import (
    attachment_for_download,
    attachment_get_for_user,
    can_edit_listing,
    creatable_organizations,
)

FORM_TEMPLATE = "directory/listing_form.html"


def manage_context(request: HttpRequest, obj: PublishableListing, *, action_url: str) -> dict[str, Any]:
    """What `directory/_listing_manage.html` needs: may the user edit, which status buttons."""
    return {
        "can_edit": can_edit_listing(user=request.user, listing=obj),
        "actions": [t.action for t in listing_services.LISTING_MOVES.allowed(obj.status)],
        "can_confirm": obj.status != ListingStatus.ARCHIVED,
        "action_url": action_url,
    }


def organizations_or_403(user: Any, kinds: Iterable[str] | None = None) -> QuerySet[Organization]:
    """The organisations offered in the owner field: the user's own (of the allowed kinds); an
    operator without such memberships gets every organisation of those kinds."""
    organizations = creatable_organizations(user=user, kinds=kinds)
    if not organizations.exists():
        raise PermissionDenied(_("您所在的机构不能发布这类条目。"))
    own = organizations.filter(id__in=user_organization_ids(user))
    if own.exists():
        return own
    if kinds is not None:
        organizations = organizations.filter(kind__in=list(kinds)) or organizations
    return organizations.order_by("name_zh", "name_en")


def listing_create_page(
    request: HttpRequest,
    *,
    form_class: type[ListingEditForm],
    create: Callable[..., PublishableListing],
    detail_url: str,
    heading: str,
    cancel_url: str,
    owner_kinds: Iterable[str] | None = None,
    organizations: QuerySet[Organization] | None = None,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    """A create page: `create(actor=, owner=, **fields)` saves a draft. The owner choice is
    `organizations` when given (403 when empty), else the user's organisations of `owner_kinds`."""
    if organizations is not None and not organizations.exists():
        raise PermissionDenied(_("您所在的机构不能发布这类条目。"))
    form = form_class(
        request.POST or None,
        organizations=organizations
        if organizations is not None
        else organizations_or_403(request.user, owner_kinds),
        **(form_kwargs or {}),
    )
    if request.method == "POST" and form.is_valid():
        data, m2m = form.service_data()
        with form_errors(form):
            listing = create(actor=request.user, owner=form.cleaned_data["owner"], **data, **m2m)
            messages.success(request, _("已保存为草稿。"))
            return redirect(detail_url, pk=listing.pk)
    context = {"form": form, "obj": None, "heading": heading, "cancel_url": cancel_url}
    return render(request, FORM_TEMPLATE, context)


def listing_edit_page(
    request: HttpRequest,
    listing: PublishableListing,
    *,
    form_class: type[ListingEditForm],
    update: Callable[..., PublishableListing],
    detail_url: str,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    """An edit page: `update(listing, actor=, expected_version=, **fields)` saves it. A stale
    hidden version shows what changed meanwhile (core.pages)."""
    if not can_edit_listing(user=request.user, listing=listing):
        raise PermissionDenied
    # The form validates on its own copy, so the service sees the stored values as "before".
    instance = type(listing)._default_manager.get(pk=listing.pk)
    form = form_class(request.POST or None, instance=instance, **(form_kwargs or {}))
    del form.fields["owner"]
    if request.method == "POST" and form.is_valid():
        data, m2m = form.service_data()
        with form_errors(form):
            update(listing, actor=request.user, expected_version=form.cleaned_data["version"], **data, **m2m)
            messages.success(request, _("已保存。"))
            return redirect(detail_url, pk=listing.pk)
    heading = _("编辑：%(title)s") % {"title": listing}
    context = {
        "form": form,
        "obj": listing,
        "heading": heading,
        "cancel_url": _reverse(detail_url, listing.pk),
    }
    return render(request, FORM_TEMPLATE, context)


def _reverse(name: str, pk: int) -> str:
    return reverse(name, kwargs={"pk": pk})


# --- status buttons -------------------------------------------------------------------------------

ACTIONS: dict[str, tuple[Callable[..., PublishableListing], Any]] = {
    "publish": (listing_services.listing_publish, gettext_lazy("已发布。")),
    "archive": (listing_services.listing_archive, gettext_lazy("已归档。")),
    "confirm": (listing_services.listing_confirm, gettext_lazy("已确认信息仍然有效。")),
}


class ActionForm(forms.Form):
    """The hidden version a status button sends (the version the page showed)."""

    version = VersionField()


def listing_action_page(
    request: HttpRequest, *, getter: Callable[..., PublishableListing], pk: int, action: str, detail_url: str
) -> HttpResponse:
    """A status button (POST). A refusal (wrong state, stale version, expired) is shown by
    core.pages.PageErrorMiddleware on the page the button was on."""
    if action not in ACTIONS:
        raise Http404
    listing = getter(pk=pk, user=request.user)
    service, done = ACTIONS[action]
    form = ActionForm(request.POST)
    expected_version = form.cleaned_data["version"] if form.is_valid() else None
    service(listing=listing, actor=request.user, expected_version=expected_version)
    messages.success(request, str(done))
    return redirect(detail_url, pk=listing.pk)


# --- attachments ----------------------------------------------------------------------------------

# Anonymous visitors may download a published listing's public files, so no sign-in is required
# here; the selector refuses everything else (drafts, confidential files) with 404.
attachment_download = protected_file_view(attachment_for_download, require_login=False)


@login_required
@require_POST
def attachment_add(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Upload one file to a listing of `kind` (a registered `directory.hooks.ListingKind`). A
    refused file (type, content, size) is shown on the listing's page."""
    found = listing_kind(kind)
    if found is None:
        raise Http404
    listing = found.get_for_user(pk=pk, user=request.user)
    if not can_edit_listing(user=request.user, listing=listing):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(found.detail_url, pk=listing.pk)
    listing_services.attachment_add(
        listing=listing,
        actor=request.user,
        uploaded=form.cleaned_data["file"],
        title=form.cleaned_data["title"],
        confidential=form.cleaned_data["confidential"],
    )
    messages.success(request, _("附件已上传。"))
    return redirect(found.detail_url, pk=listing.pk)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = attachment_get_for_user(pk=pk, user=request.user, for_write=True)
    listing = attachment.listing
    found = listing_kind_of(listing)
    listing_services.attachment_remove(attachment=attachment, actor=request.user)
    messages.success(request, _("附件已删除。"))
    if found is None or listing is None:
        return redirect("/")
    return redirect(found.detail_url, pk=listing.pk)
