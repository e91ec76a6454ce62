"""Reads of evaluation: who takes part in a session, the questions each person answers, the
test drawn for a session, and a participant's own results."""

import hashlib
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cadre.accounts.permissions import AnyUser
from cadre.assessments.models import (
    EvaluationResponse,
    Question,
    QuestionBank,
    Questionnaire,
    TestAttempt,
    TestChoice,
    TestQuestion,
)
from cadre.training_sessions.models import Nomination, Session, SessionInstructor

Level = Questionnaire.Level
Audience = Questionnaire.Audience
Kind = Question.Kind
RATINGS = range(1, 6)
INSTRUCTOR_KEY = "instructor-{}"


def post_test_scores(session: Session) -> dict[int, int]:
    """Each participant's post-test score (per cent), by nomination id, in one query."""
    rows = TestAttempt.objects.filter(session=session, kind=TestAttempt.Kind.POST).values_list(
        "nomination_id", "score_percent"
    )
    return dict(rows)


def has_post_test(session: Session) -> bool:
    """Whether the session's course has a question bank with questions to test from."""
    return TestQuestion.objects.filter(bank__course_id=session.course_id, is_active=True).exists()


# --- Who takes part ------------------------------------------------------------------------------


def participant_filter() -> Q:
    """Nominations that make a person a participant: accepted (a place declined is withdrawn)."""
    return Q(status=Nomination.Status.ACCEPTED)


def participation_of(user: AnyUser, session: Session) -> Nomination | None:
    """The person's place in the session, when they are one of its participants."""
    if not user.is_authenticated:
        return None
    return (
        Nomination.objects.filter(participant_filter(), session=session, person_id=user.pk)
        .select_related("session__course", "person")
        .first()
    )


def session_instructors(session: Session) -> list[SessionInstructor]:
    """The instructors booked on the session (cancelled bookings left out), with their names."""
    return list(
        SessionInstructor.objects.filter(session=session, assignment__cancelled_at__isnull=True)
        .select_related("assignment__instructor__person")
        .order_by("pk")
    )


def instructor_link_of(user: AnyUser, session: Session) -> SessionInstructor | None:
    if not user.is_authenticated:
        return None
    return (
        SessionInstructor.objects.filter(
            session=session,
            assignment__cancelled_at__isnull=True,
            assignment__instructor__person_id=user.pk,
        )
        .select_related("assignment")
        .first()
    )


def questionnaire(level: str, audience: str) -> Questionnaire | None:
    return Questionnaire.objects.filter(level=level, audience=audience).first()


def has_answered(user: AnyUser, session: Session, level: str, audience: str) -> bool:
    if not user.is_authenticated:
        return False
    return EvaluationResponse.objects.filter(
        questionnaire__level=level, questionnaire__audience=audience, session=session, respondent_id=user.pk
    ).exists()


# --- The questions a person answers --------------------------------------------------------------


@dataclass(frozen=True)
class AnswerItem:
    """One answer a questionnaire asks for: a question, or, for a question about each
    instructor, that question about one of them."""

    key: str
    question: Question
    label: str
    is_rating: bool
    required: bool
    assignment_id: int | None = None


def _instructor_items(question: Question, links: list[SessionInstructor]) -> list[AnswerItem]:
    return [
        AnswerItem(
            key=INSTRUCTOR_KEY.format(link.assignment_id),
            question=question,
            label=_("%(question)s: %(name)s")
            % {"question": question.text, "name": link.assignment.instructor.person.display_name},
            is_rating=True,
            required=question.required,
            assignment_id=link.assignment_id,
        )
        for link in links
    ]


def answer_items(questionnaire: Questionnaire, session: Session | None) -> list[AnswerItem]:
    """What the questionnaire asks, in the active language; a question about each instructor is
    asked once per instructor of the session."""
    questions = list(questionnaire.questions.order_by("position", "pk"))
    needs_instructors = session is not None and any(q.kind == Kind.INSTRUCTOR_RATING for q in questions)
    links = session_instructors(session) if needs_instructors and session is not None else []
    items: list[AnswerItem] = []
    for question in questions:
        if question.kind == Kind.INSTRUCTOR_RATING:
            items.extend(_instructor_items(question, links))
        else:
            items.append(
                AnswerItem(
                    key=question.key,
                    question=question,
                    label=question.text,
                    is_rating=question.kind == Kind.RATING,
                    required=question.required,
                )
            )
    return items


# --- Tests (level 2) -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DrawnQuestion:
    question: TestQuestion
    choices: tuple[TestChoice, ...]


def bank_of(course_id: int) -> QuestionBank | None:
    return QuestionBank.objects.filter(course_id=course_id).first()


def _shuffled(session: Session, choices: list[TestChoice]) -> tuple[TestChoice, ...]:
    """The choices in an order of their own for this session, the same on every page load, so
    that the right answer is not always in the same place."""

    def rank(choice: TestChoice) -> str:
        return hashlib.sha256(f"{session.pk}:{choice.pk}".encode()).hexdigest()

    return tuple(sorted(choices, key=rank))


def _frozen_question_ids(session: Session) -> list[int]:
    """The questions of the session's first attempt, whichever test it was: the pre-test and the
    post-test ask the same questions, even if the bank changed in between."""
    first = TestAttempt.objects.filter(session=session).order_by("submitted_at", "pk").first()
    if first is None:
        return []
    return [int(key) for key in first.answers if str(key).isdigit()]


def drawn_questions(session: Session) -> list[DrawnQuestion]:
    """The session's test: the bank's first active questions by position (as many as the bank
    asks for), the same for everyone in the session and for both tests."""
    bank = bank_of(session.course_id)
    if bank is None:
        return []
    questions = TestQuestion.objects.filter(bank=bank).prefetch_related("choices").order_by("position", "pk")
    frozen = _frozen_question_ids(session)
    chosen = (
        list(questions.filter(pk__in=frozen))
        if frozen
        else list(questions.filter(is_active=True)[: bank.questions_per_test])
    )
    return [DrawnQuestion(question=q, choices=_shuffled(session, list(q.choices.all()))) for q in chosen]


def attempt_of(nomination: Nomination, kind: str) -> TestAttempt | None:
    return TestAttempt.objects.filter(nomination=nomination, kind=kind).first()


@dataclass(frozen=True)
class Results:
    pre: int | None
    post: int | None

    @property
    def gain(self) -> int | None:
        if self.pre is None or self.post is None:
            return None
        return self.post - self.pre


def results_of(nomination: Nomination) -> Results:
    scores = dict(TestAttempt.objects.filter(nomination=nomination).values_list("kind", "score_percent"))
    return Results(pre=scores.get(TestAttempt.Kind.PRE), post=scores.get(TestAttempt.Kind.POST))


def bank_questions(bank: QuestionBank) -> QuerySet[TestQuestion]:
    return bank.questions.prefetch_related("choices").order_by("position", "pk")
