"""Who holds which role where: the helpers every app's permissions build on."""

import pytest
from pytest_django import DjangoAssertNumQueries

from cadre.accounts import permissions
from cadre.accounts.models import ScopeKind, User
from cadre.directory.models import Country, Institution, Region

pytestmark = pytest.mark.django_db

PERSONAS = ["nobody", "learner", "ncb_officer", "ncb_officer_elsewhere", "regional_officer",
            "institution_admin", "administrator"]  # fmt: skip


def persona(request: pytest.FixtureRequest, name: str) -> User:
    return request.getfixturevalue(name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("nobody", False), ("learner", False), ("ncb_officer", False), ("regional_officer", False),
     ("institution_admin", False), ("administrator", True)],
)  # fmt: skip
def test_is_administrator(request: pytest.FixtureRequest, name: str, expected: bool) -> None:
    assert permissions.is_administrator(persona(request, name)) is expected


def test_a_superuser_is_an_administrator_without_the_role(nobody: User) -> None:
    nobody.is_superuser = True
    assert permissions.is_administrator(nobody)


def test_an_inactive_person_holds_no_role(ncb_officer: User, kenya: Country) -> None:
    ncb_officer.is_active = False
    permissions.forget_grants(ncb_officer)
    assert not permissions.has_role(ncb_officer, "ncb-focal-point", scope=kenya)


@pytest.mark.parametrize(
    ("name", "on_kenya", "on_france"),
    [("nobody", False, False), ("learner", False, False), ("ncb_officer", True, False),
     ("ncb_officer_elsewhere", False, True), ("regional_officer", False, False),
     ("administrator", False, False)],
)  # fmt: skip
def test_ncb_role_holds_only_in_its_own_country(
    request: pytest.FixtureRequest,
    kenya: Country,
    france: Country,
    name: str,
    on_kenya: bool,
    on_france: bool,
) -> None:
    user = persona(request, name)
    assert permissions.has_role(user, "ncb-focal-point", scope=kenya) is on_kenya
    assert permissions.has_role(user, "ncb-focal-point", scope=france) is on_france


def test_an_organisation_wide_role_covers_every_scope(learner: User, kenya: Country) -> None:
    assert permissions.has_role(learner, "learner", scope=kenya)
    assert permissions.holds_organisation_wide(learner, "learner")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("institution_admin", True), ("ncb_officer", False), ("administrator", False), ("nobody", False)],
)
def test_institution_role_holds_in_its_institution(
    request: pytest.FixtureRequest, academy: Institution, name: str, expected: bool
) -> None:
    assert (
        permissions.has_role(persona(request, name), "institution-administrator", scope=academy) is expected
    )


def test_scope_ids_lists_the_objects_of_one_kind(regional_officer: User, africa: Region) -> None:
    assert permissions.scope_ids(regional_officer, "regional-training-officer", kind=ScopeKind.REGION) == {
        africa.pk
    }
    assert (
        permissions.scope_ids(regional_officer, "regional-training-officer", kind=ScopeKind.COUNTRY) == set()
    )


@pytest.mark.parametrize(("name", "expected"), [(n, n == "administrator") for n in PERSONAS])
def test_only_staff_reach_the_admin_site(request: pytest.FixtureRequest, name: str, expected: bool) -> None:
    assert permissions.can_use_admin_site(persona(request, name)) is expected


def test_anonymous_visitors_hold_nothing() -> None:
    from django.contrib.auth.models import AnonymousUser

    visitor = AnonymousUser()
    assert permissions.grants_of(visitor) == frozenset()
    assert not permissions.is_administrator(visitor)
    assert not permissions.can_use_admin_site(visitor)


def test_grants_are_read_once_per_person(
    ncb_officer: User, kenya: Country, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    permissions.forget_grants(ncb_officer)
    with django_assert_num_queries(1):
        for _ in range(5):
            permissions.has_role(ncb_officer, "ncb-focal-point", scope=kenya)
