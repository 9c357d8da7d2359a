"""One column specification per kind of record: the same list drives the template, the import and
the export, so an exported file imports back with 0 changes.

A `Column` knows its key (the model field, or a virtual key such as `organization`), its Chinese
and English headers (both accepted on import), how to read a cell (`parse`, raising
ValidationError with a message in the user's language) and how to write one (`export`). Coded
columns accept the code, the Chinese or the English label; export writes the label in the user's
language. Foreign keys are written as a natural key: an organisation by its credit code (or its
name when it has none), industries by code, a building by its slug.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from alleyhub.catalogue.models import ServiceCategory, ServiceOffering
from alleyhub.core.models import ListingStatus
from alleyhub.directory.models import Industry, LifecycleStage, Organization, OrganizationKind, Person
from alleyhub.listings.models import CooperationMode, InvestorProfile, IPStatus, TechDemand, TechOutcome
from alleyhub.spaces.models import Building, SpaceKind, SpaceUnit

SEPARATORS = re.compile(r"\s*[;；,，、\n]\s*")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d", "%Y%m%d")
ESCAPED = ("=", "+", "-", "@")


class Lookups:
    """Maps from natural keys to ids, loaded once per import (no per-row queries). `plan_*`
    entries are records the same file creates (negative placeholder ids in a dry run)."""

    AMBIGUOUS = 0

    def __init__(self) -> None:
        self.orgs: dict[str, int] = {}
        self.org_labels: dict[int, str] = {}
        self.industries: dict[str, int] = {}
        self.industry_codes: dict[int, str] = {}
        self.buildings: dict[str, int] = {}
        self.building_slugs: dict[int, str] = {}
        self.allowed_org_ids: set[int] | None = None  # None: any organisation
        self.values_checked = False  # see importer.run

    def add_org(self, key: str, pk: int) -> None:
        key = key.strip().upper() if _looks_like_code(key) else key.strip()
        if not key:
            return
        old = self.orgs.get(key)
        self.orgs[key] = pk if old in (None, pk) else self.AMBIGUOUS

    def load(self) -> Lookups:
        for pk, code, zh, en in Organization.objects.values_list("pk", "credit_code", "name_zh", "name_en"):
            self.org_labels[pk] = code or zh or en
            for key in (code, zh, en):
                if key:
                    self.add_org(key, pk)
        for pk, code, zh, en in Industry.objects.values_list("pk", "code", "name_zh", "name_en"):
            self.industry_codes[pk] = code
            for key in (code, zh, en):
                if key:
                    self.industries.setdefault(key.strip().lower(), pk)
        for pk, slug, zh, en in Building.objects.values_list("pk", "slug", "name_zh", "name_en"):
            self.building_slugs[pk] = slug
            for key in (slug, zh, en):
                if key:
                    self.buildings.setdefault(key.strip().lower(), pk)
        return self


def _looks_like_code(value: str) -> bool:
    return len(value.strip()) == 18 and value.strip().isalnum()


# --- columns --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    required: bool = False
    example: Any = ""
    attr: str = ""  # the model attribute (default: key)
    virtual: bool = False  # not a model field: applied by the kind's own code
    m2m: bool = False

    @property
    def field_name(self) -> str:
        return self.attr or self.key

    def header(self, lang: str | None = None) -> str:
        lang = lang or ("en" if (translation.get_language() or "").startswith("en") else "zh")
        return self.en if lang == "en" else self.zh

    def allowed(self) -> list[str] | None:
        return None

    def hint(self) -> str:
        return ""

    def parse(self, raw: Any, lookups: Lookups) -> Any:
        """The value to store for the cell `raw` (None or a stripped string or a calamine value)."""
        return text_of(raw)

    def export(self, obj: Any, lookups: Lookups) -> Any:
        return getattr(obj, self.field_name)

    def current(self, obj: Any) -> Any:
        """The stored value, in the form `parse` returns (for the diff)."""
        return getattr(obj, self.field_name)

    def display(self, value: Any, lookups: Lookups) -> str:
        """A value as shown in the preview's diff."""
        if value is None:
            return ""
        return str(value)


