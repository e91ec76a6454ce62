"""Demo evaluation, written for the demo sessions as the participants, instructors and
supervisors would have left it: question banks for four demo courses
(data/demo_question_banks.json), pre- and post-tests of the sessions already held, level 1
questionnaires of participants and instructors (the instructors' ratings follow), and level 3
follow-ups, some answered. Nothing is sent: the follow-ups are recorded as sent when due."""

import json
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from cadre.assessments import selectors
from cadre.assessments.models import (
    EvaluationResponse,
    FollowUp,
    QuestionBank,
    Questionnaire,
    TestAttempt,
    TestChoice,
    TestQuestion,
)
from cadre.assessments.services.evaluations import refresh_instructor_ratings
from cadre.assessments.services.follow_ups import new_supervisor_key
from cadre.courses.models import Course
from cadre.training_sessions.models import Nomination, Session

BANKS_FILE = Path(__file__).resolve().parent.parent / "data" / "demo_question_banks.json"
# What the participants said, in the session's language, one comment per participant in turn.
COMMENTS = {
    "en": [
        ("The practical exercises on real cases.", "More time for the exercises."),
        ("Working with colleagues from other countries.", "Send the material before the course."),
        ("The checklists we can use at work.", "Shorter days; the afternoons were long."),
    ],
    "fr": [
        ("Les exercices pratiques sur des cas réels.", "Plus de temps pour les exercices."),
        ("Les échanges avec les collègues des autres pays.", "Envoyer les documents avant le cours."),
    ],
    "es": [
        ("Los ejercicios prácticos con casos reales.", "Más tiempo para los ejercicios."),
        ("El intercambio con colegas de otros países.", "Enviar el material antes del curso."),
    ],
    "ar": [("التمارين العملية على قضايا حقيقية.", "مزيد من الوقت للتمارين.")],
}
L3_EXAMPLES = {
    "en": "I now check every seized device against the procedure we practised and trained two colleagues.",
    "fr": "J'applique la procédure de saisie vue en formation et je l'ai présentée à mon service.",
    "es": "Aplico el procedimiento de incautación que practicamos y lo compartí con mi unidad.",
}


def load_demo_question_banks() -> int:
    """The demo courses' banks, when they have none yet; returns how many were created."""
    banks: dict[str, Any] = json.loads(BANKS_FILE.read_text(encoding="utf-8"))["banks"]
    created = 0
    for code, row in banks.items():
        course = Course.objects.filter(code=code).first()
        if course is None or QuestionBank.objects.filter(course=course).exists():
            continue
        bank = QuestionBank.objects.create(course=course, questions_per_test=len(row["questions"]))
        for position, (text, answers, correct) in enumerate(row["questions"], start=1):
            question = TestQuestion.objects.create(
                bank=bank, position=position, **{f"text_{row['language']}": text}
            )
            for number, answer in enumerate(answers):
                TestChoice.objects.create(
                    question=question,
                    position=number,
                    is_correct=number == correct,
                    **{f"text_{row['language']}": answer},
                )
        created += 1
    return created


def write_demo_tests(session: Session, scores: dict[int, tuple[int, int | None]]) -> None:
    """Pre- and post-tests for each participant (by nomination id; no post-test score, no
    post-test): answers right on as many of the session's questions as the score says."""
    drawn = selectors.drawn_questions(session)
    if not drawn:
        return
    for nomination_id, (pre, post) in scores.items():
        for kind, percent, offset in ((TestAttempt.Kind.PRE, pre, 0), (TestAttempt.Kind.POST, post, -1)):
            if percent is None:
                continue
            right = round(len(drawn) * percent / 100)
            answers = {
                str(item.question.pk): _answer(item, correct=index < right)
                for index, item in enumerate(drawn)
            }
            day = session.starts_on if offset == 0 else session.ends_on
            TestAttempt.objects.get_or_create(
                nomination_id=nomination_id,
                kind=kind,
                defaults={
                    "session": session,
                    "answers": answers,
                    "score_percent": round(100 * right / len(drawn)),
                    "submitted_at": timezone.make_aware(datetime.combine(day, time(16, 30))),
                },
            )


