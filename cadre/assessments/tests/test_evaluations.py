"""Answering level 1 and level 3 questionnaires, and the instructors' ratings they feed."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from cadre.assessments import selectors, services
from cadre.assessments.models import EvaluationResponse, FollowUp, Questionnaire
from cadre.assessments.tests.conftest import add_instructor, add_participant, days
from cadre.audit.models import AuditEntry
from cadre.instructors.models import Assignment, Instructor

pytestmark = pytest.mark.django_db


def l1(audience="participant"):
    return Questionnaire.objects.get(level="l1", audience=audience)


def full_answers(questionnaire, session, rating=4, **extra):
    answers = {item.key: rating for item in selectors.answer_items(questionnaire, session) if item.is_rating}
    return {**answers, **extra}


def answer(nomination, rating=4, **extra):
    questionnaire = l1()
    return services.submit_evaluation(
        questionnaire=questionnaire,
        session=nomination.session,
        respondent=nomination.person,
        answers=full_answers(questionnaire, nomination.session, rating, **extra),
        language="fr",
    )


def test_the_questions_are_read_in_the_readers_language_and_one_per_instructor(ended):
    first = add_instructor(ended)
    second = add_instructor(ended)
    add_instructor(ended, cancelled_at=ended.created_at)  # no longer on the session
    with translation.override("es"):
        items = selectors.answer_items(l1(), ended)
    keys = [item.key for item in items]
    assert keys[:4] == ["relevance", "objectives", "material", f"instructor-{first.assignment_id}"]
    assert f"instructor-{second.assignment_id}" in keys
    assert len([key for key in keys if key.startswith("instructor-")]) == 2
    assert items[0].label == "Pertinencia del curso para mi trabajo"
    assert second.assignment.instructor.person.display_name in items[4].label


def test_a_participant_answers_once_and_comments_are_kept(participant):
    response = answer(participant, **{"improve": "  More exercises.  ", "unknown": "dropped"})
    assert response.language == "fr"
    assert response.about is None
    assert response.answers["improve"] == "More exercises."
    assert "unknown" not in response.answers
    assert AuditEntry.objects.filter(action="assessments.evaluation_submitted").count() == 1
    with pytest.raises(ValidationError, match="already been answered"):
        answer(participant)
    assert EvaluationResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"overall": None}, "answer every required question"),
        ({"overall": 6}, "whole number from 1 to 5"),
        ({"overall": "four"}, "whole number from 1 to 5"),
        ({"improve": "x" * 4001}, "at most 4000 characters"),
    ],
)
def test_bad_answers_change_nothing(participant, change, message):
    answers = {**full_answers(l1(), participant.session), **change}
    with pytest.raises(ValidationError, match=message):
        services.submit_evaluation(
            questionnaire=l1(),
            session=participant.session,
            respondent=participant.person,
            answers=answers,
            language="en",
        )
    assert not EvaluationResponse.objects.exists()


def test_only_the_sessions_people_answer_and_each_their_own_questionnaire(ended, participant, learner):
    with pytest.raises(PermissionDenied):
        services.submit_evaluation(
            questionnaire=l1(), session=ended, respondent=learner, answers={}, language="en"
        )
    with pytest.raises(PermissionDenied):  # a participant does not answer the instructors' questionnaire
        services.submit_evaluation(
            questionnaire=l1("instructor"),
            session=ended,
            respondent=participant.person,
            answers={},
            language="en",
        )
    link = add_instructor(ended)
    response = services.submit_evaluation(
        questionnaire=l1("instructor"),
        session=ended,
        respondent=link.assignment.instructor.person,
        answers=full_answers(l1("instructor"), ended, 3, comments="A keen group."),
        language="en",
    )
    assert response.answers["engagement"] == 3


def test_not_before_the_last_day(upcoming):
    nomination = add_participant(upcoming)
    with pytest.raises(ValidationError, match="not open"):
        answer(nomination)


def test_participants_ratings_feed_each_instructors_record(ended):
    first = add_instructor(ended)
    second = add_instructor(ended)
    key_1, key_2 = f"instructor-{first.assignment_id}", f"instructor-{second.assignment_id}"
    answer(add_participant(ended), **{key_1: 5, key_2: 2})
    answer(add_participant(ended), **{key_1: 4, key_2: 3})
    answer(add_participant(ended), **{key_1: 4, key_2: 3})
    one = Assignment.objects.get(pk=first.assignment_id)
    two = Assignment.objects.get(pk=second.assignment_id)
    assert (one.rating, one.rating_count) == (Decimal("4.33"), 3)
    assert (two.rating, two.rating_count) == (Decimal("2.67"), 3)
    instructor = Instructor.objects.get(pk=one.instructor_id)
    assert (instructor.average_rating, instructor.rating_count) == (Decimal("4.33"), 3)
    rated = AuditEntry.objects.filter(action="instructors.assignment_rated").count()
    # Recomputing from every response changes nothing the second time.
    assert services.refresh_instructor_ratings(session=ended) == 2
    assert AuditEntry.objects.filter(action="instructors.assignment_rated").count() == rated
    assert Assignment.objects.get(pk=first.assignment_id).rating_count == 3


def test_level_3_answers_mark_the_follow_up(participant):
    follow_up = FollowUp.objects.create(
        nomination=participant,
        due_on=days(0),
        supervisor_email="boss@police.example",
        supervisor_key="s" * 43,
    )
    questionnaire = Questionnaire.objects.get(code="l3-participant")
    response = services.submit_evaluation(
        questionnaire=questionnaire,
        session=participant.session,
        respondent=participant.person,
        answers={"use": 4, "examples": "Sent two diffusions."},
        language="en",
    )
    assert response.about == participant
    follow_up.refresh_from_db()
    assert follow_up.participant_answered_at is not None
    assert follow_up.supervisor_answered_at is None
    with pytest.raises(ValidationError, match="already been answered"):
        services.submit_evaluation(
            questionnaire=questionnaire,
            session=participant.session,
            respondent=participant.person,
            answers={"use": 4},
            language="en",
        )

    supervisor = services.submit_supervisor_evaluation(
        follow_up=follow_up, answers={"change": 5}, language="ar"
    )
    assert (supervisor.respondent, supervisor.about, supervisor.language) == (None, participant, "ar")
    follow_up.refresh_from_db()
    assert follow_up.supervisor_answered_at is not None
    with pytest.raises(ValidationError, match="already been answered"):
        services.submit_supervisor_evaluation(follow_up=follow_up, answers={"change": 1}, language="en")
    assert EvaluationResponse.objects.filter(about=participant).count() == 2


def test_level_3_needs_a_follow_up(participant):
    with pytest.raises(PermissionDenied):
        services.submit_evaluation(
            questionnaire=Questionnaire.objects.get(code="l3-participant"),
            session=participant.session,
            respondent=participant.person,
            answers={"use": 4},
            language="en",
        )