def text_of(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime | date):
        raw = raw.isoformat()
    value = str(raw).strip()
    # What our export escaped against formula injection comes back as it was.
    if len(value) > 1 and value[0] == "'" and value[1] in ESCAPED:
        value = value[1:]
    return value


class Text(Column):
    pass


class Upper(Column):
    def parse(self, raw: Any, lookups: Lookups) -> Any:
        return text_of(raw).upper()


class Id(Column):
    """The platform's number of the record (as exported): the row updates that record."""

    def parse(self, raw: Any, lookups: Lookups) -> Any:
        value = text_of(raw)
        if not value:
            return None
        if not value.isdigit() or not 0 < int(value) < 2**63:
            raise ValidationError(_("编号应为正整数。"))
        return int(value)

    def export(self, obj: Any, lookups: Lookups) -> Any:
        return obj.pk


class Integer(Column):
    def parse(self, raw: Any, lookups: Lookups) -> Any:
        if raw is None or raw == "":
            return None
        if isinstance(raw, bool):
            raise ValidationError(_("应为整数。"))
        if isinstance(raw, int | float):
            if isinstance(raw, float) and not raw.is_integer():
                raise ValidationError(_("应为整数。"))
            return int(raw)
        value = text_of(raw).replace(",", "").replace("，", "")
        if re.fullmatch(r"-?\d+(\.0+)?", value):
            return int(float(value)) if "." in value else int(value)
        raise ValidationError(_("应为整数。"))


class Money(Integer):
    """An amount in 元: "500万" and "1.5亿" are accepted too."""

    def parse(self, raw: Any, lookups: Lookups) -> Any:
        if isinstance(raw, str):
            value = text_of(raw).replace(",", "").replace("，", "").replace("元", "")
            for unit, factor in (("万", 10_000), ("亿", 100_000_000)):
                if value.endswith(unit):
                    try:
                        amount = Decimal(value[: -len(unit)]) * factor
                    except InvalidOperation:
                        raise ValidationError(_("应为金额（元），例如 500000 或 50万。")) from None
                    if amount != amount.to_integral_value():
                        raise ValidationError(_("应为金额（元），例如 500000 或 50万。"))
                    return int(amount)
            raw = value
        try:
            return super().parse(raw, lookups)
        except ValidationError:
            raise ValidationError(_("应为金额（元），例如 500000 或 50万。")) from None


class Number(Column):
    def parse(self, raw: Any, lookups: Lookups) -> Any:
        if raw is None or raw == "":
            return None
        if isinstance(raw, bool):
            raise ValidationError(_("应为数字。"))
        if isinstance(raw, int | float):
            return Decimal(repr(raw)).normalize() if isinstance(raw, float) else Decimal(raw)
        try:
            return Decimal(text_of(raw).replace(",", ""))
        except InvalidOperation:
            raise ValidationError(_("应为数字。")) from None

    def export(self, obj: Any, lookups: Lookups) -> Any:
        value = getattr(obj, self.field_name)
        return None if value is None else float(value)

    def current(self, obj: Any) -> Any:
        return getattr(obj, self.field_name)


def parse_date(raw: Any) -> date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    value = text_of(raw)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValidationError(
        _("日期格式无法识别：%(value)s（可用 2026-11-30、2026/11/30 或 2026年11月30日）。") % {"value": value}
    )


class Date(Column):
    def parse(self, raw: Any, lookups: Lookups) -> Any:
        return parse_date(raw)

    def export(self, obj: Any, lookups: Lookups) -> Any:
        value = getattr(obj, self.field_name)
        return value.isoformat() if value else None

    def display(self, value: Any, lookups: Lookups) -> str:
        return value.isoformat() if value else ""


TRUE = {"1", "是", "true", "yes", "y", "对", "√"}
FALSE = {"0", "否", "false", "no", "n", ""}


