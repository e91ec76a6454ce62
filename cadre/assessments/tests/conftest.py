"""Sessions to evaluate: a course looked after by the course manager, its session on given days
and with a given status, participants, instructors and a question bank."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from cadre.accounts.models import User
from cadre.assessments.models import QuestionBank, TestChoice, TestQuestion
from cadre.courses.models import Course
from cadre.instructors.models import Assignment, Instructor
from cadre.training_sessions.models import Nomination, Session, SessionInstructor
from tests.factories import NominationFactory, SessionFactory, UserFactory


def today() -> date:
    return timezone.localdate()


def days(number: int) -> date:
    return today() + timedelta(days=number)


def make_session(course: Course, *, status: str, starts: int, length: int = 3, **values: Any) -> Session:
    """A session of `course` starting `starts` days from today (negative: in the past)."""
    starts_on = days(starts)
    return SessionFactory(
        course=course,
        status=status,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=length - 1),
        nominations_open_on=starts_on - timedelta(days=60),
        nominations_close_on=starts_on - timedelta(days=30),
        **values,
    )


def add_participant(session: Session, person: User | None = None, **values: Any) -> Nomination:
    person = person or UserFactory()
    values.setdefault("status", Nomination.Status.ACCEPTED)
    return NominationFactory(session=session, person=person, country=person.country, **values)


def add_instructor(session: Session, person: User | None = None, **values: Any) -> SessionInstructor:
    person = person or UserFactory()
    instructor = Instructor.objects.filter(person=person).first() or Instructor.objects.create(person=person)
    assignment = Assignment.objects.create(
        instructor=instructor,
        course=session.course,
        language=session.language,
        starts_on=session.starts_on,
        ends_on=session.ends_on,
        **values,
    )
    return SessionInstructor.objects.create(session=session, assignment=assignment)


def fill_bank(course: Course, count: int = 3, *, per_test: int = 10, choices: int = 4) -> QuestionBank:
    """A bank of `count` questions; the first answer of each is the right one."""
    bank, _created = QuestionBank.objects.get_or_create(
        course=course, defaults={"questions_per_test": per_test}
    )
    for number in range(1, count + 1):
        question = TestQuestion.objects.create(
            bank=bank, position=number, text_en=f"Question {number}?", text_fr=f"Question {number} ?"
        )
        for answer in range(1, choices + 1):
            TestChoice.objects.create(
                question=question,
                position=answer,
                text_en=f"Answer {number}.{answer}",
                text_fr=f"Réponse {number}.{answer}",
                is_correct=answer == 1,
            )
    return bank


def right_answers(bank: QuestionBank) -> dict[str, int]:
    return {
        str(choice.question_id): choice.pk
        for choice in TestChoice.objects.filter(question__bank=bank, is_correct=True)
    }


def wrong_answers(bank: QuestionBank) -> dict[str, int]:
    answers: dict[str, int] = {}
    for choice in TestChoice.objects.filter(question__bank=bank, is_correct=False).order_by("pk"):
        answers.setdefault(str(choice.question_id), choice.pk)
    return answers


@pytest.fixture
def course(course_manager: User) -> Course:
    found = Course.objects.get(owner=course_manager)
    Course.objects.filter(pk=found.pk).update(status=Course.Status.PUBLISHED, offered_in_fr=True)
    found.refresh_from_db()
    return found


@pytest.fixture
def ended(course: Course, course_manager: User) -> Session:
    """A session whose last day was yesterday, still running: level 1 and the post-test are open."""
    return make_session(course, status=Session.Status.RUNNING, starts=-3, manager=course_manager)


@pytest.fixture
def upcoming(course: Course, course_manager: User) -> Session:
    """A confirmed session starting in a week: the pre-test is open."""
    return make_session(course, status=Session.Status.CONFIRMED, starts=7, manager=course_manager)


@pytest.fixture
def participant(ended: Session) -> Nomination:
    return add_participant(ended)


@pytest.fixture
def session_instructor(ended: Session) -> SessionInstructor:
    return add_instructor(ended)
