"""Who takes attendance, completes a session and decides its outcomes again: a table of people
by session status."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.training_sessions import permissions
from cadre.training_sessions.models import Session
from cadre.training_sessions.tests.test_attendance_fixtures import (
    book_instructor,
    participant,
    running_session,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STATUSES = [choice.value for choice in Session.Status]
MANAGERS = {"named manager", "course manager", "administrator"}
INSTRUCTOR = "booked instructor"
OTHERS = {"cancelled instructor", "ncb officer", "participant", "nobody", "anonymous"}
EVERYONE = sorted(MANAGERS | {INSTRUCTOR} | OTHERS)

EXPECTED = {
    "can_take_attendance": {
        status: (MANAGERS | {INSTRUCTOR}) if status in {"confirmed", "running", "completed"} else set()
        for status in STATUSES
    },
    "can_complete_session": {status: MANAGERS if status == "running" else set() for status in STATUSES},
    "can_recompute_outcomes": {status: MANAGERS if status == "completed" else set() for status in STATUSES},
}


def course_manager_of(session: Session, request: pytest.FixtureRequest) -> User:
    manager = request.getfixturevalue("course_manager")
    Session.objects.filter(pk=session.pk).update(course=Course.objects.get(owner=manager))
    session.refresh_from_db()
    return manager


def cancelled_instructor(session: Session) -> User:
    person = book_instructor(session)
    link = session.instructor_links.get()
    link.assignment.cancelled_at = timezone.now()
    link.assignment.save()
    return person


PERSONAS = {
    "named manager": lambda session, request: session.manager,
    "course manager": course_manager_of,
    "administrator": lambda session, request: request.getfixturevalue("administrator"),
    INSTRUCTOR: lambda session, request: book_instructor(session),
    "cancelled instructor": lambda session, request: cancelled_instructor(session),
    "ncb officer": lambda session, request: request.getfixturevalue("ncb_officer"),
    "participant": lambda session, request: participant(session).person,
    "nobody": lambda session, request: UserFactory(),
    "anonymous": lambda session, request: AnonymousUser(),
}


@pytest.mark.parametrize("check", sorted(EXPECTED))
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", EVERYONE)
def test_permission_table(check: str, status: str, who: str, request: pytest.FixtureRequest) -> None:
    session = running_session(days=1, status=status)
    user = PERSONAS[who](session, request)
    allowed = getattr(permissions, check)(user, session)
    assert allowed == (who in EXPECTED[check][status]), f"{who} {check} on a {status} session"