class Boolean(Column):
    def parse(self, raw: Any, lookups: Lookups) -> Any:
        if isinstance(raw, bool):
            return raw
        value = text_of(raw).lower()
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise ValidationError(_("应为“是”或“否”。"))

    def export(self, obj: Any, lookups: Lookups) -> Any:
        return pgettext("sheets", "是") if getattr(obj, self.field_name) else pgettext("sheets", "否")

    def allowed(self) -> list[str] | None:
        return [pgettext("sheets", "是"), pgettext("sheets", "否")]

    def display(self, value: Any, lookups: Lookups) -> str:
        return pgettext("sheets", "是") if value else pgettext("sheets", "否")


@functools.cache
def _choice_map(choices: type[TextChoices]) -> dict[str, str]:
    """Code, Chinese label and English label (lower case) → code; the same in every language."""
    found: dict[str, str] = {}
    for value, label in choices.choices:
        found[str(value).lower()] = value
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                found[str(label).strip().lower()] = value
    return found


@functools.cache
def _label_map(choices: type[TextChoices], language: str) -> dict[str, str]:
    """Code → label in `language` (the export writes labels, once per language and class)."""
    with translation.override(language or None):
        return {value: str(label) for value, label in choices.choices}


@dataclass(frozen=True)
class Choice(Column):
    choices: type[TextChoices] | None = None

    def _map(self) -> dict[str, str]:
        assert self.choices is not None
        return _choice_map(self.choices)

    def code(self, text: str) -> str:
        found = self._map().get(text.strip().lower())
        if found is None:
            raise ValidationError(
                _("“%(value)s”不是允许的值（可选：%(allowed)s）。")
                % {"value": text, "allowed": "、".join(self.allowed() or [])}
            )
        return found

    def parse(self, raw: Any, lookups: Lookups) -> Any:
        value = text_of(raw)
        return self.code(value) if value else None

    def label(self, value: str) -> str:
        assert self.choices is not None
        return _label_map(self.choices, translation.get_language() or "").get(value, value) if value else ""

    def export(self, obj: Any, lookups: Lookups) -> Any:
        return self.label(getattr(obj, self.field_name))

    def allowed(self) -> list[str] | None:
        assert self.choices is not None
        return [str(label) for label in self.choices.labels]

    def display(self, value: Any, lookups: Lookups) -> str:
        return self.label(value)


@dataclass(frozen=True)
class MultiChoice(Choice):
    """A JSON list of codes, written as labels separated by "；"."""

    def parse(self, raw: Any, lookups: Lookups) -> Any:
        values = [v for v in SEPARATORS.split(text_of(raw)) if v]
        return sorted({self.code(v) for v in values})

    def current(self, obj: Any) -> Any:
        return sorted(set(getattr(obj, self.field_name) or []))

    def export(self, obj: Any, lookups: Lookups) -> Any:
        return "；".join(self.label(v) for v in sorted(set(getattr(obj, self.field_name) or [])))

    def display(self, value: Any, lookups: Lookups) -> str:
        return "；".join(self.label(v) for v in value or [])


class TextList(Column):
    """A JSON list of short labels (facilities), separated by "；"."""

    def parse(self, raw: Any, lookups: Lookups) -> Any:
        return [v for v in SEPARATORS.split(text_of(raw)) if v]

    def export(self, obj: Any, lookups: Lookups) -> Any:
        return "；".join(getattr(obj, self.field_name) or [])

    def display(self, value: Any, lookups: Lookups) -> str:
        return "；".join(value or [])


class Industries(Column):
    """Industries (a many-to-many field) by code or name, separated by "；"; written as codes."""

    def parse(self, raw: Any, lookups: Lookups) -> Any:
        ids = set()
        for name in (v for v in SEPARATORS.split(text_of(raw)) if v):
            pk = lookups.industries.get(name.lower())
            if pk is None:
                raise ValidationError(_("未知的产业领域：%(value)s。") % {"value": name})
            ids.add(pk)
        return sorted(ids)

    def current(self, obj: Any) -> Any:
        if obj.pk is None:
            return []
        cache = getattr(obj, "_sheets_m2m", {})
        if self.field_name in cache:
            return cache[self.field_name]
        return sorted(getattr(obj, self.field_name).values_list("pk", flat=True))

    def export(self, obj: Any, lookups: Lookups) -> Any:
        return "；".join(sorted(lookups.industry_codes.get(pk, "") for pk in self.current(obj)))

    def display(self, value: Any, lookups: Lookups) -> str:
        return "；".join(sorted(lookups.industry_codes.get(pk, str(pk)) for pk in value or []))


