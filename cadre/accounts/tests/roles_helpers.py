"""Small helpers shared by the role management tests."""

from django.db import models

from cadre.accounts import services
from cadre.accounts.models import Role, RoleAssignment, User
from cadre.directory.models import Country
from tests.factories import UserFactory


def role(code: str) -> Role:
    return Role.objects.get(code=code)


def holder(code: str, scope: models.Model | None = None, **profile: object) -> RoleAssignment:
    """A new person holding `code` within `scope`; returns the assignment."""
    person = UserFactory(**profile)
    return services.assign_role(user=person, role=role(code), scope=scope, notify=False)


def person_of(country: Country, **profile: object) -> User:
    user: User = UserFactory(country=country, **profile)
    return user
