import factory

from alleyhub.catalogue.models import ServiceCategory, ServiceOffering
from alleyhub.directory.models import OrganizationKind
from alleyhub.listings.tests.factories import ListingFactory, OrganizationFactory


class ServiceOfferingFactory(ListingFactory):
    class Meta:
        model = ServiceOffering

    owner = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.SERVICE_PROVIDER)
    category = ServiceCategory.FINANCE
    title_zh = factory.Sequence(lambda n: f"科技型中小企业信用贷款{n}")
    title_en = factory.Sequence(lambda n: f"Credit loans for tech SMEs {n}")
    description_zh = "面向初创期科技企业的无抵押信用贷款，额度最高 300 万元。"
    stages = factory.LazyFunction(lambda: ["startup", "growth"])
    eligibility_zh = "注册在长宁区、成立三年以内的科技型企业。"
    how_to_apply_zh = "在华阳路街道企业服务中心窗口提交材料。"
    is_free = False
    fee_zh = "按贷款利率收取利息"
    contact_name = "王老师"
    contact_phone = "021-62000000"
