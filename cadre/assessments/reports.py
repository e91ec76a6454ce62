"""A session's evaluation report: attendance, level 1 (reaction), level 2 (learning) and level 3
(behaviour), read in a fixed number of queries whatever the number of participants."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from cadre.assessments import selectors
from cadre.assessments.models import EvaluationResponse, FollowUp, Question, Questionnaire, TestAttempt
from cadre.lib.charts import BarChart
from cadre.training_sessions.models import Nomination, Session, SessionInstructor

Level = Questionnaire.Level
Audience = Questionnaire.Audience
Dimension = Question.Dimension


def mean(values: Iterable[float]) -> float | None:
    numbers = list(values)
    return round(sum(numbers) / len(numbers), 2) if numbers else None


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class Line:
    """A label with an average of ratings and how many there were."""

    label: str
    average: float | None
    count: int


@dataclass(frozen=True)
class InstructorLine(Line):
    assignment_id: int = 0


@dataclass(frozen=True)
class Comment:
    question: str
    text: str


@dataclass
class QuestionnaireSummary:
    expected: int
    responded: int = 0
    dimensions: list[Line] = field(default_factory=list)
    questions: list[Line] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    @property
    def rate(self) -> int | None:
        return percent(self.responded, self.expected)


@dataclass(frozen=True)
class LearningRow:
    nomination_id: int
    name: str
    country: str
    pre: int | None
    post: int | None

    @property
    def gain(self) -> int | None:
        return None if self.pre is None or self.post is None else self.post - self.pre


@dataclass(frozen=True)
class Learning:
    rows: list[LearningRow]

    @property
    def pre_average(self) -> float | None:
        return mean(row.pre for row in self.rows if row.pre is not None)

    @property
    def post_average(self) -> float | None:
        return mean(row.post for row in self.rows if row.post is not None)

    @property
    def pre_count(self) -> int:
        return sum(1 for row in self.rows if row.pre is not None)

    @property
    def post_count(self) -> int:
        return sum(1 for row in self.rows if row.post is not None)

    @property
    def gains(self) -> list[int]:
        return [row.gain for row in self.rows if row.gain is not None]

    @property
    def gain_average(self) -> float | None:
        """The session's gain: the mean of the gains of those who took both tests."""
        return mean(self.gains)


@dataclass(frozen=True)
class FollowUps:
    created: int
    sent: int
    participants_answered: int
    with_supervisor: int
    supervisors_answered: int
    participant: QuestionnaireSummary
    supervisor: QuestionnaireSummary


@dataclass
class SessionReport:
    session: Session
    participants: int
    outcomes: list[tuple[str, int]]
    attendance_average: float | None
    reaction_participants: QuestionnaireSummary
    reaction_instructors: QuestionnaireSummary
    instructor_ratings: list[InstructorLine]
    learning: Learning
    follow_ups: FollowUps
    charts: dict[str, BarChart] = field(default_factory=dict)


# --- Reading the answers -------------------------------------------------------------------------


class Answers:
    """Every response to the session's questionnaires and the questions they answer."""

    def __init__(self, session: Session) -> None:
        questions = Question.objects.select_related("questionnaire").order_by(
            "questionnaire", "position", "pk"
        )
        self.questions: dict[tuple[str, str], list[Question]] = defaultdict(list)
        for question in questions:
            self.questions[(question.questionnaire.level, question.questionnaire.audience)].append(question)
        self.responses: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        rows = EvaluationResponse.objects.filter(session=session).values_list(
            "questionnaire__level", "questionnaire__audience", "answers"
        )
        for level, audience, answers in rows:
            self.responses[(level, audience)].append(answers or {})

    def summary(self, level: str, audience: str, expected: int) -> QuestionnaireSummary:
        questions = self.questions[(level, audience)]
        responses = self.responses[(level, audience)]
        by_key = {question.key: question for question in questions}
        instructor_question = next((q for q in questions if q.kind == Question.Kind.INSTRUCTOR_RATING), None)
        ratings: dict[str, list[int]] = defaultdict(list)
        comments = []
        for answers in responses:
            for key, value in answers.items():
                question = by_key.get(key) or (instructor_question if key.startswith("instructor-") else None)
                if question is None:
                    continue
                if isinstance(value, int):
                    ratings[question.key].append(value)
                elif str(value).strip():
                    comments.append(Comment(question=question.text, text=str(value)))
        return QuestionnaireSummary(
            expected=expected,
            responded=len(responses),
            dimensions=_dimension_lines(questions, ratings),
            questions=[
                Line(q.text, mean(ratings[q.key]), len(ratings[q.key]))
                for q in questions
                if q.kind != Question.Kind.TEXT
            ],
            comments=comments,
        )


