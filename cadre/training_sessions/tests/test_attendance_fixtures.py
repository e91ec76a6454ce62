"""Sessions, participants and instructors for the attendance and completion tests (imported by
them; this module holds no tests of its own)."""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cadre.accounts.models import User
from cadre.assessments import models as assessments
from cadre.courses.models import Course
from cadre.directory.models import Country
from cadre.instructors.models import Assignment, Instructor
from cadre.training_sessions.models import Nomination, Session, SessionDay, SessionInstructor
from tests.factories import NominationFactory, SessionFactory, UserFactory

NAIROBI = ZoneInfo("Africa/Nairobi")


def nairobi_today() -> date:
    return timezone.now().astimezone(NAIROBI).date()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment of `day` in Nairobi, where the test sessions take place."""
    return datetime.combine(day, time(hour, minute), tzinfo=NAIROBI)


def running_session(
    *, days: int = 3, first: date | None = None, status: str = "running", **values: Any
) -> Session:
    """A session in Nairobi whose first day is `first` (today by default), with its days."""
    first = first or nairobi_today()
    return SessionFactory(
        starts_on=first,
        ends_on=first + timedelta(days=max(days, 1) - 1),
        nominations_open_on=first - timedelta(days=60),
        nominations_close_on=first - timedelta(days=30),
        status=status,
        days=days,
        **values,
    )


def participant(session: Session, person: User | None = None, **values: Any) -> Nomination:
    values.setdefault("status", Nomination.Status.ACCEPTED)
    return NominationFactory(session=session, person=person or UserFactory(), **values)


def day_of(session: Session, index: int = 0) -> SessionDay:
    return list(session.days.order_by("date"))[index]


def book_instructor(session: Session, person: User | None = None) -> User:
    """Book a person (a new one by default) as the session's lead instructor."""
    person = person or UserFactory()
    instructor = Instructor.objects.filter(person=person).first() or Instructor.objects.create(person=person)
    assignment = Assignment.objects.create(
        instructor=instructor,
        course=session.course,
        language=session.language,
        starts_on=session.starts_on,
        ends_on=session.ends_on,
    )
    SessionInstructor.objects.create(session=session, assignment=assignment)
    return person


def give_post_test(course: Course) -> None:
    """A question bank with a question, so that the course has a post-test."""
    bank = assessments.QuestionBank.objects.create(course=course)
    assessments.TestQuestion.objects.create(bank=bank, text="What is a Red Notice?")


def post_test(nomination: Nomination, score: int) -> assessments.TestAttempt:
    return assessments.TestAttempt.objects.create(
        session=nomination.session,
        nomination=nomination,
        kind=assessments.TestAttempt.Kind.POST,
        score_percent=score,
    )


def many_participants(session: Session, count: int, country: Country) -> list[Nomination]:
    """`count` accepted participants, written in bulk."""
    people = User.objects.bulk_create(
        User(
            email=f"bulk{session.pk}-{index}@police.example",
            given_names="Bulk",
            family_name=f"Officer{index:04d}",
            country=country,
        )
        for index in range(count)
    )
    return Nomination.objects.bulk_create(
        Nomination(session=session, person=person, country=country, status=Nomination.Status.ACCEPTED)
        for person in people
    )


@pytest.fixture
def session(db: None) -> Session:
    return running_session()


@pytest.fixture
def manager(session: Session) -> User:
    """The session's named manager."""
    return session.manager


@pytest.fixture
def instructor(session: Session) -> User:
    return book_instructor(session)
