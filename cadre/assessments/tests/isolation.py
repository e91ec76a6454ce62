"""A country's evaluated session, for the isolation table (tests/test_isolation.py): a session of
the country's course, ended yesterday, with one of the country's officials as participant who
has answered level 1, taken both tests and has a follow-up; and the course's question bank."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from cadre.accounts.models import User
from cadre.assessments.models import EvaluationResponse, FollowUp, Questionnaire, TestAttempt, TestQuestion
from cadre.assessments.tests.conftest import fill_bank
from cadre.courses.models import Course
from cadre.training_sessions.models import Nomination, Session
from tests.factories import SessionFactory


@dataclass(frozen=True)
class CountryEvaluation:
    session: Session
    nomination: Nomination
    follow_up: FollowUp
    question: TestQuestion


def evaluation_of(course: Course, manager: User, participant: User) -> CountryEvaluation:
    found = Session.objects.filter(code=f"eval-{course.code}").first()
    if found is None:
        today = timezone.localdate()
        found = SessionFactory(
            code=f"eval-{course.code}",
            course=course,
            manager=manager,
            status=Session.Status.RUNNING,
            starts_on=today - timedelta(days=3),
            ends_on=today - timedelta(days=1),
        )
        nomination = Nomination.objects.create(
            session=found, person=participant, country=participant.country, status=Nomination.Status.ACCEPTED
        )
        fill_bank(course, 2)
        questionnaire = Questionnaire.objects.get(code="l1-participant")
        EvaluationResponse.objects.create(
            questionnaire=questionnaire,
            session=found,
            respondent=participant,
            answers={"overall": 4},
            language="en",
        )
        for kind, score in (("pre", 50), ("post", 100)):
            TestAttempt.objects.create(session=found, nomination=nomination, kind=kind, score_percent=score)
        FollowUp.objects.create(
            nomination=nomination,
            due_on=today,
            supervisor_email="supervisor@police.example",
            supervisor_key=f"isolation-key-{course.code}",
        )
    nomination = Nomination.objects.get(session=found)
    return CountryEvaluation(
        session=found,
        nomination=nomination,
        follow_up=FollowUp.objects.get(nomination=nomination),
        question=TestQuestion.objects.filter(bank__course=course).order_by("position").first(),
    )