def _dimension_lines(questions: list[Question], ratings: dict[str, list[int]]) -> list[Line]:
    values: dict[str, list[int]] = defaultdict(list)
    for question in questions:
        if question.kind != Question.Kind.TEXT:
            values[question.dimension].extend(ratings[question.key])
    labels = dict(Dimension.choices)
    return [Line(str(labels[code]), mean(numbers), len(numbers)) for code, numbers in values.items()]


def instructor_lines(answers: Answers, links: list[SessionInstructor]) -> list[InstructorLine]:
    ratings: dict[int, list[int]] = defaultdict(list)
    for response in answers.responses[(Level.REACTION, Audience.PARTICIPANT)]:
        for key, value in response.items():
            suffix = key.removeprefix("instructor-")
            if suffix != key and suffix.isdigit() and isinstance(value, int):
                ratings[int(suffix)].append(value)
    return [
        InstructorLine(
            label=link.assignment.instructor.person.display_name,
            average=mean(ratings[link.assignment_id]),
            count=len(ratings[link.assignment_id]),
            assignment_id=link.assignment_id,
        )
        for link in links
    ]


# --- Attendance, tests and follow-ups ------------------------------------------------------------


def _participants(session: Session) -> list[Nomination]:
    return list(
        Nomination.objects.filter(selectors.participant_filter(), session=session)
        .select_related("person", "country")
        .order_by("person__family_name", "person__given_names", "pk")
    )


def _outcomes(rows: list[Nomination]) -> list[tuple[str, int]]:
    counts = Counter(row.outcome for row in rows)
    return [(str(label), counts[code]) for code, label in Nomination.Outcome.choices if counts[code]]


def _learning(session: Session, rows: list[Nomination]) -> Learning:
    scores: dict[int, dict[str, int]] = defaultdict(dict)
    attempts = TestAttempt.objects.filter(session=session).values_list(
        "nomination_id", "kind", "score_percent"
    )
    for nomination_id, kind, score in attempts:
        scores[nomination_id][kind] = score
    return Learning(
        rows=[
            LearningRow(
                nomination_id=row.pk,
                name=row.person.display_name,
                country=row.country.name,
                pre=scores[row.pk].get(TestAttempt.Kind.PRE),
                post=scores[row.pk].get(TestAttempt.Kind.POST),
            )
            for row in rows
            if row.pk in scores
        ]
    )


def _follow_ups(session: Session, answers: Answers) -> FollowUps:
    counts = FollowUp.objects.filter(nomination__session=session).aggregate(
        created=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        participants_answered=Count("pk", filter=Q(participant_answered_at__isnull=False)),
        with_supervisor=Count("pk", filter=~Q(supervisor_email="")),
        supervisors_answered=Count("pk", filter=Q(supervisor_answered_at__isnull=False)),
    )
    return FollowUps(
        **counts,
        participant=answers.summary(Level.BEHAVIOUR, Audience.PARTICIPANT, counts["created"]),
        supervisor=answers.summary(Level.BEHAVIOUR, Audience.SUPERVISOR, counts["with_supervisor"]),
    )


def session_report(session: Session) -> SessionReport:
    """Everything the report shows about the session (charts are added by the view)."""
    rows = _participants(session)
    links = selectors.session_instructors(session)
    answers = Answers(session)
    return SessionReport(
        session=session,
        participants=len(rows),
        outcomes=_outcomes(rows),
        attendance_average=mean(row.attendance_percent for row in rows if row.attendance_percent is not None),
        reaction_participants=answers.summary(Level.REACTION, Audience.PARTICIPANT, len(rows)),
        reaction_instructors=answers.summary(Level.REACTION, Audience.INSTRUCTOR, len(links)),
        instructor_ratings=instructor_lines(answers, links),
        learning=_learning(session, rows),
        follow_ups=_follow_ups(session, answers),
    )