class OrgRef(Column):
    """An organisation by unified social credit code or exact name."""

    def parse(self, raw: Any, lookups: Lookups) -> Any:
        value = text_of(raw)
        if not value:
            return None
        key = value.upper() if _looks_like_code(value) else value
        pk = lookups.orgs.get(key)
        if pk is None:
            raise ValidationError(
                _("未找到机构“%(value)s”（请填写统一社会信用代码或机构全称）。") % {"value": value}
            )
        if pk == Lookups.AMBIGUOUS:
            raise ValidationError(_("有多家机构名为“%(value)s”，请改填统一社会信用代码。") % {"value": value})
        if lookups.allowed_org_ids is not None and pk not in lookups.allowed_org_ids:
            raise ValidationError(_("您不能为机构“%(value)s”导入数据。") % {"value": value})
        return pk

    def current(self, obj: Any) -> Any:
        return getattr(obj, f"{self.field_name}_id")

    def export(self, obj: Any, lookups: Lookups) -> Any:
        pk = getattr(obj, f"{self.field_name}_id", None)
        return lookups.org_labels.get(pk, "") if pk else ""

    def display(self, value: Any, lookups: Lookups) -> str:
        return str(value or "")


def org_key(org: Organization) -> str:
    return org.credit_code or org.name_zh or org.name_en


class BuildingRef(Column):
    def parse(self, raw: Any, lookups: Lookups) -> Any:
        value = text_of(raw)
        if not value:
            return None
        pk = lookups.buildings.get(value.lower())
        if pk is None:
            raise ValidationError(_("未找到楼宇“%(value)s”。") % {"value": value})
        return pk

    def current(self, obj: Any) -> Any:
        return obj.building_id

    def export(self, obj: Any, lookups: Lookups) -> Any:
        return lookups.building_slugs.get(obj.building_id, "")

    def display(self, value: Any, lookups: Lookups) -> str:
        return lookups.building_slugs.get(value, "")


# --- kinds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindSpec:
    key: str
    label: Any  # lazy
    sheet_zh: str
    sheet_en: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    natural_key: Callable[[dict[str, Any]], tuple | None]
    """The key of a row (its parsed values) when it has no id, or None when it has none."""
    stored_key: tuple[str, ...] = ()
    """Fields whose values (in this order) give the natural key of a stored record."""
    is_listing: bool = True
    operators_only: bool = False
    order: int = 0
    m2m_fields: tuple[str, ...] = field(default=())

    def sheet_name(self, lang: str | None = None) -> str:
        lang = lang or ("en" if (translation.get_language() or "").startswith("en") else "zh")
        return self.sheet_en if lang == "en" else self.sheet_zh

    def column_for_header(self) -> dict[str, Column]:
        found: dict[str, Column] = {}
        for col in self.columns:
            for name in (col.zh, col.en, col.key):
                found[re.sub(r"\s+", "", name).lower()] = col
        return found

    def stored_natural_key(self, values: tuple) -> tuple | None:
        return self.natural_key(dict(zip(self.stored_key, values, strict=True)))


def _title_key(values: dict[str, Any]) -> tuple | None:
    title = values.get("title_zh") or values.get("title_en")
    owner = values.get("owner")
    return (owner, title) if owner and title else None


def _org_key(values: dict[str, Any]) -> tuple | None:
    if values.get("credit_code"):
        return ("code", values["credit_code"])
    name = values.get("name_zh") or values.get("name_en")
    return ("name", name) if name else None


def _person_key(values: dict[str, Any]) -> tuple | None:
    name = values.get("name_zh") or values.get("name_en")
    return (name, (values.get("email") or "").lower()) if name else None


def _unit_key(values: dict[str, Any]) -> tuple | None:
    title = values.get("title_zh") or values.get("title_en")
    if not (values.get("owner") and values.get("building") and title):
        return None
    return (values["owner"], values["building"], title)


