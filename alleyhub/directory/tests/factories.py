"""Factories for the directory: organisations, people, affiliations and the industry taxonomy."""

import factory
from factory.django import DjangoModelFactory

from alleyhub.core.validators import CREDIT_CODE_ALPHABET, credit_code_check_char
from alleyhub.directory.models import (
    Affiliation,
    Industry,
    LifecycleStage,
    Organization,
    OrganizationKind,
    Person,
)


def make_credit_code(n: int) -> str:
    """A valid unified social credit code (GB 32100-2015) derived from `n`."""
    body = "91310105"  # enterprise, Shanghai Changning
    digits = ""
    m = n
    for _ in range(9):
        digits = CREDIT_CODE_ALPHABET[m % 10] + digits
        m //= 10
    first17 = body + digits
    return first17 + credit_code_check_char(first17)


class IndustryFactory(DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"industry-{n}")
    name_zh = factory.Sequence(lambda n: f"产业{n}")
    name_en = factory.Sequence(lambda n: f"Industry {n}")
    parent = None


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    kind = OrganizationKind.ENTERPRISE
    name_zh = factory.Sequence(lambda n: f"硅巷测试科技有限公司{n}")
    name_en = factory.Sequence(lambda n: f"Alley Test Technology Co. {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    credit_code = factory.Sequence(make_credit_code)
    stage = LifecycleStage.STARTUP
    description_zh = "专注于功率半导体器件与封装测试。"
    description_en = "Power semiconductor devices, packaging and testing."
    address = "上海市长宁区愚园路1258号"
    subdistrict = "华阳路街道"
    contact_name = "王经理"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.cn")
    contact_phone = "021-62345678"
    is_published = True

    @factory.post_generation
    def industries(self, create, extracted, **kwargs):
        if create and extracted:
            self.industries.set(extracted)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    kind = Person.Kind.EXPERT
    name_zh = factory.Sequence(lambda n: f"李研究员{n}")
    name_en = factory.Sequence(lambda n: f"Li Researcher {n}")
    title_zh = "研究员"
    title_en = "Research Professor"
    bio_zh = "长期从事MEMS传感器研究。"
    bio_en = "Works on MEMS sensors."
    expertise = "MEMS 传感器"
    email = factory.Sequence(lambda n: f"person{n}@example.cn")
    is_published = True
    contact_consent = True


class AffiliationFactory(DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    position = "研究员"
    is_primary = True
