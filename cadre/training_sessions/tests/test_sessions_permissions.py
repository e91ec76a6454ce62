"""Who may schedule, see, change and cancel sessions: a table of personas for every permission
about scheduling, and the list's filter agreeing with them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Session
from cadre.training_sessions.selectors import sessions as selectors
from cadre.training_sessions.services import session_instructors
from cadre.training_sessions.tests import test_sessions_fixtures as fixtures
from tests.factories import NominationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db
manager_course, other_course_manager = fixtures.manager_course, fixtures.other_course_manager
Status = Session.Status

PERSONAS = (
    "anonymous",
    "nobody",
    "learner",
    "nominee",
    "instructor",
    "ncb_officer",
    "ncb_officer_elsewhere",
    "ncb_head",
    "regional_officer",
    "other_course_manager",
    "named_manager",
    "course_manager",
    "administrator",
)
MANAGERS = {"course_manager", "named_manager", "administrator"}
LOOK_AFTER_COURSE = {"course_manager", "administrator"}
NCB = {"ncb_officer", "ncb_officer_elsewhere", "ncb_head"}
TAKING_PART = {"nominee", "instructor"}


BUILT = ("anonymous", "named_manager", "nominee", "instructor")


@pytest.fixture
def cast(request: pytest.FixtureRequest, manager_course: Course) -> dict[str, object]:
    """Every persona, and a session of the course manager's course in each state, whose named
    manager, nominee and instructor are personas too (booked before the session moved on)."""
    people: dict[str, object] = {
        name: request.getfixturevalue(name) for name in PERSONAS if name not in BUILT
    }
    named, nominee = UserFactory(), UserFactory()
    instructor = fixtures.certified(manager_course)
    sessions = {}
    for offset, status in enumerate(
        (Status.PLANNED, Status.OPEN, Status.RUNNING, Status.COMPLETED, Status.CANCELLED)
    ):
        session = SessionFactory(
            course=manager_course,
            manager=named,
            days=1,
            starts_on=fixtures.today() + timedelta(days=30 + 3 * offset),
        )
        NominationFactory(session=session, person=nominee)
        session_instructors.add_instructor(
            session=session, instructor=instructor, by=None, check_permission=False
        )
        Session.objects.filter(pk=session.pk).update(status=status)
        sessions[status] = session
    people.update(
        anonymous=AnonymousUser(), named_manager=named, nominee=nominee, instructor=instructor.person
    )
    return {"people": people, "sessions": sessions}


def who(cast: dict[str, object], name: str) -> User | AnonymousUser:
    return cast["people"][name]  # type: ignore[index, no-any-return]


def session_in(cast: dict[str, object], status: str) -> Session:
    return Session.objects.select_related("course").get(pk=cast["sessions"][status].pk)  # type: ignore[index]


@pytest.mark.parametrize("name", PERSONAS)
def test_can_schedule_session(cast, name, manager_course) -> None:
    person = who(cast, name)
    assert permissions.can_schedule_session(person, manager_course) is (name in LOOK_AFTER_COURSE)
    manager_course.status = Course.Status.DRAFT
    assert permissions.can_schedule_session(person, manager_course) is False


@pytest.mark.parametrize("name", PERSONAS)
def test_can_schedule_any_session(cast, name) -> None:
    expected = {"course_manager", "other_course_manager", "administrator"}
    assert permissions.can_schedule_any_session(who(cast, name)) is (name in expected)


@pytest.mark.parametrize("name", PERSONAS)
def test_manages(cast, name) -> None:
    assert permissions.manages(who(cast, name), session_in(cast, Status.OPEN)) is (name in MANAGERS)


@pytest.mark.parametrize("name", PERSONAS)
@pytest.mark.parametrize("status", [Status.PLANNED, Status.OPEN, Status.COMPLETED, Status.CANCELLED])
def test_can_view_session(cast, name, status) -> None:
    expected = MANAGERS if status == Status.PLANNED else MANAGERS | NCB | TAKING_PART
    assert permissions.can_view_session(who(cast, name), session_in(cast, status)) is (name in expected)


@pytest.mark.parametrize("name", PERSONAS)
@pytest.mark.parametrize(
    "status", [Status.PLANNED, Status.OPEN, Status.RUNNING, Status.COMPLETED, Status.CANCELLED]
)
def test_can_change_and_cancel_session(cast, name, status) -> None:
    session = session_in(cast, status)
    expected = name in MANAGERS and status not in (Status.COMPLETED, Status.CANCELLED)
    assert permissions.can_change_session(who(cast, name), session) is expected
    assert permissions.can_cancel_session(who(cast, name), session) is expected


@pytest.mark.parametrize("name", PERSONAS)
def test_the_list_shows_exactly_the_sessions_one_may_see(cast, name) -> None:
    person = who(cast, name)
    listed = set(selectors.sessions_for(person).values_list("pk", flat=True))
    allowed = {
        session.pk
        for session in Session.objects.select_related("course")
        if permissions.can_view_session(person, session)
    }
    assert listed == allowed


@pytest.mark.parametrize("name", PERSONAS)
def test_get_session_for_answers_404_to_those_who_may_not_see_and_403_to_those_who_may_not_change(
    cast, name
) -> None:
    person = who(cast, name)
    for status in (Status.PLANNED, Status.OPEN, Status.CANCELLED):
        session = session_in(cast, status)
        if not permissions.can_view_session(person, session):
            with pytest.raises(Http404):
                permissions.get_session_for(person, session.pk)
            continue
        assert permissions.get_session_for(person, session.pk) == session
        if permissions.can_change_session(person, session):
            assert permissions.get_session_for(person, session.pk, write=True) == session
        else:
            with pytest.raises(PermissionDenied):
                permissions.get_session_for(person, session.pk, write=True)