ID = Id("id", "编号", "ID")
OWNER = OrgRef("owner", "所属机构", "Organisation", required=True, example="91310105MA1FW4XH7T")
STATUS = Choice("status", "状态", "Status", example="草稿", choices=ListingStatus)
EXPIRES = Date("expires_on", "有效期至", "Valid until", example="2026年12月31日")

ORGANIZATIONS = KindSpec(
    key="organizations",
    label=pgettext_lazy("sheets kind", "机构"),
    sheet_zh="机构",
    sheet_en="Organisations",
    model=Organization,
    is_listing=False,
    operators_only=True,
    order=10,
    natural_key=_org_key,
    stored_key=("credit_code", "name_zh", "name_en"),
    m2m_fields=("industries",),
    columns=(
        ID,
        Upper("credit_code", "统一社会信用代码", "Unified social credit code", example="91310105MA1FW4XH7T"),
        Choice("kind", "类型", "Kind", required=True, example="科创企业", choices=OrganizationKind),
        Text("name_zh", "中文名称", "Name (Chinese)", example="上海硅巷示例科技有限公司"),
        Text("name_en", "英文名称", "Name (English)", example="Silicon Alley Example Tech Co., Ltd."),
        Text("short_name", "简称", "Short name", example="硅巷示例"),
        Choice("stage", "发展阶段", "Stage", example="初创期", choices=LifecycleStage),
        Industries("industries", "产业领域", "Industries", m2m=True, example="ic"),
        Text("description_zh", "中文简介", "Description (Chinese)", example="专注功率半导体器件设计。"),
        Text("description_en", "英文简介", "Description (English)"),
        Text("website", "网站", "Website", example="https://example.cn"),
        Integer("founded_year", "成立年份", "Founded", example=2021),
        Integer("employees", "员工人数", "Employees", example=35),
        Text("address", "地址", "Address", example="上海市长宁区长宁路1018号"),
        Text("subdistrict", "街道", "Subdistrict", example="江苏路街道"),
        Text("contact_name", "联系人", "Contact", example="王敏"),
        Text("contact_email", "联系邮箱", "Contact e-mail", example="bd@example.cn"),
        Text("contact_phone", "联系电话", "Contact phone", example="021-62220000"),
    ),
)

PEOPLE = KindSpec(
    key="people",
    label=pgettext_lazy("sheets kind", "人员"),
    sheet_zh="人员",
    sheet_en="People",
    model=Person,
    is_listing=False,
    operators_only=True,
    order=20,
    natural_key=_person_key,
    stored_key=("name_zh", "name_en", "email"),
    m2m_fields=("industries",),
    columns=(
        ID,
        Choice("kind", "类型", "Kind", required=True, example="专家", choices=Person.Kind),
        Text("name_zh", "中文姓名", "Name (Chinese)", example="李明"),
        Text("name_en", "英文姓名", "Name (English)", example="Li Ming"),
        Text("title_zh", "中文职称", "Title (Chinese)", example="研究员"),
        Text("title_en", "英文职称", "Title (English)", example="Professor"),
        OrgRef(
            "organization",
            "所属机构",
            "Organisation",
            virtual=True,
            example="中国科学院上海微系统与信息技术研究所",
        ),
        Text("position", "职位", "Position", virtual=True, example="课题组长"),
        Text("email", "邮箱", "E-mail", example="liming@example.cn"),
        Text("expertise", "专长关键词", "Expertise", example="MEMS 传感器"),
        Industries("industries", "产业领域", "Industries", m2m=True, example="ic"),
        Text("bio_zh", "中文简介", "Biography (Chinese)"),
        Text("bio_en", "英文简介", "Biography (English)"),
    ),
)

