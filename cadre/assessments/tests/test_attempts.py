"""The pre-test and the post-test: the same questions for everyone, answers in a session's own
order, scored on the server, taken once; and the gain."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cadre.assessments import models, selectors, services
from cadre.assessments.tests.conftest import (
    add_participant,
    fill_bank,
    make_session,
    right_answers,
    wrong_answers,
)
from cadre.audit.models import AuditEntry
from cadre.training_sessions.models import Session

pytestmark = pytest.mark.django_db


def test_the_test_takes_the_first_active_questions_by_position(course, ended):
    bank = fill_bank(course, 5, per_test=3)
    models.TestQuestion.objects.filter(bank=bank, position=2).update(is_active=False)
    models.TestQuestion.objects.filter(bank=bank, position=5).update(position=0)
    drawn = [item.question.position for item in selectors.drawn_questions(ended)]
    assert drawn == [0, 1, 3]


def test_answers_come_in_an_order_of_the_sessions_own(course, ended):
    fill_bank(course, 6, choices=6)
    other = make_session(course, status=Session.Status.RUNNING, starts=-3)
    first = selectors.drawn_questions(ended)
    assert [item.choices for item in first] == [item.choices for item in selectors.drawn_questions(ended)]
    orders = [[choice.position for choice in item.choices] for item in first]
    assert any(order != sorted(order) for order in orders)  # not always the stored order
    assert orders != [[c.position for c in item.choices] for item in selectors.drawn_questions(other)]


def test_scored_on_the_server_and_taken_once(course, upcoming):
    bank = fill_bank(course, 4)
    nomination = add_participant(upcoming)
    answers = right_answers(bank)
    first_question = min(answers)
    answers[first_question] = wrong_answers(bank)[first_question]
    attempt = services.submit_test(nomination=nomination, kind="pre", answers=answers)
    assert attempt.score_percent == 75
    assert AuditEntry.objects.filter(action="assessments.test_taken").count() == 1
    with pytest.raises(ValidationError, match="already taken"):
        services.submit_test(nomination=nomination, kind="pre", answers=right_answers(bank))
    assert models.TestAttempt.objects.get().score_percent == 75


@pytest.mark.parametrize(
    "spoil",
    [
        lambda answers, bank: answers.pop(min(answers)),  # one left unanswered
        lambda answers, bank: answers.update({min(answers): "x"}),
        # an answer of another question
        lambda answers, bank: answers.update({min(answers): answers[max(answers)]}),
    ],
)
def test_every_question_must_be_answered_with_one_of_its_answers(course, upcoming, spoil):
    bank = fill_bank(course, 3)
    nomination = add_participant(upcoming)
    answers = right_answers(bank)
    spoil(answers, bank)
    with pytest.raises(ValidationError, match="answer every question"):
        services.submit_test(nomination=nomination, kind="pre", answers=answers)
    assert not models.TestAttempt.objects.exists()


def test_only_participants_in_the_window(course, upcoming, ended):
    bank = fill_bank(course, 2)
    waitlisted = add_participant(upcoming, status="waitlisted")
    with pytest.raises(PermissionDenied):
        services.submit_test(nomination=waitlisted, kind="pre", answers=right_answers(bank))
    with pytest.raises(ValidationError, match="not open yet"):
        services.submit_test(nomination=add_participant(upcoming), kind="post", answers=right_answers(bank))
    with pytest.raises(ValidationError, match="closed"):
        services.submit_test(nomination=add_participant(ended), kind="pre", answers=right_answers(bank))
    with pytest.raises(ValidationError, match="no such test"):
        services.submit_test(nomination=add_participant(ended), kind="final", answers={})


def test_the_post_test_asks_the_pre_tests_questions_even_if_the_bank_changed(course, ended):
    bank = fill_bank(course, 3, per_test=2)
    Session.objects.filter(pk=ended.pk).update(status=Session.Status.RUNNING)
    before = [item.question.pk for item in selectors.drawn_questions(ended)]
    services.submit_test(nomination=add_participant(ended), kind="post", answers=right_answers(bank))
    models.TestQuestion.objects.filter(pk=before[0]).update(is_active=False)
    models.TestQuestion.objects.filter(bank=bank, position=3).update(position=0)
    assert [item.question.pk for item in selectors.drawn_questions(ended)] == before


def test_gain_per_participant(course, upcoming):
    bank = fill_bank(course, 4)
    nomination = add_participant(upcoming)
    services.submit_test(nomination=nomination, kind="pre", answers=wrong_answers(bank))
    assert selectors.results_of(nomination).gain is None
    models.TestAttempt.objects.create(session=upcoming, nomination=nomination, kind="post", score_percent=75)
    results = selectors.results_of(nomination)
    assert (results.pre, results.post, results.gain) == (0, 75, 75)
    assert selectors.post_test_scores(upcoming) == {nomination.pk: 75}
