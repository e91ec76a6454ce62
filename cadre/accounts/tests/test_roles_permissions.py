"""Who may see role holders and give or take away which role where."""

import pytest

from cadre.accounts import permissions
from cadre.accounts.models import User
from cadre.accounts.tests.roles_helpers import holder, person_of, role
from cadre.directory.models import Country, Institution, Region
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

# persona: (view list, focal point in KE, focal point in FR, administrator, academy admin, remove KE focal point)
TABLE = {
    "nobody": (False, False, False, False, False, False),
    "learner": (False, False, False, False, False, False),
    "ncb_officer": (True, False, False, False, False, False),
    "ncb_officer_elsewhere": (True, False, False, False, False, False),
    "ncb_head": (True, True, False, False, False, True),
    "regional_officer": (True, False, False, False, False, False),
    "institution_admin": (True, False, False, False, True, False),
    "dpo": (False, False, False, False, False, False),
    "administrator": (True, True, True, True, True, True),
}


@pytest.mark.parametrize(("persona", "expected"), TABLE.items())
def test_who_may_do_what_with_roles(
    request: pytest.FixtureRequest,
    kenya: Country,
    france: Country,
    academy: Institution,
    persona: str,
    expected: tuple[bool, ...],
) -> None:
    user: User = request.getfixturevalue(persona)
    kenyan_focal_point = holder("ncb-focal-point", kenya, country=kenya)
    answers = (
        permissions.can_view_role_holders(user),
        permissions.can_assign_role(user, role("ncb-focal-point"), kenya),
        permissions.can_assign_role(user, role("ncb-focal-point"), france),
        permissions.can_assign_role(user, role("administrator"), None),
        permissions.can_assign_role(user, role("institution-administrator"), academy),
        permissions.can_remove_assignment(user, kenyan_focal_point),
    )
    assert answers == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("nobody", False), ("ncb_officer", False), ("ncb_head", True), ("institution_admin", True),
     ("regional_officer", False), ("administrator", True)],
)  # fmt: skip
def test_who_may_assign_any_role_at_all(request: pytest.FixtureRequest, persona: str, expected: bool) -> None:
    assert permissions.can_assign_any_role(request.getfixturevalue(persona)) is expected


@pytest.mark.parametrize(
    ("persona", "code", "expected"),
    [("ncb_head", "ncb-focal-point", True), ("ncb_head", "ncb-head", True),
     ("ncb_head", "regional-training-officer", False), ("ncb_head", "learner", False),
     ("institution_admin", "ncb-focal-point", False), ("ncb_officer", "ncb-focal-point", False)],
)  # fmt: skip
def test_a_head_of_ncb_gives_only_ncb_roles(
    request: pytest.FixtureRequest, kenya: Country, africa: Region, persona: str, code: str, expected: bool
) -> None:
    scope = africa if code == "regional-training-officer" else None if code == "learner" else kenya
    assert permissions.can_assign_role(request.getfixturevalue(persona), role(code), scope) is expected


def test_a_role_goes_only_with_a_scope_of_its_own_kind(
    administrator: User, kenya: Country, africa: Region
) -> None:
    assert not permissions.can_assign_role(administrator, role("ncb-focal-point"), africa)
    assert not permissions.can_assign_role(administrator, role("ncb-focal-point"), None)
    assert not permissions.can_assign_role(administrator, role("administrator"), kenya)
    assert permissions.can_assign_role(administrator, role("regional-training-officer"), africa)


def test_roles_whose_scope_app_is_missing_cannot_be_given_even_by_administrators(
    administrator: User,
) -> None:
    assert not permissions.can_assign_role(administrator, role("course-manager"), None)


@pytest.mark.parametrize(
    ("persona", "country_of_person", "expected"),
    [("ncb_head", "KE", True), ("ncb_head", "FR", False), ("administrator", "FR", True)],
)
def test_a_head_of_ncb_gives_roles_in_their_country_to_its_people_only(
    request: pytest.FixtureRequest, kenya: Country, persona: str, country_of_person: str, expected: bool
) -> None:
    person = person_of(Country.objects.get(iso2=country_of_person))
    user = request.getfixturevalue(persona)
    assert permissions.can_assign_role_to(user, person, role("ncb-focal-point"), kenya) is expected


def test_an_institution_administrator_gives_their_role_to_people_of_the_institutions_country(
    institution_admin: User, academy: Institution, kenya: Country, france: Country
) -> None:
    admin_role = role("institution-administrator")
    assert permissions.can_assign_role_to(institution_admin, person_of(kenya), admin_role, academy)
    assert not permissions.can_assign_role_to(institution_admin, person_of(france), admin_role, academy)


def test_a_head_of_ncb_removes_only_ncb_roles_of_their_own_countrys_people(
    ncb_head: User, kenya: Country, france: Country
) -> None:
    assert permissions.can_remove_assignment(ncb_head, holder("ncb-head", kenya, country=kenya))
    assert not permissions.can_remove_assignment(ncb_head, holder("ncb-focal-point", france, country=france))
    assert not permissions.can_remove_assignment(ncb_head, holder("learner", country=kenya))
    # Given by an administrator to someone from elsewhere: the head of NCB cannot see them.
    assert not permissions.can_remove_assignment(ncb_head, holder("ncb-focal-point", kenya, country=france))


def test_an_institution_administrator_removes_only_within_their_institution(
    institution_admin: User, academy: Institution, kenya: Country
) -> None:
    mine = holder("institution-administrator", academy, country=kenya)
    theirs = holder("institution-administrator", InstitutionFactory(country=kenya), country=kenya)
    assert permissions.can_remove_assignment(institution_admin, mine)
    assert not permissions.can_remove_assignment(institution_admin, theirs)


@pytest.mark.parametrize("persona", ["ncb_head", "institution_admin", "administrator"])
def test_nobody_removes_their_own_role(request: pytest.FixtureRequest, persona: str) -> None:
    user: User = request.getfixturevalue(persona)
    own = user.role_assignments.get()
    assert not permissions.can_remove_assignment(user, own)