OUTCOMES = KindSpec(
    key="outcomes",
    label=pgettext_lazy("sheets kind", "科技成果"),
    sheet_zh="科技成果",
    sheet_en="Outcomes",
    model=TechOutcome,
    order=30,
    natural_key=_title_key,
    stored_key=("owner_id", "title_zh", "title_en"),
    m2m_fields=("industries",),
    columns=(
        ID,
        OWNER,
        Text("title_zh", "中文标题", "Title (Chinese)", example="高可靠 MEMS 压力传感器"),
        Text("title_en", "英文标题", "Title (English)", example="High-reliability MEMS pressure sensor"),
        Text("summary_zh", "中文简介", "Summary (Chinese)", example="面向汽车电子的压力传感芯片。"),
        Text("summary_en", "英文简介", "Summary (English)"),
        Text("applications_zh", "应用场景（中文）", "Applications (Chinese)"),
        Text("applications_en", "应用场景（英文）", "Applications (English)"),
        Integer("trl", "技术成熟度", "TRL", required=True, example=6),
        Choice("ip_status", "知识产权状态", "IP status", example="已授权专利", choices=IPStatus),
        Text("patent_numbers", "专利号", "Patent numbers", example="ZL202310000000.1"),
        MultiChoice(
            "cooperation_modes",
            "合作方式",
            "Cooperation modes",
            example="许可；合作开发",
            choices=CooperationMode,
        ),
        Money("price_min", "最低报价（元）", "Price from (CNY)", example=500000),
        Money("price_max", "最高报价（元）", "Price up to (CNY)", example="300万"),
        Industries("industries", "产业领域", "Industries", m2m=True, example="ic"),
        Text("keywords", "关键词", "Keywords", example="MEMS 压力 传感器"),
        EXPIRES,
        STATUS,
    ),
)

DEMANDS = KindSpec(
    key="demands",
    label=pgettext_lazy("sheets kind", "技术需求"),
    sheet_zh="技术需求",
    sheet_en="Demands",
    model=TechDemand,
    order=40,
    natural_key=_title_key,
    stored_key=("owner_id", "title_zh", "title_en"),
    m2m_fields=("industries",),
    columns=(
        ID,
        OWNER,
        Text("title_zh", "中文标题", "Title (Chinese)", example="车规级功率模块散热方案"),
        Text("title_en", "英文标题", "Title (English)"),
        Text("description_zh", "问题描述（中文）", "Description (Chinese)", example="需要将结温降低 15℃。"),
        Text("description_en", "问题描述（英文）", "Description (English)"),
        Money("budget_min", "预算下限（元）", "Budget from (CNY)", example="50万"),
        Money("budget_max", "预算上限（元）", "Budget up to (CNY)", example=2000000),
        Date("deadline", "截止日期", "Deadline", example="2027/06/30"),
        MultiChoice(
            "wanted_modes", "期望合作方式", "Wanted modes", example="合作开发", choices=CooperationMode
        ),
        Integer("min_trl", "最低技术成熟度", "Minimum TRL", example=5),
        Industries("industries", "产业领域", "Industries", m2m=True, example="ic"),
        Text("keywords", "关键词", "Keywords", example="散热 功率模块"),
        EXPIRES,
        STATUS,
    ),
)

INVESTORS = KindSpec(
    key="investors",
    label=pgettext_lazy("sheets kind", "投资人画像"),
    sheet_zh="投资人画像",
    sheet_en="Investors",
    model=InvestorProfile,
    order=50,
    natural_key=_title_key,
    stored_key=("owner_id", "title_zh", "title_en"),
    m2m_fields=("sectors",),
    columns=(
        ID,
        OWNER,
        Text("title_zh", "中文标题", "Title (Chinese)", example="早期硬科技基金"),
        Text("title_en", "英文标题", "Title (English)"),
        Text("thesis_zh", "投资方向（中文）", "Thesis (Chinese)", example="集成电路与智能制造"),
        Text("thesis_en", "投资方向（英文）", "Thesis (English)"),
        MultiChoice("stages", "投资阶段", "Stages", example="种子期；初创期", choices=LifecycleStage),
        Industries("sectors", "关注领域", "Sectors", m2m=True, example="ic"),
        Money("ticket_min", "单笔投资下限（元）", "Ticket from (CNY)", example="500万"),
        Money("ticket_max", "单笔投资上限（元）", "Ticket up to (CNY)", example="3000万"),
        Text("portfolio", "代表案例", "Portfolio"),
        EXPIRES,
        STATUS,
    ),
)

