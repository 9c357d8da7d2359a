"""Factories and a small district for the enquiry tests."""

from datetime import timedelta

import factory
from django.utils import timezone

from alleyhub.accounts.models import Membership, Role
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory
from alleyhub.catalogue.tests.factories import ServiceOfferingFactory
from alleyhub.directory.models import OrganizationKind
from alleyhub.directory.tests.factories import OrganizationFactory
from alleyhub.enquiries.models import Enquiry, EnquiryKind, ServiceForm
from alleyhub.spaces.tests.factories import SpaceUnitFactory

QUESTIONS = [
    {"key": "employees", "label_zh": "员工人数", "label_en": "Employees", "type": "text", "required": True},
    {
        "key": "need",
        "label_zh": "需求类型",
        "label_en": "Need",
        "type": "choice",
        "required": True,
        "choices": [{"zh": "贷款", "en": "Loan"}, {"zh": "担保", "en": "Guarantee"}],
    },
    {"key": "start", "label_zh": "希望开始日期", "label_en": "Start date", "type": "date"},
]


def member(org, *, username: str, admin: bool = False, **kwargs):
    user = UserFactory(username=username, role=kwargs.pop("role", Role.MEMBER), **kwargs)
    MembershipFactory(
        user=user,
        organization=org,
        role=Membership.MemberRole.ADMIN if admin else Membership.MemberRole.MEMBER,
    )
    return user


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    kind = EnquiryKind.SERVICE
    service = factory.SubFactory(ServiceOfferingFactory)
    provider = factory.LazyAttribute(lambda e: e.service.owner if e.service else e.space_unit.owner)
    applicant = factory.SubFactory(UserFactory)
    message = "请介绍一下办理流程。"
    contact_name = factory.LazyAttribute(lambda e: str(e.applicant))
    contact_email = factory.LazyAttribute(lambda e: e.applicant.email)
    contact_shared_at = factory.LazyFunction(timezone.now)


class World:
    """A provider of a service, an incubator with a space unit, an enterprise, and people."""

    def __init__(self):
        self.provider = OrganizationFactory(
            name_zh="上海技术交易所", slug="stex", kind=OrganizationKind.SERVICE_PROVIDER
        )
        self.incubator = OrganizationFactory(
            name_zh="硅巷创客厅", slug="maker-hall", kind=OrganizationKind.INCUBATOR
        )
        self.enterprise = OrganizationFactory(
            name_zh="新微传感", slug="xinwei", kind=OrganizationKind.ENTERPRISE
        )
        self.provider_staff = member(self.provider, username="stex-staff", admin=True, phone="021-6000")
        self.provider_colleague = member(self.provider, username="stex-colleague")
        self.incubator_staff = member(self.incubator, username="maker-staff")
        self.applicant = member(self.enterprise, username="xinwei-ceo", phone="13800000000")
        self.outsider = UserFactory(username="someone", role=Role.PUBLIC)
        self.operator = UserFactory(username="operator", role=Role.OPERATOR)
        self.task_force = UserFactory(username="tf", role=Role.TASK_FORCE)
        self.service = ServiceOfferingFactory(
            owner=self.provider, title_zh="技术合同登记", title_en="Contract registration"
        )
        self.form_service = ServiceOfferingFactory(
            owner=self.provider, title_zh="科技信贷", title_en="Tech credit"
        )
        ServiceForm.objects.create(service=self.form_service, questions=QUESTIONS)
        self.unit = SpaceUnitFactory(owner=self.incubator, title_zh="愚园路 3 楼工位", title_en="Desks, 3F")

    @staticmethod
    def visit_time(days: int = 3):
        return timezone.now() + timedelta(days=days)