def _answer(item: selectors.DrawnQuestion, *, correct: bool) -> int:
    choices = [choice for choice in item.choices if choice.is_correct == correct]
    return choices[0].pk if choices else item.choices[0].pk


def write_demo_evaluations(session: Session) -> None:
    """Level 1 from most participants and every instructor of a held session, then the
    instructors' ratings; level 3 follow-ups when due, half of them answered."""
    participants = list(
        session.nominations.filter(status=Nomination.Status.ACCEPTED).select_related("person").order_by("pk")
    )
    links = list(session.instructor_links.select_related("assignment__instructor__person"))
    _participants_level_1(session, participants, [link.assignment_id for link in links])
    questionnaire = Questionnaire.objects.filter(code="l1-instructor").first()
    for link in links:
        answers: dict[str, Any] = {"preparation": 4, "engagement": 5, "organisation": 4, "material": 5}
        answers.update(duration=3, comments="Motivated group; one more day would help for the exercises.")
        _respond(questionnaire, session, link.assignment.instructor.person, answers, session.ends_on)
    refresh_instructor_ratings(session=session)
    _follow_ups(session, participants)


def _participants_level_1(
    session: Session, participants: list[Nomination], assignment_ids: list[int]
) -> None:
    questionnaire = Questionnaire.objects.filter(code="l1-participant").first()
    comments = COMMENTS.get(session.language, COMMENTS["en"])
    # The last participant did not answer: response rates below 100% are the norm.
    for index, nomination in enumerate(participants[:-1]):
        high = 5 - index % 3 // 2  # mostly fives, some fours
        answers: dict[str, Any] = {
            key: max(3, high - (key in {"venue", "time"}))
            for key in (
                "relevance",
                "objectives",
                "material",
                "knowledge",
                "delivery",
                "venue",
                "logistics",
                "time",
            )
        }
        answers["overall"] = high
        answers.update({f"instructor-{pk}": high for pk in assignment_ids})
        answers["most-useful"], answers["improve"] = comments[index % len(comments)]
        _respond(questionnaire, session, nomination.person, answers, session.ends_on)


def _respond(
    questionnaire: Questionnaire | None, session: Session, respondent: Any, answers: dict[str, Any], day: Any
) -> None:
    if questionnaire is None:
        return
    EvaluationResponse.objects.get_or_create(
        questionnaire=questionnaire,
        session=session,
        respondent=respondent,
        defaults={
            "answers": answers,
            "language": session.language,
            "submitted_at": timezone.make_aware(datetime.combine(day, time(17, 15))),
        },
    )


def _follow_ups(session: Session, participants: list[Nomination]) -> None:
    due = session.ends_on + timedelta(days=session.follow_up_after_days)
    if due > timezone.localdate():
        return
    sent_at = timezone.make_aware(datetime.combine(due, time(8)))
    participant_form = Questionnaire.objects.filter(code="l3-participant").first()
    supervisor_form = Questionnaire.objects.filter(code="l3-supervisor").first()
    for index, nomination in enumerate(participants):
        follow_up, created = FollowUp.objects.get_or_create(
            nomination=nomination,
            defaults={
                "due_on": due,
                "sent_at": sent_at,
                "supervisor_email": nomination.person.supervisor_email,
                "supervisor_key": new_supervisor_key(),
            },
        )
        if not created or index % 2:
            continue
        answered = sent_at + timedelta(days=4)
        example = L3_EXAMPLES.get(session.language, L3_EXAMPLES["en"])
        _respond(
            participant_form,
            session,
            nomination.person,
            {"use": 4, "examples": example, "obstacles": ""},
            answered.date(),
        )
        if supervisor_form is not None and follow_up.supervisor_email:
            EvaluationResponse.objects.get_or_create(
                questionnaire=supervisor_form,
                about=nomination,
                defaults={
                    "session": session,
                    "answers": {"change": 4, "observed": example, "comments": ""},
                    "language": session.language,
                    "submitted_at": answered + timedelta(days=2),
                },
            )
        follow_up.participant_answered_at = answered
        follow_up.supervisor_answered_at = (
            answered + timedelta(days=2) if follow_up.supervisor_email else None
        )
        follow_up.save(update_fields=["participant_answered_at", "supervisor_answered_at"])
