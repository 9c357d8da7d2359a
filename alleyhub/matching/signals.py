"""Keep the matching index in step with the listings, experts and organisations.

Signals are used because the listing services belong to other apps: whatever saves a listing
(a service, the admin, the demo loader) schedules one sync of its index row after commit."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.directory.models import Affiliation, Organization, Person
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.requests.models import Category as RequestCategory
from alleyhub.requests.models import EnterpriseRequest
from alleyhub.spaces.models import Building, SpaceUnit

from .models import DocumentKind
from .scheduling import index_schedule_sync, matches_schedule_refresh

INDEXED_MODELS = {
    TechOutcome: DocumentKind.OUTCOME,
    TechDemand: DocumentKind.DEMAND,
    InvestorProfile: DocumentKind.INVESTOR,
    Person: DocumentKind.EXPERT,
    ServiceOffering: DocumentKind.SERVICE,
    SpaceUnit: DocumentKind.SPACE,
    Organization: DocumentKind.ORGANIZATION,
}
M2M_FIELDS = (
    (TechOutcome, "industries"),
    (TechDemand, "industries"),
    (InvestorProfile, "sectors"),
    (Person, "industries"),
    (Organization, "industries"),
)


def _schedule(kind: str, instance) -> None:
    if instance.pk is None:
        return
    index_schedule_sync(kind=kind, object_id=instance.pk)
    # An enterprise's document lists its published demands.
    if kind == DocumentKind.DEMAND and instance.owner_id:
        index_schedule_sync(kind=DocumentKind.ORGANIZATION, object_id=instance.owner_id)


def _on_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the rebuild command indexes fixtures
        return
    _schedule(INDEXED_MODELS[sender], instance)


def _on_delete(sender, instance, **kwargs) -> None:
    _schedule(INDEXED_MODELS[sender], instance)


def _on_m2m(sender, instance, action, reverse, pk_set, model, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        kind = INDEXED_MODELS.get(type(instance))
        if kind:
            _schedule(kind, instance)
        return
    # industry.outcomes.add(...) and the like: the listings are in pk_set.
    kind = INDEXED_MODELS.get(model)
    if kind and pk_set:
        for pk in pk_set:
            index_schedule_sync(kind=kind, object_id=pk)


def _on_affiliation(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.person_id:
        index_schedule_sync(kind=DocumentKind.EXPERT, object_id=instance.person_id)


def _on_building(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    for pk in SpaceUnit.objects.filter(building_id=instance.pk).values_list("pk", flat=True):
        index_schedule_sync(kind=DocumentKind.SPACE, object_id=pk)


def _on_request(sender, instance, raw=False, **kwargs) -> None:
    """A space request is matched with the available units once its transaction commits."""
    if raw or instance.pk is None or instance.category != RequestCategory.SPACE:
        return
    matches_schedule_refresh(kind=DocumentKind.REQUEST, object_id=instance.pk)


def on_organization_changed(organization_id: int) -> None:
    """directory.hooks.organization_changed: the organisation's profile or approval changed
    (written without a save signal, by versioned_save). Its listings are public only while it is
    approved, so they are re-indexed with it."""
    index_schedule_sync(kind=DocumentKind.ORGANIZATION, object_id=organization_id)
    for model, kind in INDEXED_MODELS.items():
        if model in (Person, Organization):
            continue
        owned = {"owner_id": organization_id}  # every model left here is a PublishableListing
        for pk in model._default_manager.filter(**owned).values_list("pk", flat=True):
            index_schedule_sync(kind=kind, object_id=pk)


def connect() -> None:
    for model in INDEXED_MODELS:
        post_save.connect(_on_save, sender=model, dispatch_uid=f"matching-save-{model._meta.label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"matching-delete-{model._meta.label}")
    for model, name in M2M_FIELDS:
        through = getattr(model, name).through
        m2m_changed.connect(_on_m2m, sender=through, dispatch_uid=f"matching-m2m-{model._meta.label}-{name}")
    post_save.connect(_on_affiliation, sender=Affiliation, dispatch_uid="matching-affiliation-save")
    post_delete.connect(_on_affiliation, sender=Affiliation, dispatch_uid="matching-affiliation-delete")
    post_save.connect(_on_building, sender=Building, dispatch_uid="matching-building-save")
    post_save.connect(_on_request, sender=EnterpriseRequest, dispatch_uid="matching-request-save")