SERVICES = KindSpec(
    key="services",
    label=pgettext_lazy("sheets kind", "服务清单"),
    sheet_zh="服务清单",
    sheet_en="Services",
    model=ServiceOffering,
    order=60,
    natural_key=_title_key,
    stored_key=("owner_id", "title_zh", "title_en"),
    columns=(
        ID,
        OWNER,
        Choice(
            "category", "服务类别", "Category", required=True, example="科技金融", choices=ServiceCategory
        ),
        Text("title_zh", "中文名称", "Title (Chinese)", example="科技贷款对接"),
        Text("title_en", "英文名称", "Title (English)"),
        Text("description_zh", "服务内容（中文）", "Description (Chinese)", example="对接银行科技贷产品。"),
        Text("description_en", "服务内容（英文）", "Description (English)"),
        MultiChoice("stages", "适用发展阶段", "Stages", example="初创期；成长期", choices=LifecycleStage),
        Text("eligibility_zh", "申请条件（中文）", "Eligibility (Chinese)"),
        Text("eligibility_en", "申请条件（英文）", "Eligibility (English)"),
        Text("how_to_apply_zh", "办理方式（中文）", "How to apply (Chinese)"),
        Text("how_to_apply_en", "办理方式（英文）", "How to apply (English)"),
        Boolean("is_free", "免费", "Free", example="是"),
        Text("fee_zh", "收费说明（中文）", "Fee (Chinese)"),
        Text("fee_en", "收费说明（英文）", "Fee (English)"),
        Text("contact_name", "联系人", "Contact", example="张琳"),
        Text("contact_phone", "联系电话", "Contact phone", example="021-62220001"),
        Text("contact_email", "联系邮箱", "Contact e-mail"),
        EXPIRES,
        STATUS,
    ),
)

SPACES = KindSpec(
    key="spaces",
    label=pgettext_lazy("sheets kind", "空间单元"),
    sheet_zh="空间单元",
    sheet_en="Space units",
    model=SpaceUnit,
    order=70,
    natural_key=_unit_key,
    stored_key=("owner_id", "building_id", "title_zh", "title_en"),
    columns=(
        ID,
        OWNER,
        BuildingRef("building", "楼宇", "Building", required=True, example="silicon-alley-no1"),
        Choice("kind", "空间类型", "Kind", required=True, example="办公", choices=SpaceKind),
        Text("title_zh", "中文名称", "Title (Chinese)", example="3楼东区办公室"),
        Text("title_en", "英文名称", "Title (English)"),
        Text("floor", "楼层", "Floor", example="3F"),
        Number("area_sqm", "面积（㎡）", "Area (m²)", required=True, example=120),
        Number("rent_per_sqm_day", "租金（元/㎡/天）", "Rent (CNY/m²/day)", required=True, example=6.5),
        Date("available_from", "可租起始日", "Available from", example="2026-12-01"),
        Date("available_until", "可租截止日", "Available until"),
        Integer("capacity", "容纳人数", "Capacity", example=20),
        TextList("facilities", "设施", "Facilities", example="会议室；路演厅"),
        Text("description_zh", "中文描述", "Description (Chinese)"),
        Text("description_en", "英文描述", "Description (English)"),
        EXPIRES,
        STATUS,
    ),
)

SPECS: dict[str, KindSpec] = {
    s.key: s for s in (ORGANIZATIONS, PEOPLE, OUTCOMES, DEMANDS, INVESTORS, SERVICES, SPACES)
}


def spec_for_sheet(name: str, header: list[str], hint: str = "") -> KindSpec | None:
    """The kind of a sheet: by its name (Chinese or English), else by the hint, else by its header."""
    if hint in SPECS:
        return SPECS[hint]
    clean = re.sub(r"\s+", "", name or "").lower()
    for spec in SPECS.values():
        if clean in (spec.sheet_zh, spec.sheet_en.lower().replace(" ", ""), spec.key):
            return spec
    best, best_score = None, 0
    wanted = {h.lower() for h in header if h}
    for spec in SPECS.values():
        score = len(wanted & set(spec.column_for_header()))
        if score > best_score:
            best, best_score = spec, score
    return best if best_score >= 3 else None
