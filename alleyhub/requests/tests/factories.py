import factory
from django.utils import timezone

from alleyhub.accounts.models import Membership, Role, User
from alleyhub.directory.models import Organization, OrganizationKind
from alleyhub.requests.models import Category, RoutingRule


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"rq-user-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cn")
    role = Role.MEMBER
    password = factory.django.Password("pw-12345678")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.ENTERPRISE
    name_zh = factory.Sequence(lambda n: f"企业{n}")
    slug = factory.Sequence(lambda n: f"rq-org-{n}")


class UnitFactory(OrganizationFactory):
    kind = OrganizationKind.GOVERNMENT_UNIT
    name_zh = factory.Sequence(lambda n: f"区部门{n}")
    slug = factory.Sequence(lambda n: f"rq-unit-{n}")


def member(org, *, role=Role.MEMBER, admin=False, **kw):
    user = UserFactory(role=role, **kw)
    Membership.objects.create(
        user=user,
        organization=org,
        role=Membership.MemberRole.ADMIN if admin else Membership.MemberRole.MEMBER,
    )
    return user


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    category = Category.FINANCE
    responsible_unit = factory.SubFactory(UnitFactory)


def submit(*, org, user, category=Category.FINANCE, now=None, title="融资对接", **kw):
    from alleyhub.requests.services import request_submit

    return request_submit(
        organization=org,
        actor=user,
        category=category,
        title=title,
        description=kw.pop("description", "希望对接银行科技贷"),
        now=now or timezone.now(),
        **kw,
    )
