"""Who may nominate, endorse and see nominations, and whose country's training: a table of
personas for each permission."""

import pytest

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.tests import test_nominations_fixtures as fixtures
from cadre.training_sessions.tests.test_nominations_fixtures import closed_session, official, open_session
from conftest import person_with
from tests.factories import NominationFactory

pytestmark = pytest.mark.django_db
ncb_head_france, two_countries = fixtures.ncb_head_france, fixtures.focal_point_two_countries

PERSONAS = (
    "nobody",
    "learner",
    "ncb_officer",
    "ncb_officer_elsewhere",
    "ncb_head",
    "ncb_head_france",
    "two_countries",
    "regional_officer",
    "institution_admin",
    "course_manager",
    "dpo",
    "administrator",
    "nominee",
    "session_manager",
)


@pytest.fixture
def nominee(kenya: Country) -> User:
    return official(kenya)


@pytest.fixture
def session_manager(kenya: Country) -> User:
    return person_with(None, country=kenya)


@pytest.fixture
def session(session_manager: User) -> Session:
    return open_session(manager=session_manager)


@pytest.fixture
def nomination(session: Session, nominee: User) -> Nomination:
    return NominationFactory(session=session, person=nominee)


def persona(request: pytest.FixtureRequest, name: str) -> User:
    return request.getfixturevalue(name)


NOMINATES_KENYANS = {"ncb_officer", "two_countries"}
NOMINATES_FRENCH = {"ncb_officer_elsewhere", "two_countries"}


@pytest.mark.parametrize("name", PERSONAS)
def test_can_nominate(
    request: pytest.FixtureRequest, name: str, session: Session, kenya: Country, france: Country
) -> None:
    user = persona(request, name)
    assert permissions.can_nominate(user, session, kenya) is (name in NOMINATES_KENYANS)
    assert permissions.can_nominate(user, session, kenya.pk) is (name in NOMINATES_KENYANS)
    assert permissions.can_nominate(user, session, france) is (name in NOMINATES_FRENCH)
    assert permissions.can_nominate(user, session) is (name in NOMINATES_KENYANS | NOMINATES_FRENCH)


@pytest.mark.parametrize("name", PERSONAS)
def test_nobody_nominates_outside_the_window(
    request: pytest.FixtureRequest, name: str, kenya: Country
) -> None:
    user = persona(request, name)
    assert not permissions.can_nominate(user, closed_session(), kenya)
    assert not permissions.can_nominate(user, open_session(status=Session.Status.SELECTION), kenya)


@pytest.mark.parametrize("name", PERSONAS)
def test_can_endorse(request: pytest.FixtureRequest, name: str, nomination: Nomination) -> None:
    user = persona(request, name)
    assert permissions.can_endorse(user, nomination) is (name == "ncb_head")
    for status in (Nomination.Status.ENDORSED, Nomination.Status.ACCEPTED, Nomination.Status.WITHDRAWN):
        nomination.status = status
        assert not permissions.can_endorse(user, nomination)


# The nominee, their country's NCB, the session's manager and those who look after its course.
SEES_THE_NOMINATION = {
    "nominee",
    "ncb_officer",
    "ncb_head",
    "two_countries",
    "session_manager",
    "administrator",
}


@pytest.mark.parametrize("name", PERSONAS)
def test_can_view_nomination(request: pytest.FixtureRequest, name: str, nomination: Nomination) -> None:
    assert permissions.can_view_nomination(persona(request, name), nomination) is (
        name in SEES_THE_NOMINATION
    )


FOLLOWS_KENYA = {"ncb_officer", "ncb_head", "two_countries", "administrator"}
FOLLOWS_FRANCE = {"ncb_officer_elsewhere", "ncb_head_france", "two_countries", "administrator"}


@pytest.mark.parametrize("name", PERSONAS)
def test_can_view_country_training(
    request: pytest.FixtureRequest, name: str, kenya: Country, france: Country
) -> None:
    user = persona(request, name)
    assert permissions.can_view_country_training(user, kenya) is (name in FOLLOWS_KENYA)
    assert permissions.can_view_country_training(user, france) is (name in FOLLOWS_FRANCE)


@pytest.mark.parametrize("name", PERSONAS)
def test_is_ncb_of(request: pytest.FixtureRequest, name: str, kenya: Country, france: Country) -> None:
    user = persona(request, name)
    assert permissions.is_ncb_of(user, kenya) is (name in FOLLOWS_KENYA - {"administrator"})
    assert permissions.is_ncb_of(user, kenya.pk) is (name in FOLLOWS_KENYA - {"administrator"})
    assert permissions.is_ncb_of(user, france) is (name in FOLLOWS_FRANCE - {"administrator"})
    assert permissions.is_ncb_of(user, kenya, permissions.NCB_HEAD) is (name == "ncb_head")
    assert permissions.is_ncb_of(user, kenya, permissions.FOCAL_POINT) is (name in NOMINATES_KENYANS)
    assert permissions.is_ncb_of(user, None) is False


@pytest.mark.parametrize("name", PERSONAS)
def test_ncb_country_ids(request: pytest.FixtureRequest, name: str, kenya: Country, france: Country) -> None:
    expected = {
        "ncb_officer": frozenset({kenya.pk}),
        "ncb_head": frozenset({kenya.pk}),
        "ncb_officer_elsewhere": frozenset({france.pk}),
        "ncb_head_france": frozenset({france.pk}),
        "two_countries": frozenset({kenya.pk, france.pk}),
    }
    assert permissions.ncb_country_ids(persona(request, name)) == expected.get(name, frozenset())


def test_visitors_have_no_ncb_rights(client: object, nomination: Nomination, kenya: Country) -> None:
    from django.contrib.auth.models import AnonymousUser

    visitor = AnonymousUser()
    assert not permissions.is_ncb_of(visitor, kenya)
    assert not permissions.can_nominate(visitor, nomination.session, kenya)
    assert not permissions.can_endorse(visitor, nomination)
    assert not permissions.can_view_country_training(visitor, kenya)
    assert permissions.ncb_country_ids(visitor) == frozenset()
