"""Test data builders."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from salescoach.accounts.models import User
from salescoach.organisations.models import (
    Membership,
    MembershipStatus,
    Organisation,
    RoleAssignment,
    Team,
)

PASSWORD = "a-Str0ng-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    status = MembershipStatus.ACTIVE
    activated_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        for role in extracted or []:
            RoleAssignment.objects.create(membership=self, role=role)
        self.__dict__.pop("roles", None)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SelfAttribute("manager.organisation")
    name = factory.Sequence(lambda n: f"Team {n}")
    manager = factory.SubFactory(MembershipFactory, roles=["sales_manager"])
