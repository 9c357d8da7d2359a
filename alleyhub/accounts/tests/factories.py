"""Factories for users, memberships and access tokens."""

import factory
from factory.django import DjangoModelFactory

from alleyhub.accounts.models import Membership, Role, User
from alleyhub.directory.tests.factories import OrganizationFactory

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.MEMBER
    password = factory.django.Password(PASSWORD)


class OperatorFactory(UserFactory):
    role = Role.OPERATOR


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.MemberRole.MEMBER
