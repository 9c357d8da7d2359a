"""From the project's models to the engine's documents, and back.

Each indexable model has one kind. `document_for(obj)` returns the engine `Document` for an object
that may be indexed (published, not expired) or None when it must leave the index. Only public
text goes in: both language versions of titles and descriptions, keywords and industry names —
never confidential details or contact data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

from alleyhub.catalogue.models import ServiceOffering
from alleyhub.core.models import ListingStatus
from alleyhub.directory.models import Industry, Organization, Person
from alleyhub.directory.ownership import listing_is_public
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.requests.models import Category as RequestCategory
from alleyhub.requests.models import EnterpriseRequest, RequestStatus
from alleyhub.spaces.models import SpaceUnit

from .engine import Document
from .kinds import DocumentKind

EXPERT_KINDS = (Person.Kind.EXPERT, Person.Kind.RESEARCHER)


def doc_id_for(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


def parse_doc_id(doc_id: str) -> tuple[str, int]:
    kind, _, pk = doc_id.partition(":")
    return kind, int(pk)


def _join(*parts: Any) -> str:
    return "\n".join(str(p).strip() for p in parts if p and str(p).strip())


def _titles(obj, field: str = "title") -> str:
    zh, en = getattr(obj, f"{field}_zh", "") or "", getattr(obj, f"{field}_en", "") or ""
    return " / ".join(t for t in (zh.strip(), en.strip()) if t)


def _industry_codes_and_names(industries: Iterable[Industry]) -> tuple[list[str], list[str]]:
    """The industries' codes and names (both languages). The engine treats "ic" as covering
    "ic-power"; where a code does not follow that prefix scheme its ancestors are added, so a
    demand in 集成电路 still meets an outcome in 功率半导体."""
    codes: list[str] = []
    names: list[str] = []
    for industry in industries:
        names += [industry.name_zh, industry.name_en]
        node: Industry = industry
        codes.append(node.code)
        depth = 0
        while node.parent_id and depth < 10:
            parent = node.parent
            if parent is None:
                break
            if not node.code.startswith(parent.code + "-") and parent.code not in codes:
                codes.append(parent.code)
            node, depth = parent, depth + 1
    return list(dict.fromkeys(codes)), [n for n in names if n]


def _lang(obj) -> str:
    return getattr(obj, "language", "zh") or "zh"


def _is_live_listing(obj) -> bool:
    if not listing_is_public(obj):
        return False
    return not (obj.expires_on and obj.expires_on < timezone.localdate())


def _outcome(obj: TechOutcome) -> Document | None:
    if not _is_live_listing(obj):
        return None
    codes, names = _industry_codes_and_names(obj.industries.all())
    fields = {
        "trl": obj.trl,
        "modes": list(obj.cooperation_modes or []),
        "price_min": obj.price_min,
        "price_max": obj.price_max,
        "industries": codes,
        "lang": _lang(obj),
    }
    text = _join(
        obj.summary_zh,
        obj.summary_en,
        obj.applications_zh,
        obj.applications_en,
        obj.keywords,
        " ".join(names),
        obj.owner.name_zh,
        obj.owner.name_en,
    )
    return _doc(DocumentKind.OUTCOME, obj.pk, _titles(obj), text, fields)


def _demand(obj: TechDemand) -> Document | None:
    if not _is_live_listing(obj):
        return None
    codes, names = _industry_codes_and_names(obj.industries.all())
    fields = {
        "min_trl": obj.min_trl,
        "budget_min": obj.budget_min,
        "budget_max": obj.budget_max,
        "wanted_modes": list(obj.wanted_modes or []),
        "industries": codes,
        "lang": _lang(obj),
    }
    text = _join(obj.description_zh, obj.description_en, obj.keywords, " ".join(names))
    return _doc(DocumentKind.DEMAND, obj.pk, _titles(obj), text, fields)


def _investor(obj: InvestorProfile) -> Document | None:
    if not _is_live_listing(obj):
        return None
    codes, names = _industry_codes_and_names(obj.sectors.all())
    fields = {
        "stages": list(obj.stages or []),
        "ticket_min": obj.ticket_min,
        "ticket_max": obj.ticket_max,
        "industries": codes,
        "lang": _lang(obj),
    }
    title = _titles(obj) or _titles(obj.owner, "name")
    text = _join(
        obj.thesis_zh, obj.thesis_en, obj.portfolio, " ".join(names), obj.owner.name_zh, obj.owner.name_en
    )
    return _doc(DocumentKind.INVESTOR, obj.pk, title, text, fields)


def _expert(obj: Person) -> Document | None:
    if not obj.is_published or obj.kind not in EXPERT_KINDS:
        return None
    codes, names = _industry_codes_and_names(obj.industries.all())
    orgs = [a.organization for a in obj.affiliations.all() if a.end_date is None]
    fields = {"industries": codes, "lang": _lang(obj)}
    title = _join(_titles(obj, "name"), _titles(obj, "title")).replace("\n", " · ")
    text = _join(obj.bio_zh, obj.bio_en, obj.expertise, " ".join(names), *[_titles(o, "name") for o in orgs])
    return _doc(DocumentKind.EXPERT, obj.pk, title, text, fields)


def _service(obj: ServiceOffering) -> Document | None:
    if not _is_live_listing(obj):
        return None
    fields = {"category": obj.category, "stages": list(obj.stages or []), "lang": _lang(obj)}
    text = _join(
        obj.get_category_display(),
        obj.description_zh,
        obj.description_en,
        obj.eligibility_zh,
        obj.eligibility_en,
        obj.owner.name_zh,
        obj.owner.name_en,
    )
    return _doc(DocumentKind.SERVICE, obj.pk, _titles(obj), text, fields)


def _space(obj: SpaceUnit) -> Document | None:
    if not _is_live_listing(obj):
        return None
    if obj.available_until and obj.available_until < timezone.localdate():
        return None
    building = obj.building
    fields = {
        "area_sqm": float(obj.area_sqm),
        "rent_per_sqm_day": float(obj.rent_per_sqm_day),
        "space_kind": obj.kind,
        "subdistrict": building.subdistrict,
        "available_from": obj.available_from.isoformat() if obj.available_from else None,
        "lang": _lang(obj),
    }
    title = _titles(obj) or f"{_titles(building, 'name')} {obj.floor}".strip()
    text = _join(
        obj.get_kind_display(),
        _titles(building, "name"),
        building.address,
        building.subdistrict,
        obj.description_zh,
        obj.description_en,
        " ".join(str(f) for f in (obj.facilities or [])),
        building.description_zh,
        building.description_en,
    )
    return _doc(DocumentKind.SPACE, obj.pk, title, text, fields)


def _organization(obj: Organization) -> Document | None:
    if not obj.is_published or not obj.is_approved:
        return None
    codes, names = _industry_codes_and_names(obj.industries.all())
    fields = {
        "org_kind": obj.kind,
        "stage": obj.stage or None,
        "industries": codes,
        "subdistrict": obj.subdistrict,
        "lang": _lang(obj),
    }
    # An enterprise's published demands describe what it needs: they make it findable from an outcome.
    demands = []
    if obj.kind == "enterprise":
        today = timezone.localdate()
        for d in obj.demands.filter(status=ListingStatus.PUBLISHED).exclude(expires_on__lt=today)[:20]:
            demands += [d.title_zh, d.title_en, d.keywords]
    text = _join(obj.short_name, obj.description_zh, obj.description_en, " ".join(names), *demands)
    return _doc(DocumentKind.ORGANIZATION, obj.pk, _titles(obj, "name"), text, fields)


def _doc(kind: str, pk: int, title: str, text: str, fields: dict) -> Document:
    clean = {k: v for k, v in fields.items() if v not in (None, "", [])}
    return Document(id=doc_id_for(kind, pk), kind=str(kind), title=title, text=text, fields=clean)


@dataclass(frozen=True)
class KindSpec:
    kind: str
    model: type[models.Model]
    build: Any
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()

    def queryset(self) -> models.QuerySet:
        qs = self.model._default_manager.all()
        if self.related:
            qs = qs.select_related(*self.related)
        return qs

    def bulk_queryset(self) -> models.QuerySet:
        return self.queryset().prefetch_related(*self.prefetch).order_by("pk")


SPECS: dict[str, KindSpec] = {
    DocumentKind.OUTCOME: KindSpec(
        DocumentKind.OUTCOME, TechOutcome, _outcome, ("owner",), ("industries__parent",)
    ),
    DocumentKind.DEMAND: KindSpec(
        DocumentKind.DEMAND, TechDemand, _demand, ("owner",), ("industries__parent",)
    ),
    DocumentKind.INVESTOR: KindSpec(
        DocumentKind.INVESTOR, InvestorProfile, _investor, ("owner",), ("sectors__parent",)
    ),
    DocumentKind.EXPERT: KindSpec(
        DocumentKind.EXPERT, Person, _expert, (), ("industries__parent", "affiliations__organization")
    ),
    DocumentKind.SERVICE: KindSpec(DocumentKind.SERVICE, ServiceOffering, _service, ("owner",)),
    DocumentKind.SPACE: KindSpec(DocumentKind.SPACE, SpaceUnit, _space, ("owner", "building")),
    DocumentKind.ORGANIZATION: KindSpec(
        DocumentKind.ORGANIZATION, Organization, _organization, (), ("industries__parent",)
    ),
}
MODEL_KINDS: dict[type[models.Model], str] = {spec.model: kind for kind, spec in SPECS.items()}

# Kinds that are matched from but never indexed: a space request (an enterprise request in the
# category "space") is private; its text becomes a query against the available units.
SOURCE_ONLY: dict[str, type[models.Model]] = {DocumentKind.REQUEST: EnterpriseRequest}
SOURCE_MODEL_KINDS: dict[type[models.Model], str] = {m: k for k, m in SOURCE_ONLY.items()}


def source_only_query(kind: str, obj: models.Model) -> tuple[str, dict] | None:
    """(text, fields) of a source-only object that may be matched now, else None. Facts in the
    text ("200平", "月租3.5万", "华阳路") become constraints in the engine."""
    if kind == DocumentKind.REQUEST and isinstance(obj, EnterpriseRequest):
        if obj.category != RequestCategory.SPACE or obj.status == RequestStatus.CLOSED:
            return None
        return f"{obj.title}\n{obj.description}", {}
    return None


def kind_for_model(model: type[models.Model]) -> str | None:
    return MODEL_KINDS.get(model) or SOURCE_MODEL_KINDS.get(model)


def document_for(obj: models.Model) -> Document | None:
    kind = MODEL_KINDS[type(obj)]
    return SPECS[kind].build(obj)


def object_for(kind: str, object_id: int) -> models.Model | None:
    spec = SPECS.get(kind)
    if spec is None:
        model = SOURCE_ONLY.get(kind)
        return model._default_manager.filter(pk=object_id).first() if model else None
    return spec.queryset().filter(pk=object_id).first()


def objects_for(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], models.Model]:
    """Load many objects with one query per kind."""
    by_kind: dict[str, set[int]] = {}
    for kind, pk in pairs:
        by_kind.setdefault(kind, set()).add(pk)
    found: dict[tuple[str, int], models.Model] = {}
    for kind, pks in by_kind.items():
        spec = SPECS.get(kind)
        if spec is not None:
            qs = spec.queryset()
        elif kind in SOURCE_ONLY:
            qs = SOURCE_ONLY[kind]._default_manager.all()
        else:
            continue
        for obj in qs.filter(pk__in=pks):
            found[(kind, obj.pk)] = obj
    return found


def iter_all_objects() -> Iterator[tuple[str, models.Model]]:
    for kind, spec in SPECS.items():
        for obj in spec.bulk_queryset().iterator(chunk_size=500):
            yield kind, obj


def owner_organization_id(kind: str, obj: models.Model) -> int | None:
    """The organisation whose members act for this object (None for experts)."""
    if kind == DocumentKind.ORGANIZATION:
        return obj.pk
    if kind == DocumentKind.REQUEST and isinstance(obj, EnterpriseRequest):
        return obj.organization_id
    return getattr(obj, "owner_id", None)


def display_title(kind: str, obj: models.Model) -> str:
    if isinstance(obj, Organization | Person):
        return obj.localized("name") or str(obj)
    if isinstance(obj, EnterpriseRequest):
        return obj.title
    return str(obj)
