"""Factories for the brokers' pipeline (and the few listings it needs)."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from alleyhub.accounts.models import Role
from alleyhub.accounts.tests.factories import MembershipFactory, UserFactory
from alleyhub.brokerage.models import Case, CaseStageChange, Stage, SupplyKind
from alleyhub.directory.models import OrganizationKind
from alleyhub.directory.tests.factories import OrganizationFactory, PersonFactory
from alleyhub.listings.models import InvestorProfile, TechDemand, TechOutcome
from alleyhub.matching.documents import MODEL_KINDS
from alleyhub.matching.models import Match

__all__ = [
    "BrokerFactory",
    "OperatorUserFactory",
    "MembershipFactory",
    "UserFactory",
    "OrganizationFactory",
    "PersonFactory",
    "OutcomeFactory",
    "DemandFactory",
    "InvestorProfileFactory",
    "CaseFactory",
    "party_of",
    "make_match",
]


class BrokerFactory(UserFactory):
    role = Role.BROKER
    username = factory.Sequence(lambda n: f"broker{n}")


class OperatorUserFactory(UserFactory):
    role = Role.OPERATOR
    username = factory.Sequence(lambda n: f"operator{n}")


class InstituteFactory(OrganizationFactory):
    kind = OrganizationKind.INSTITUTE
    name_zh = factory.Sequence(lambda n: f"测试研究所{n}")


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = TechOutcome
        skip_postgeneration_save = True

    owner = factory.SubFactory(InstituteFactory)
    title_zh = factory.Sequence(lambda n: f"MEMS 麦克风芯片{n}")
    summary_zh = "低底噪、小体积的 MEMS 拾音元件。"
    confidential_details = "工艺窗口：薄膜应力 < 20 MPa。"
    trl = 6
    status = "published"


class DemandFactory(DjangoModelFactory):
    class Meta:
        model = TechDemand
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganizationFactory)
    title_zh = factory.Sequence(lambda n: f"无线耳机拾音元件需求{n}")
    description_zh = "我们做无线耳机，想找体积小、底噪低的拾音元件。"
    status = "published"


class InvestorProfileFactory(DjangoModelFactory):
    class Meta:
        model = InvestorProfile
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.INVESTOR)
    title_zh = factory.Sequence(lambda n: f"硬科技早期基金{n}")
    status = "published"


class CaseFactory(DjangoModelFactory):
    """A case written straight to the database (no service, no notifications)."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"对接项目{n}")
    demand = factory.SubFactory(DemandFactory)
    demand_org = factory.LazyAttribute(lambda c: c.demand.owner)
    supply_kind = SupplyKind.OUTCOME
    outcome = factory.SubFactory(OutcomeFactory)
    supply_org = factory.LazyAttribute(lambda c: c.outcome.owner if c.outcome else None)
    broker = factory.SubFactory(BrokerFactory)
    stage = Stage.LEAD
    stage_entered_at = factory.LazyFunction(timezone.now)
    last_activity_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def history(self, create, extracted, **kwargs):
        if create:
            CaseStageChange.objects.create(
                case=self,
                from_stage="",
                to_stage=Stage.LEAD,
                actor=self.broker,
                at=self.stage_entered_at - timedelta(seconds=1)
                if self.stage != Stage.LEAD
                else self.stage_entered_at,
            )


def party_of(org, **kwargs):
    """A user who is a member of `org`."""
    return MembershipFactory(organization=org, **kwargs).user


def make_match(*, source, target, status="accepted", score=0.82):
    """A stored match between two objects (as the matching engine would write it)."""
    # update_or_create: with real commits the engine may already have stored this pair.
    match, _created = Match.objects.update_or_create(
        source_kind=MODEL_KINDS[type(source)],
        source_id=source.pk,
        target_kind=MODEL_KINDS[type(target)],
        target_id=target.pk,
        defaults={"score": score, "rank": 1, "status": status, "explanation": {}},
    )
    return match
